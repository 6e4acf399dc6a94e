/**
 * The StatefulSet controller: pods `<name>-0..n-1` with stable identity (hostname, subdomain, claims from
 * volumeClaimTemplates), created in order and each only once the one before is ready (OrderedReady) or all
 * at once (Parallel); a template change replaces pods from the highest ordinal down to the partition.
 */
import type {KubeObject} from '../../domain/kube-object.js';
import {type Controller, primaryAndOwnerKeys} from './controller.js';
import {sources} from './events.js';
import {kinds} from './kinds.js';
import {controlledBy, controllerRef, splitKey} from './owners.js';
import {isPodActive, isPodReady, podAvailability, podFromTemplate} from './pods.js';
import type {Runtime} from './runtime.js';
import {stableStringify, templateHash} from './template-hash.js';

type Claim = {metadata?: {name?: string; labels?: Record<string, string>}; spec?: unknown};
type Spec = {
	replicas?: number;
	serviceName?: string;
	podManagementPolicy?: string;
	minReadySeconds?: number;
	selector?: {matchLabels?: Record<string, string>};
	updateStrategy?: {type?: string; rollingUpdate?: {partition?: number}};
	template?: {spec?: {volumes?: Array<Record<string, unknown>>}};
	volumeClaimTemplates?: Claim[];
};

const revisionLabel = 'controller-revision-hash';

/** Creates the StatefulSet controller. */
export function createStatefulSetController(runtime: Runtime): Controller {
	return {
		name: 'statefulset',
		primary: kinds.statefulSet,
		keysFor: event => primaryAndOwnerKeys(event, kinds.statefulSet, [kinds.pod]),
		reconcile(key) {
			const {namespace, name} = splitKey(key);
			const set = runtime.get(kinds.statefulSet, namespace, name);
			if (!set || set.metadata.deletionTimestamp) return;
			const spec = (set.spec ?? {}) as Spec;
			const revision = `${name}-${templateHash(spec.template)}`;
			const replicas = spec.replicas ?? 1;
			const pods = byOrdinal(name, controlledBy(runtime.list(kinds.pod, namespace), set));
			const parallel = spec.podManagementPolicy === 'Parallel';
			// Scale down from the highest ordinal, one at a time unless Parallel.
			const surplus = [...pods.keys()].filter(ordinal => ordinal >= replicas).sort((a, b) => b - a);
			for (const ordinal of parallel ? surplus : surplus.slice(0, 1)) deletePod(runtime, set, pods.get(ordinal)!);
			if (surplus.length > 0 && !parallel) return writeStatus(runtime, set, revision);
			for (let ordinal = 0; ordinal < replicas; ordinal++) {
				const pod = pods.get(ordinal);
				if (!pod) {
					createPod(runtime, set, spec, ordinal, revision);
					if (!parallel) break;
					continue;
				}
				if (!parallel && !isPodReady(pod)) break;
			}
			rollOnePod(runtime, set, spec, pods, replicas, revision);
			writeStatus(runtime, set, revision);
		},
	};
}

function byOrdinal(name: string, pods: KubeObject[]): Map<number, KubeObject> {
	const result = new Map<number, KubeObject>();
	for (const pod of pods) {
		const suffix = (pod.metadata.name ?? '').slice(name.length + 1);
		if (/^\d+$/.test(suffix) && isPodActive(pod)) result.set(Number(suffix), pod);
	}
	return result;
}

function createPod(runtime: Runtime, set: KubeObject, spec: Spec, ordinal: number, revision: string): void {
	const setName = set.metadata.name ?? '';
	const podName = `${setName}-${ordinal}`;
	const volumes = [...(spec.template?.spec?.volumes ?? [])];
	for (const claim of spec.volumeClaimTemplates ?? []) {
		const claimName = `${claim.metadata?.name}-${podName}`;
		if (!volumes.some(volume => volume.name === claim.metadata?.name)) volumes.push({name: claim.metadata?.name ?? '', persistentVolumeClaim: {claimName}});
		createClaim(runtime, set, spec, claim, claimName, podName);
	}
	const pod = podFromTemplate({
		template: spec.template,
		name: podName,
		namespace: set.metadata.namespace,
		owner: controllerRef(set),
		labels: {[revisionLabel]: revision, 'statefulset.kubernetes.io/pod-name': podName, 'apps.kubernetes.io/pod-index': String(ordinal)},
		spec: {hostname: podName, ...(spec.serviceName ? {subdomain: spec.serviceName} : {}), ...(volumes.length > 0 ? {volumes} : {})},
	});
	pod.metadata.generateName = `${setName}-`;
	if (!runtime.create(pod, sources.statefulSet.manager)) return;
	runtime.events.record(set, {type: 'Normal', reason: 'SuccessfulCreate', message: `create Pod ${podName} in StatefulSet ${setName} successful`, source: sources.statefulSet});
}

/** Claims for volumeClaimTemplates, when the store serves PersistentVolumeClaims; they outlive their pods. */
function createClaim(runtime: Runtime, set: KubeObject, spec: Spec, claim: Claim, claimName: string, podName: string): void {
	if (!runtime.served(kinds.persistentVolumeClaim) || runtime.get(kinds.persistentVolumeClaim, set.metadata.namespace, claimName)) return;
	const created = runtime.create({
		apiVersion: 'v1',
		kind: 'PersistentVolumeClaim',
		metadata: {name: claimName, namespace: set.metadata.namespace, labels: {...spec.selector?.matchLabels, ...claim.metadata?.labels}},
		spec: structuredClone(claim.spec ?? {}),
	}, sources.statefulSet.manager);
	if (created) {
		runtime.events.record(set, {type: 'Normal', reason: 'SuccessfulCreate', message: `create Claim ${claimName} Pod ${podName} in StatefulSet ${set.metadata.name} success`, source: sources.statefulSet});
	}
}

function deletePod(runtime: Runtime, set: KubeObject, pod: KubeObject): void {
	runtime.remove(pod);
	runtime.events.record(set, {type: 'Normal', reason: 'SuccessfulDelete', message: `delete Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`, source: sources.statefulSet});
}

/** RollingUpdate: once every pod is ready, replace the highest-ordinal outdated pod at or above the partition. */
function rollOnePod(runtime: Runtime, set: KubeObject, spec: Spec, pods: Map<number, KubeObject>, replicas: number, revision: string): void {
	if ((spec.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return;
	const partition = spec.updateStrategy?.rollingUpdate?.partition ?? 0;
	for (let ordinal = 0; ordinal < replicas; ordinal++) {
		const pod = pods.get(ordinal);
		if (!pod || !isPodReady(pod)) return;
	}
	for (let ordinal = replicas - 1; ordinal >= partition; ordinal--) {
		const pod = pods.get(ordinal);
		if (pod && pod.metadata.labels?.[revisionLabel] !== revision) {
			deletePod(runtime, set, pod);
			return;
		}
	}
}

function writeStatus(runtime: Runtime, stale: KubeObject, revision: string): void {
	const set = runtime.get(kinds.statefulSet, stale.metadata.namespace, stale.metadata.name ?? '');
	if (!set) return;
	const spec = (set.spec ?? {}) as Spec;
	const pods = [...byOrdinal(set.metadata.name ?? '', controlledBy(runtime.list(kinds.pod, set.metadata.namespace), set)).values()];
	const previous = (set.status ?? {}) as Record<string, unknown>;
	const updated = pods.filter(pod => pod.metadata.labels?.[revisionLabel] === revision).length;
	const ready = pods.filter(isPodReady).length;
	const available = pods.filter(pod => podAvailability(pod, spec.minReadySeconds ?? 0, runtime.now()).available).length;
	// The current revision catches up once every pod runs the update revision and is ready.
	const settled = updated === (spec.replicas ?? 1) && pods.length === updated && ready === updated;
	const currentRevision = settled || typeof previous.currentRevision !== 'string' ? revision : previous.currentRevision;
	const status: Record<string, unknown> = {
		availableReplicas: available,
		collisionCount: 0,
		currentReplicas: pods.filter(pod => pod.metadata.labels?.[revisionLabel] === currentRevision).length,
		currentRevision,
		observedGeneration: set.metadata.generation,
		replicas: pods.length,
		updateRevision: revision,
		updatedReplicas: updated,
	};
	if (ready > 0) status.readyReplicas = ready;
	for (const key of Object.keys(status)) if (status[key] === undefined || (status[key] === 0 && !['availableReplicas', 'collisionCount', 'replicas'].includes(key))) delete status[key];
	if (stableStringify(status) !== stableStringify(previous)) runtime.updateStatus(set, status, sources.statefulSet.manager);
}
