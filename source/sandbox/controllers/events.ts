/**
 * Core v1 Events as the controllers' event recorders write them: one object per (object, reason, message,
 * source), named `<object>.<hex time>`, with count and lastTimestamp bumped when the same thing happens again.
 */
import type {KubeObject} from '../../domain/kube-object.js';
import {kinds} from './kinds.js';
import type {Runtime} from './runtime.js';

/** Who reports: the component shown as "From", and the node for kubelet events. */
export type EventSource = {component: string; host?: string; manager: string};

/** One thing that happened to an object. */
export type EventRecord = {
	type: 'Normal' | 'Warning';
	reason: string;
	message: string;
	source: EventSource;
	/** For container events: `spec.containers{web}`. */
	fieldPath?: string;
};

/** Records events about objects. */
export type EventRecorder = {record(involved: KubeObject, event: EventRecord): void};

/** Components as real clusters name them, with the field manager their writes carry. */
export const sources = {
	deployment: {component: 'deployment-controller', manager: 'kube-controller-manager'},
	replicaSet: {component: 'replicaset-controller', manager: 'kube-controller-manager'},
	statefulSet: {component: 'statefulset-controller', manager: 'kube-controller-manager'},
	daemonSet: {component: 'daemonset-controller', manager: 'kube-controller-manager'},
	job: {component: 'job-controller', manager: 'kube-controller-manager'},
	hpa: {component: 'horizontal-pod-autoscaler', manager: 'kube-controller-manager'},
	scheduler: {component: 'default-scheduler', manager: 'kube-scheduler'},
	kubelet: {component: 'kubelet', host: 'sandbox-node', manager: 'kubelet'},
	service: {component: 'service-controller', manager: 'cloud-controller-manager'},
	ingress: {component: 'nginx-ingress-controller', manager: 'nginx-ingress-controller'},
} as const satisfies Record<string, EventSource>;

/** Creates the recorder; it writes nothing when the store does not serve v1 Events. */
export function createEventRecorder(runtime: Omit<Runtime, 'events'>): EventRecorder {
	const seen = new Map<string, string>();
	let sequence = 0n;
	return {
		record(involved, event) {
			if (!runtime.served(kinds.event)) return;
			const namespace = involved.metadata.namespace ?? 'default';
			const key = [involved.metadata.uid, event.fieldPath, event.reason, event.message, event.type, event.source.component].join('\u0000');
			const time = runtime.timestamp();
			const existingName = seen.get(key);
			const existing = existingName === undefined ? undefined : runtime.get(kinds.event, namespace, existingName);
			if (existing) {
				runtime.update({...existing, count: Number(existing.count ?? 1) + 1, lastTimestamp: time}, event.source.manager);
				return;
			}
			// Real recorders name events after the object and the time in nanoseconds, in hex.
			const nanos = BigInt(runtime.now().getTime()) * 1_000_000n + sequence++;
			const name = `${involved.metadata.name ?? 'unknown'}.${nanos.toString(16)}`;
			const created = runtime.create({
				apiVersion: 'v1',
				kind: 'Event',
				metadata: {name, namespace},
				involvedObject: {
					apiVersion: involved.apiVersion,
					kind: involved.kind,
					name: involved.metadata.name,
					namespace: involved.metadata.namespace,
					uid: involved.metadata.uid,
					resourceVersion: involved.metadata.resourceVersion,
					...(event.fieldPath ? {fieldPath: event.fieldPath} : {}),
				},
				reason: event.reason,
				message: event.message,
				type: event.type,
				count: 1,
				firstTimestamp: time,
				lastTimestamp: time,
				eventTime: null,
				source: event.source.host ? {component: event.source.component, host: event.source.host} : {component: event.source.component},
				reportingComponent: event.source.component,
				reportingInstance: event.source.host ?? '',
			}, event.source.manager);
			if (created) seen.set(key, name);
		},
	};
}
