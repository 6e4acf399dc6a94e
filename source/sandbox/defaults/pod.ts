/**
 * What a created Pod gains beyond its spec's defaults: SetDefaults_Pod (service links, requests from
 * limits) and the admission plugins every cluster runs (ServiceAccount, Priority, DefaultTolerationSeconds),
 * plus the status the registry sets on create (phase Pending, QoS class).
 */
import type {KubeObject} from '../../domain/kube-object.js';
import {type Fields, ensure, isFields, records, setDefault} from './fields.js';
import {nameSuffix} from './hash.js';
import {defaultPodSpec} from './pod-spec.js';

const tokenMountPath = '/var/run/secrets/kubernetes.io/serviceaccount';
const taintTolerations = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'];

/** Defaults a Pod in place. */
export function defaultPod(pod: KubeObject): void {
	const spec = ensure(pod, 'spec');
	defaultPodSpec(spec);
	setDefault(spec, 'enableServiceLinks', true);
	for (const container of podContainers(spec)) requestsFromLimits(container);
	setDefault(spec, 'serviceAccountName', typeof spec.serviceAccount === 'string' ? spec.serviceAccount : 'default');
	spec.serviceAccount = spec.serviceAccountName;
	if (spec.automountServiceAccountToken !== false) mountToken(spec, pod.metadata.name ?? pod.metadata.generateName ?? '');
	setDefault(spec, 'priority', 0);
	setDefault(spec, 'preemptionPolicy', 'PreemptLowerPriority');
	addDefaultTolerations(spec);
	const status = ensure(pod, 'status');
	setDefault(status, 'phase', 'Pending');
	status.qosClass = qosClass(spec);
}

/** The QoS class the kubelet and scheduler use: Guaranteed, Burstable or BestEffort (qos.GetPodQOS). */
export function qosClass(spec: Fields): 'Guaranteed' | 'Burstable' | 'BestEffort' {
	const containers = podContainers(spec);
	let anything = false;
	let guaranteed = true;
	for (const container of containers) {
		const resources = isFields(container.resources) ? container.resources : {};
		const requests = isFields(resources.requests) ? resources.requests : {};
		const limits = isFields(resources.limits) ? resources.limits : {};
		for (const name of ['cpu', 'memory']) {
			const request = nonZero(requests[name]);
			const limit = nonZero(limits[name]);
			if (request !== undefined || limit !== undefined) anything = true;
			if (limit === undefined || request !== limit) guaranteed = false;
		}
	}
	if (!anything) return 'BestEffort';
	return guaranteed ? 'Guaranteed' : 'Burstable';
}

// Ephemeral containers are added later through their own subresource and take no part in these.
function podContainers(spec: Fields): Fields[] {
	return [...records(spec.initContainers), ...records(spec.containers)];
}

function nonZero(value: unknown): string | undefined {
	return value === undefined || value === '0' || value === 0 ? undefined : String(value);
}

function requestsFromLimits(container: Fields): void {
	const resources = ensure(container, 'resources');
	if (!isFields(resources.limits)) return;
	const requests = ensure(resources, 'requests');
	for (const [name, value] of Object.entries(resources.limits)) if (!(name in requests)) requests[name] = value;
}

function mountToken(spec: Fields, podName: string): void {
	const containers = podContainers(spec);
	const mounted = containers.some(container => records(container.volumeMounts).some(mount => mount.mountPath === tokenMountPath));
	if (mounted) return;
	// The real plugin picks a random suffix; deriving it from the pod keeps defaulting idempotent.
	const volumeName = `kube-api-access-${nameSuffix(`kube-api-access/${podName}`)}`;
	const volumes = Array.isArray(spec.volumes) ? spec.volumes : (spec.volumes = []);
	volumes.push({
		name: volumeName,
		projected: {
			defaultMode: 420,
			sources: [
				{serviceAccountToken: {expirationSeconds: 3607, path: 'token'}},
				{configMap: {items: [{key: 'ca.crt', path: 'ca.crt'}], name: 'kube-root-ca.crt'}},
				{downwardAPI: {items: [{fieldRef: {apiVersion: 'v1', fieldPath: 'metadata.namespace'}, path: 'namespace'}]}},
			],
		},
	});
	for (const container of containers) {
		const mounts = Array.isArray(container.volumeMounts) ? container.volumeMounts : (container.volumeMounts = []);
		mounts.push({mountPath: tokenMountPath, name: volumeName, readOnly: true});
	}
}

function addDefaultTolerations(spec: Fields): void {
	const tolerations = records(spec.tolerations);
	const missing = taintTolerations.filter(key => !tolerations.some(toleration => tolerates(toleration, key)));
	if (missing.length === 0) return;
	const list = Array.isArray(spec.tolerations) ? spec.tolerations : (spec.tolerations = []);
	for (const key of missing) list.push({effect: 'NoExecute', key, operator: 'Exists', tolerationSeconds: 300});
}

function tolerates(toleration: Fields, key: string): boolean {
	const effectMatches = toleration.effect === undefined || toleration.effect === '' || toleration.effect === 'NoExecute';
	const keyMatches = toleration.key === key || ((toleration.key === undefined || toleration.key === '') && toleration.operator === 'Exists');
	return effectMatches && keyMatches;
}
