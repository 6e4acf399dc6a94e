/**
 * The ReplicaSet controller: keeps `spec.replicas` active pods, deleting the least useful first
 * (unscheduled, pending, not ready, newest), and reports replicas, ready and available counts.
 */
import type {KubeObject} from '../../domain/kube-object.js';
import {type Controller, primaryAndOwnerKeys} from './controller.js';
import {sources} from './events.js';
import {kinds} from './kinds.js';
import {controlledBy, controllerRef, splitKey} from './owners.js';
import {isPodActive, isPodReady, podAvailability, podFromTemplate, podPhase} from './pods.js';
import type {Runtime} from './runtime.js';
import {stableStringify} from './template-hash.js';

type Spec = {replicas?: number; minReadySeconds?: number; template?: {metadata?: {labels?: Record<string, string>}}};
type Status = {conditions?: unknown[]};

/** Creates the ReplicaSet controller. */
export function createReplicaSetController(runtime: Runtime): Controller {
	return {
		name: 'replicaset',
		primary: kinds.replicaSet,
		keysFor: event => primaryAndOwnerKeys(event, kinds.replicaSet, [kinds.pod]),
		reconcile(key) {
			const {namespace, name} = splitKey(key);
			const replicaSet = runtime.get(kinds.replicaSet, namespace, name);
			if (!replicaSet || replicaSet.metadata.deletionTimestamp) return;
			const spec = (replicaSet.spec ?? {}) as Spec;
			const active = controlledBy(runtime.list(kinds.pod, namespace), replicaSet).filter(isPodActive);
			const wanted = spec.replicas ?? 1;
			if (active.length < wanted) createPods(runtime, replicaSet, wanted - active.length);
			if (active.length > wanted) deletePods(runtime, replicaSet, active, active.length - wanted);
			writeStatus(runtime, key, spec);
		},
	};
}

function createPods(runtime: Runtime, replicaSet: KubeObject, count: number): void {
	const prefix = `${replicaSet.metadata.name}-`;
	for (let index = 0; index < count; index++) {
		const name = runtime.generateName(kinds.pod, replicaSet.metadata.namespace, prefix);
		const pod = podFromTemplate({
			template: (replicaSet.spec as Spec).template,
			name,
			generateName: prefix,
			namespace: replicaSet.metadata.namespace,
			owner: controllerRef(replicaSet),
		});
		if (!runtime.create(pod, sources.replicaSet.manager)) return;
		runtime.events.record(replicaSet, {type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${name}`, source: sources.replicaSet});
	}
}

function deletePods(runtime: Runtime, replicaSet: KubeObject, pods: KubeObject[], count: number): void {
	for (const pod of [...pods].sort(deletionOrder).slice(0, count)) {
		runtime.remove(pod);
		runtime.events.record(replicaSet, {type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted pod: ${pod.metadata.name}`, source: sources.replicaSet});
	}
}

/** Least useful first, as controller.ActivePods ranks them. */
function deletionOrder(a: KubeObject, b: KubeObject): number {
	const rank = (pod: KubeObject) => [
		(pod.spec as {nodeName?: string}).nodeName ? 1 : 0,
		podPhase(pod) === 'Pending' ? 0 : podPhase(pod) === 'Running' ? 2 : 1,
		isPodReady(pod) ? 1 : 0,
	];
	const [left, right] = [rank(a), rank(b)];
	for (let index = 0; index < left.length; index++) if (left[index] !== right[index]) return left[index]! - right[index]!;
	// Newer pods go first.
	return (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '');
}

function writeStatus(runtime: Runtime, key: string, spec: Spec): void {
	const {namespace, name} = splitKey(key);
	const replicaSet = runtime.get(kinds.replicaSet, namespace, name);
	if (!replicaSet) return;
	const now = runtime.now();
	const pods = controlledBy(runtime.list(kinds.pod, namespace), replicaSet).filter(isPodActive);
	const templateLabels = spec.template?.metadata?.labels ?? {};
	let available = 0;
	let wakeAfter: number | undefined;
	for (const pod of pods) {
		const availability = podAvailability(pod, spec.minReadySeconds ?? 0, now);
		if (availability.available) available += 1;
		if (availability.after !== undefined) wakeAfter = Math.min(wakeAfter ?? Infinity, availability.after);
	}
	const ready = pods.filter(isPodReady).length;
	const fullyLabeled = pods.filter(pod => Object.entries(templateLabels).every(([label, value]) => pod.metadata.labels?.[label] === value)).length;
	const previous = (replicaSet.status ?? {}) as Status;
	// Zero counts are omitted (omitempty), except replicas.
	const status: Record<string, unknown> = {replicas: pods.length};
	if (fullyLabeled > 0) status.fullyLabeledReplicas = fullyLabeled;
	if (ready > 0) status.readyReplicas = ready;
	if (available > 0) status.availableReplicas = available;
	if (replicaSet.metadata.generation !== undefined) status.observedGeneration = replicaSet.metadata.generation;
	if (previous.conditions) status.conditions = previous.conditions;
	if (stableStringify(status) !== stableStringify(previous)) runtime.updateStatus(replicaSet, status, sources.replicaSet.manager);
	if (wakeAfter !== undefined) runtime.queue.enqueue('replicaset', key, wakeAfter);
}
