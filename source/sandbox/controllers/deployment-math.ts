/**
 * The rolling-update arithmetic of the deployment controller (deploymentutil): surge and unavailability
 * budgets from ints or percentages, and how far a new ReplicaSet may scale up.
 */
import type {KubeObject} from '../../domain/kube-object.js';

/** The fields of a Deployment spec the controller reads. */
export type DeploymentSpec = {
	replicas?: number;
	paused?: boolean;
	minReadySeconds?: number;
	progressDeadlineSeconds?: number;
	revisionHistoryLimit?: number;
	strategy?: {type?: string; rollingUpdate?: {maxSurge?: number | string; maxUnavailable?: number | string}};
	selector?: {matchLabels?: Record<string, string>; matchExpressions?: unknown[]};
	template?: {metadata?: {labels?: Record<string, string>}};
};

type ReplicaSetFields = {spec?: {replicas?: number}; status?: {replicas?: number; readyReplicas?: number; availableReplicas?: number}};

/** The Deployment's spec, typed. */
export function deploymentSpec(deployment: KubeObject): DeploymentSpec {
	return (deployment.spec ?? {}) as DeploymentSpec;
}

/** Desired replicas of a Deployment. */
export function desiredReplicas(spec: DeploymentSpec): number {
	return spec.replicas ?? 1;
}

/** spec.replicas of a ReplicaSet. */
export function specReplicas(replicaSet: KubeObject): number {
	return (replicaSet as ReplicaSetFields).spec?.replicas ?? 0;
}

/** A status counter of a ReplicaSet (absent counts as 0, as omitempty writes it). */
export function statusCount(replicaSet: KubeObject, field: 'replicas' | 'readyReplicas' | 'availableReplicas'): number {
	return (replicaSet as ReplicaSetFields).status?.[field] ?? 0;
}

/** Sums spec.replicas over ReplicaSets. */
export function sumSpecReplicas(replicaSets: KubeObject[]): number {
	return replicaSets.reduce((sum, replicaSet) => sum + specReplicas(replicaSet), 0);
}

/** Sums a status counter over ReplicaSets. */
export function sumStatus(replicaSets: KubeObject[], field: 'replicas' | 'readyReplicas' | 'availableReplicas'): number {
	return replicaSets.reduce((sum, replicaSet) => sum + statusCount(replicaSet, field), 0);
}

/** Whether the Deployment rolls (RollingUpdate) rather than recreates. */
export function isRolling(spec: DeploymentSpec): boolean {
	return (spec.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

/** maxSurge rounded up and maxUnavailable rounded down; both zero means one may be unavailable. */
export function resolveFenceposts(spec: DeploymentSpec): {maxSurge: number; maxUnavailable: number} {
	const replicas = desiredReplicas(spec);
	const rolling = spec.strategy?.rollingUpdate ?? {};
	const maxSurge = scaledValue(rolling.maxSurge ?? '25%', replicas, true);
	const maxUnavailable = scaledValue(rolling.maxUnavailable ?? '25%', replicas, false);
	return maxSurge === 0 && maxUnavailable === 0 ? {maxSurge, maxUnavailable: 1} : {maxSurge, maxUnavailable};
}

/** How many pods may be missing during a rollout (0 for Recreate). */
export function maxUnavailable(spec: DeploymentSpec): number {
	const replicas = desiredReplicas(spec);
	if (!isRolling(spec) || replicas === 0) return 0;
	return Math.min(resolveFenceposts(spec).maxUnavailable, replicas);
}

/** How many pods above the desired count a rollout may run (0 for Recreate). */
export function maxSurge(spec: DeploymentSpec): number {
	return isRolling(spec) ? resolveFenceposts(spec).maxSurge : 0;
}

/** How many replicas the new ReplicaSet should have now (NewRSNewReplicas). */
export function newReplicaSetReplicas(spec: DeploymentSpec, all: KubeObject[], newReplicaSet: KubeObject | undefined): number {
	const replicas = desiredReplicas(spec);
	if (!isRolling(spec)) return replicas;
	const current = newReplicaSet ? specReplicas(newReplicaSet) : 0;
	const maxTotal = replicas + maxSurge(spec);
	const podCount = sumSpecReplicas(all);
	if (podCount >= maxTotal) return current;
	return current + Math.min(maxTotal - podCount, replicas - current);
}

function scaledValue(value: number | string, total: number, roundUp: boolean): number {
	if (typeof value === 'number') return value;
	if (value.endsWith('%')) {
		const scaled = (Number.parseInt(value, 10) * total) / 100;
		return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
	}
	return Number.parseInt(value, 10) || 0;
}
