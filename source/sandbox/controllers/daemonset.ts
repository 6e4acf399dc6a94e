/**
 * The DaemonSet controller for a one-node cluster: one pod on `sandbox-node`, pinned there by node affinity
 * with the tolerations daemon pods get; a template change replaces it (maxUnavailable 1, maxSurge 0).
 */
import type {KubeObject} from '../../domain/kube-object.js';
import {templateGenerationAnnotation} from '../defaults/daemonset.js';
import {type Controller, primaryAndOwnerKeys} from './controller.js';
import {sources} from './events.js';
import {kinds, nodeName} from './kinds.js';
import {controlledBy, controllerRef, splitKey} from './owners.js';
import {isPodActive, isPodReady, podAvailability, podFromTemplate} from './pods.js';
import type {Runtime} from './runtime.js';
import {stableStringify, templateHash} from './template-hash.js';

type Spec = {minReadySeconds?: number; template?: {spec?: {tolerations?: unknown[]; hostNetwork?: boolean}}; updateStrategy?: {type?: string}};

const revisionLabel = 'controller-revision-hash';
const tolerations = [
	{effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists'},
	{effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists'},
	{effect: 'NoSchedule', key: 'node.kubernetes.io/disk-pressure', operator: 'Exists'},
	{effect: 'NoSchedule', key: 'node.kubernetes.io/memory-pressure', operator: 'Exists'},
	{effect: 'NoSchedule', key: 'node.kubernetes.io/pid-pressure', operator: 'Exists'},
	{effect: 'NoSchedule', key: 'node.kubernetes.io/unschedulable', operator: 'Exists'},
];

/** Creates the DaemonSet controller. */
export function createDaemonSetController(runtime: Runtime): Controller {
	return {
		name: 'daemonset',
		primary: kinds.daemonSet,
		keysFor: event => primaryAndOwnerKeys(event, kinds.daemonSet, [kinds.pod]),
		reconcile(key) {
			const {namespace, name} = splitKey(key);
			const set = runtime.get(kinds.daemonSet, namespace, name);
			if (!set || set.metadata.deletionTimestamp) return;
			const spec = (set.spec ?? {}) as Spec;
			const hash = templateHash(spec.template);
			const pods = controlledBy(runtime.list(kinds.pod, namespace), set).filter(isPodActive);
			for (const extra of pods.slice(1)) deletePod(runtime, set, extra);
			const [pod] = pods;
			if (!pod) createPod(runtime, set, spec, hash);
			else if (pod.metadata.labels?.[revisionLabel] !== hash && (spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate') {
				deletePod(runtime, set, pod);
			}
			writeStatus(runtime, set, hash);
		},
	};
}

function createPod(runtime: Runtime, set: KubeObject, spec: Spec, hash: string): void {
	const prefix = `${set.metadata.name}-`;
	const name = runtime.generateName(kinds.pod, set.metadata.namespace, prefix);
	const extra = spec.template?.spec?.hostNetwork ? [{effect: 'NoSchedule', key: 'node.kubernetes.io/network-unavailable', operator: 'Exists'}] : [];
	const pod = podFromTemplate({
		template: spec.template,
		name,
		generateName: prefix,
		namespace: set.metadata.namespace,
		owner: controllerRef(set),
		labels: {[revisionLabel]: hash, 'pod-template-generation': set.metadata.annotations?.[templateGenerationAnnotation] ?? '1'},
		spec: {
			affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchFields: [{key: 'metadata.name', operator: 'In', values: [nodeName]}]}]}}},
			tolerations: [...(spec.template?.spec?.tolerations ?? []), ...tolerations, ...extra],
		},
	});
	if (!runtime.create(pod, sources.daemonSet.manager)) return;
	runtime.events.record(set, {type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${name}`, source: sources.daemonSet});
}

function deletePod(runtime: Runtime, set: KubeObject, pod: KubeObject): void {
	runtime.remove(pod);
	runtime.events.record(set, {type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted pod: ${pod.metadata.name}`, source: sources.daemonSet});
}

function writeStatus(runtime: Runtime, stale: KubeObject, hash: string): void {
	const set = runtime.get(kinds.daemonSet, stale.metadata.namespace, stale.metadata.name ?? '');
	if (!set) return;
	const spec = (set.spec ?? {}) as Spec;
	const pods = controlledBy(runtime.list(kinds.pod, set.metadata.namespace), set).filter(isPodActive);
	const available = pods.filter(pod => podAvailability(pod, spec.minReadySeconds ?? 0, runtime.now()).available).length;
	const status: Record<string, unknown> = {
		currentNumberScheduled: Math.min(pods.length, 1),
		desiredNumberScheduled: 1,
		numberMisscheduled: 0,
		numberReady: pods.filter(isPodReady).length,
		observedGeneration: set.metadata.generation,
	};
	// The rest are omitempty.
	if (available > 0) status.numberAvailable = available;
	if (available < 1) status.numberUnavailable = 1 - available;
	const updated = pods.filter(pod => pod.metadata.labels?.[revisionLabel] === hash).length;
	if (updated > 0) status.updatedNumberScheduled = updated;
	if (status.observedGeneration === undefined) delete status.observedGeneration;
	if (stableStringify(status) !== stableStringify(set.status ?? {})) runtime.updateStatus(set, status, sources.daemonSet.manager);
}
