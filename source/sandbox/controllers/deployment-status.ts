/**
 * A Deployment's status as syncRolloutStatus computes it: counts from its ReplicaSets, the Available
 * condition, and Progressing with the real reasons (NewReplicaSetCreated, ReplicaSetUpdated,
 * NewReplicaSetAvailable, ProgressDeadlineExceeded, DeploymentPaused).
 */
import type {KubeObject} from '../../domain/kube-object.js';
import {type DeploymentSpec, deploymentSpec, desiredReplicas, maxUnavailable, sumSpecReplicas, sumStatus, statusCount} from './deployment-math.js';

/** One Deployment condition. */
export type DeploymentCondition = {
	type: string;
	status: 'True' | 'False' | 'Unknown';
	reason: string;
	message: string;
	lastUpdateTime: string;
	lastTransitionTime: string;
};

/** DeploymentStatus, loosely. */
export type DeploymentStatus = {
	observedGeneration?: number;
	replicas?: number;
	updatedReplicas?: number;
	readyReplicas?: number;
	availableReplicas?: number;
	unavailableReplicas?: number;
	collisionCount?: number;
	conditions?: DeploymentCondition[];
};

/** Reasons the deployment controller writes. */
export const reasons = {
	newReplicaSetCreated: 'NewReplicaSetCreated',
	replicaSetUpdated: 'ReplicaSetUpdated',
	newReplicaSetAvailable: 'NewReplicaSetAvailable',
	timedOut: 'ProgressDeadlineExceeded',
	paused: 'DeploymentPaused',
	resumed: 'DeploymentResumed',
	available: 'MinimumReplicasAvailable',
	unavailable: 'MinimumReplicasUnavailable',
} as const;

/** The status the controller would write now, and when to look again for the progress deadline. */
export function rolloutStatus(deployment: KubeObject, all: KubeObject[], newReplicaSet: KubeObject | undefined, now: Date, time: string): {status: DeploymentStatus; recheckAfter?: number} {
	const spec = deploymentSpec(deployment);
	const previous = (deployment.status ?? {}) as DeploymentStatus;
	const status = countStatus(deployment, all, newReplicaSet, previous);
	const available = status.availableReplicas ?? 0;
	if (available >= desiredReplicas(spec) - maxUnavailable(spec)) {
		setCondition(status, condition('Available', 'True', reasons.available, 'Deployment has minimum availability.', time));
	} else {
		setCondition(status, condition('Available', 'False', reasons.unavailable, 'Deployment does not have minimum availability.', time));
	}
	const current = findCondition(previous, 'Progressing');
	if (spec.paused) {
		setCondition(status, condition('Progressing', 'Unknown', reasons.paused, 'Deployment is paused', time));
		return {status};
	}
	if (current?.reason === reasons.paused) {
		setCondition(status, condition('Progressing', 'Unknown', reasons.resumed, 'Deployment is resumed', time));
	}
	const name = newReplicaSet?.metadata.name;
	const subject = name ? `ReplicaSet "${name}"` : `Deployment "${deployment.metadata.name}"`;
	const complete = (status.replicas ?? 0) === (status.updatedReplicas ?? 0) && current?.reason === reasons.newReplicaSetAvailable;
	if (spec.progressDeadlineSeconds !== undefined && !complete) {
		if (isComplete(deployment, spec, status)) {
			setCondition(status, condition('Progressing', 'True', reasons.newReplicaSetAvailable, `${subject} has successfully progressed.`, time));
		} else if (isProgressing(previous, status)) {
			const progressing = condition('Progressing', 'True', reasons.replicaSetUpdated, `${subject} is progressing.`, time);
			const latest = findCondition(status, 'Progressing');
			if (latest?.status === 'True') progressing.lastTransitionTime = latest.lastTransitionTime;
			status.conditions = (status.conditions ?? []).filter(item => item.type !== 'Progressing');
			status.conditions.push(progressing);
		} else if (isTimedOut(spec, status, now)) {
			setCondition(status, condition('Progressing', 'False', reasons.timedOut, `${subject} has timed out progressing.`, time));
		}
	}
	return {status, recheckAfter: deadlineRecheck(spec, status, now)};
}

/** Sets a condition unless one with the same status and reason is there (SetDeploymentCondition). */
export function setCondition(status: DeploymentStatus, next: DeploymentCondition): void {
	const current = findCondition(status, next.type);
	if (current && current.status === next.status && current.reason === next.reason) return;
	if (current && current.status === next.status) next.lastTransitionTime = current.lastTransitionTime;
	status.conditions = [...(status.conditions ?? []).filter(item => item.type !== next.type), next];
}

/** A condition stamped now. */
export function condition(type: string, status: DeploymentCondition['status'], reason: string, message: string, time: string): DeploymentCondition {
	return {type, status, reason, message, lastUpdateTime: time, lastTransitionTime: time};
}

function countStatus(deployment: KubeObject, all: KubeObject[], newReplicaSet: KubeObject | undefined, previous: DeploymentStatus): DeploymentStatus {
	const available = sumStatus(all, 'availableReplicas');
	const counts: Record<string, number | undefined> = {
		observedGeneration: deployment.metadata.generation,
		replicas: sumStatus(all, 'replicas'),
		updatedReplicas: newReplicaSet ? statusCount(newReplicaSet, 'replicas') : 0,
		readyReplicas: sumStatus(all, 'readyReplicas'),
		availableReplicas: available,
		unavailableReplicas: Math.max(sumSpecReplicas(all) - available, 0),
		collisionCount: previous.collisionCount,
	};
	// Every DeploymentStatus counter is omitempty: zeros are not written.
	const status: DeploymentStatus = Object.fromEntries(Object.entries(counts).filter(([, value]) => value !== undefined && value !== 0));
	if (previous.conditions) status.conditions = previous.conditions.map(item => ({...item}));
	return status;
}

function findCondition(status: DeploymentStatus, type: string): DeploymentCondition | undefined {
	return status.conditions?.find(item => item.type === type);
}

function isComplete(deployment: KubeObject, spec: DeploymentSpec, status: DeploymentStatus): boolean {
	const replicas = desiredReplicas(spec);
	return (status.updatedReplicas ?? 0) === replicas
		&& (status.replicas ?? 0) === replicas
		&& (status.availableReplicas ?? 0) === replicas
		&& (status.observedGeneration ?? 0) >= (deployment.metadata.generation ?? 0);
}

function isProgressing(previous: DeploymentStatus, next: DeploymentStatus): boolean {
	const oldBefore = (previous.replicas ?? 0) - (previous.updatedReplicas ?? 0);
	const oldNow = (next.replicas ?? 0) - (next.updatedReplicas ?? 0);
	return (next.updatedReplicas ?? 0) > (previous.updatedReplicas ?? 0)
		|| oldNow < oldBefore
		|| (next.readyReplicas ?? 0) > (previous.readyReplicas ?? 0)
		|| (next.availableReplicas ?? 0) > (previous.availableReplicas ?? 0);
}

function isTimedOut(spec: DeploymentSpec, status: DeploymentStatus, now: Date): boolean {
	const progressing = findCondition(status, 'Progressing');
	if (!progressing || spec.progressDeadlineSeconds === undefined) return false;
	if (progressing.reason === reasons.newReplicaSetAvailable) return false;
	if (progressing.reason === reasons.timedOut) return true;
	return Date.parse(progressing.lastUpdateTime) + spec.progressDeadlineSeconds * 1000 < now.getTime();
}

/** ms until the deadline of a rollout still in progress (requeueStuckDeployment). */
function deadlineRecheck(spec: DeploymentSpec, status: DeploymentStatus, now: Date): number | undefined {
	const progressing = findCondition(status, 'Progressing');
	if (!progressing || progressing.status !== 'True' || spec.progressDeadlineSeconds === undefined) return undefined;
	if (progressing.reason === reasons.newReplicaSetAvailable) return undefined;
	return Math.max(Date.parse(progressing.lastUpdateTime) + spec.progressDeadlineSeconds * 1000 - now.getTime() + 1, 1);
}
