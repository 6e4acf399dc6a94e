/**
 * The scheduler: binds every pending pod that asks for the default scheduler to the sandbox's one node,
 * with the PodScheduled condition and the Scheduled event a real scheduler leaves.
 */
import type {KubeObject} from '../../domain/kube-object.js';
import type {Controller} from './controller.js';
import {sources} from './events.js';
import {isKind, kinds, nodeName} from './kinds.js';
import {keyOf, splitKey} from './owners.js';
import type {Runtime} from './runtime.js';

type PodSpec = {nodeName?: string; schedulerName?: string};

/** Creates the scheduler controller. */
export function createPodScheduler(runtime: Runtime): Controller {
	// When each pod became eligible, so binding waits a moment as a real scheduler's queue does.
	const seen = new Map<string, {uid: string | undefined; due: number}>();
	return {
		name: 'pod-scheduler',
		primary: kinds.pod,
		keysFor(event) {
			if (!isKind(event.object, kinds.pod)) return [];
			if (event.type === 'DELETED') {
				seen.delete(keyOf(event.object));
				return [];
			}
			return needsBinding(event.object) ? [keyOf(event.object)] : [];
		},
		reconcile(key) {
			const {namespace, name} = splitKey(key);
			const pod = runtime.get(kinds.pod, namespace, name);
			if (!pod || !needsBinding(pod)) {
				seen.delete(key);
				return;
			}
			const now = runtime.now().getTime();
			let entry = seen.get(key);
			if (!entry || entry.uid !== pod.metadata.uid) {
				entry = {uid: pod.metadata.uid, due: now + runtime.delays.schedule};
				seen.set(key, entry);
			}
			if (now < entry.due) {
				runtime.queue.enqueue('pod-scheduler', key, entry.due - now);
				return;
			}
			seen.delete(key);
			bind(runtime, pod);
		},
	};
}

function needsBinding(pod: KubeObject): boolean {
	const spec = (pod.spec ?? {}) as PodSpec;
	return !spec.nodeName && (spec.schedulerName ?? 'default-scheduler') === 'default-scheduler' && !pod.metadata.deletionTimestamp;
}

function bind(runtime: Runtime, pod: KubeObject): void {
	const bound = runtime.update({...pod, spec: {...(pod.spec as object), nodeName}}, sources.scheduler.manager);
	if (!bound) return;
	const time = runtime.timestamp();
	const status = (bound.status ?? {}) as {conditions?: unknown[]};
	runtime.updateStatus(bound, {
		...status,
		phase: 'Pending',
		conditions: [{type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: time}],
	}, sources.scheduler.manager);
	runtime.events.record(bound, {
		type: 'Normal',
		reason: 'Scheduled',
		message: `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${nodeName}`,
		source: sources.scheduler,
	});
}
