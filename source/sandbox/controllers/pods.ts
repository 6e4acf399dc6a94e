/** Pod facts the workload controllers count by, and pods made from templates. */
import type {KubeObject, OwnerReference} from '../../domain/kube-object.js';

type Condition = {type?: string; status?: string; lastTransitionTime?: string};
type PodStatus = {phase?: string; conditions?: Condition[]};
type Template = {metadata?: {labels?: Record<string, string>; annotations?: Record<string, string>}; spec?: Record<string, unknown>};

/** The pod's phase ('' when none is written). */
export function podPhase(pod: KubeObject): string {
	return (pod.status as PodStatus | undefined)?.phase ?? '';
}

/** Counted by controllers: not finished and not being deleted (controller.IsPodActive). */
export function isPodActive(pod: KubeObject): boolean {
	const phase = podPhase(pod);
	return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}

/** The pod's Ready condition is True. */
export function isPodReady(pod: KubeObject): boolean {
	return readyCondition(pod)?.status === 'True';
}

/**
 * Ready for at least minReadySeconds (podutil.IsPodAvailable). When it will become available later,
 * `after` says in how many ms, so the caller can look again then.
 */
export function podAvailability(pod: KubeObject, minReadySeconds: number, now: Date): {available: boolean; after?: number} {
	const ready = readyCondition(pod);
	if (ready?.status !== 'True') return {available: false};
	if (minReadySeconds <= 0) return {available: true};
	const since = Date.parse(ready.lastTransitionTime ?? '');
	const remaining = since + minReadySeconds * 1000 - now.getTime();
	return remaining < 0 || Number.isNaN(since) ? {available: true} : {available: false, after: remaining + 1};
}

function readyCondition(pod: KubeObject): Condition | undefined {
	return (pod.status as PodStatus | undefined)?.conditions?.find(condition => condition.type === 'Ready');
}

/** Options for podFromTemplate. */
export type PodFromTemplate = {
	template: unknown;
	name: string;
	namespace: string | undefined;
	owner: OwnerReference;
	/** generateName as the controller sent it (`web-58fcbf4c9f-`); StatefulSets send none. */
	generateName?: string;
	labels?: Record<string, string>;
	/** Spec fields a controller adds (hostname, affinity...). */
	spec?: Record<string, unknown>;
};

/** A Pod as a workload controller creates it from its template (controller.GetPodFromTemplate). */
export function podFromTemplate(options: PodFromTemplate): KubeObject {
	const template = (options.template ?? {}) as Template;
	const metadata: KubeObject['metadata'] = {
		name: options.name,
		namespace: options.namespace,
		labels: {...template.metadata?.labels, ...options.labels},
		ownerReferences: [options.owner],
	};
	if (options.generateName) metadata.generateName = options.generateName;
	if (template.metadata?.annotations) metadata.annotations = {...template.metadata.annotations};
	return {apiVersion: 'v1', kind: 'Pod', metadata, spec: {...structuredClone(template.spec ?? {}), ...options.spec}};
}
