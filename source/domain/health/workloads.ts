import type {KubeObject} from '../kube-object.js';
import {conditionOf, count, specOf, statusOf} from './conditions.js';
import {health, type Health} from './health.js';

// Rollout rules follow kubectl's rollout status, as gitops-engine's pkg/health does.

/** Deployment: paused → Suspended, progress deadline exceeded → Degraded, rollout incomplete → Progressing. */
export function deploymentHealth(object: KubeObject): Health {
	const spec = specOf(object);
	const status = statusOf(object);
	if (spec.paused === true) return health('Suspended', 'Deployment is paused');
	if (!generationObserved(object)) {
		return health('Progressing', 'Waiting for rollout to finish: observed deployment generation less than desired generation');
	}

	const desired = typeof spec.replicas === 'number' ? spec.replicas : 1;
	const updated = count(status.updatedReplicas);
	const replicas = count(status.replicas);
	const available = count(status.availableReplicas);
	if (conditionOf(object, 'Progressing')?.reason === 'ProgressDeadlineExceeded') {
		return health('Degraded', `Deployment "${object.metadata.name}" exceeded its progress deadline`);
	}

	if (updated < desired) {
		return health('Progressing', `Waiting for rollout to finish: ${updated} out of ${desired} new replicas have been updated...`);
	}

	if (replicas > updated) {
		return health('Progressing', `Waiting for rollout to finish: ${replicas - updated} old replicas are pending termination...`);
	}

	if (available < updated) {
		return health('Progressing', `Waiting for rollout to finish: ${available} of ${updated} updated replicas are available...`);
	}

	return health('Healthy');
}

/** StatefulSet: generation observed, pods ready, partition and revision rolled out. */
export function statefulSetHealth(object: KubeObject): Health {
	const spec = specOf(object);
	const status = statusOf(object);
	const observed = count(status.observedGeneration);
	if (observed === 0 || (object.metadata.generation ?? 0) > observed) {
		return health('Progressing', 'Waiting for statefulset spec update to be observed...');
	}

	const desired = typeof spec.replicas === 'number' ? spec.replicas : 1;
	const ready = count(status.readyReplicas);
	if (ready < desired) return health('Progressing', `Waiting for ${desired - ready} pods to be ready...`);
	const strategy = spec.updateStrategy ?? {};
	const strategyType = strategy.type ?? 'RollingUpdate';
	const updated = count(status.updatedReplicas);
	if (strategyType === 'RollingUpdate' && typeof strategy.rollingUpdate?.partition === 'number') {
		const target = desired - strategy.rollingUpdate.partition;
		if (updated < target) {
			return health('Progressing', `Waiting for partitioned roll out to finish: ${updated} out of ${target} new pods have been updated...`);
		}

		return health('Healthy', `partitioned roll out complete: ${updated} new pods have been updated...`);
	}

	if (strategyType === 'OnDelete') return health('Healthy', `statefulset has ${ready} ready pods`);
	if (status.updateRevision !== status.currentRevision) {
		return health('Progressing', `waiting for statefulset rolling update to complete ${updated} pods at revision ${status.updateRevision}...`);
	}

	return health('Healthy', `statefulset rolling update complete ${count(status.currentReplicas)} pods at revision ${status.currentRevision}...`);
}

/** DaemonSet: every scheduled pod updated and available (OnDelete is healthy once observed). */
export function daemonSetHealth(object: KubeObject): Health {
	const spec = specOf(object);
	const status = statusOf(object);
	if (!generationObserved(object)) {
		return health('Progressing', 'Waiting for rollout to finish: observed daemon set generation less than desired generation');
	}

	const desired = count(status.desiredNumberScheduled);
	const updated = count(status.updatedNumberScheduled);
	const available = count(status.numberAvailable);
	const name = object.metadata.name;
	if (spec.updateStrategy?.type === 'OnDelete') {
		return health('Healthy', `daemon set ${updated} out of ${desired} new pods have been updated`);
	}

	if (updated < desired) {
		return health('Progressing', `Waiting for daemon set "${name}" rollout to finish: ${updated} out of ${desired} new pods have been updated...`);
	}

	if (available < desired) {
		return health('Progressing', `Waiting for daemon set "${name}" rollout to finish: ${available} of ${desired} updated pods are available...`);
	}

	return health('Healthy');
}

/** ReplicaSet: ReplicaFailure → Degraded, fewer available than desired → Progressing. */
export function replicaSetHealth(object: KubeObject): Health {
	const spec = specOf(object);
	const status = statusOf(object);
	if (!generationObserved(object)) {
		return health('Progressing', 'Waiting for rollout to finish: observed replica set generation less than desired generation');
	}

	const failure = conditionOf(object, 'ReplicaFailure');
	if (failure?.status === 'True') return health('Degraded', failure.message);
	const desired = typeof spec.replicas === 'number' ? spec.replicas : 1;
	const available = count(status.availableReplicas);
	if (available < desired) {
		return health('Progressing', `Waiting for rollout to finish: ${available} out of ${desired} new replicas are available...`);
	}

	return health('Healthy');
}

function generationObserved(object: KubeObject): boolean {
	return (object.metadata.generation ?? 0) <= count(statusOf(object).observedGeneration);
}
