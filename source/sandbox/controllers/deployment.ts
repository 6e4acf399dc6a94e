/**
 * The Deployment controller: one ReplicaSet per template (named by its hash), rolled with the strategy's
 * surge and unavailability budgets (or recreated), old ReplicaSets scaled down and pruned past the history
 * limit, and the status and conditions a real controller writes.
 */
import type {KubeObject} from '../../domain/kube-object.js';
import {type Controller, primaryAndOwnerKeys} from './controller.js';
import {
	type DeploymentSpec,
	deploymentSpec,
	desiredReplicas,
	isRolling,
	maxUnavailable,
	newReplicaSetReplicas,
	specReplicas,
	statusCount,
	sumSpecReplicas,
	sumStatus,
} from './deployment-math.js';
import {annotations, createNewReplicaSet, revisionOf, scaleReplicaSet, syncRevision} from './deployment-replicasets.js';
import {type DeploymentStatus, condition, reasons, rolloutStatus, setCondition} from './deployment-status.js';
import {sources} from './events.js';
import {kinds} from './kinds.js';
import {controlledBy, splitKey} from './owners.js';
import {isPodActive} from './pods.js';
import type {Runtime} from './runtime.js';
import {equalIgnoringHash, stableStringify} from './template-hash.js';

/** Creates the Deployment controller. */
export function createDeploymentController(runtime: Runtime): Controller {
	return {
		name: 'deployment',
		primary: kinds.deployment,
		keysFor: event => primaryAndOwnerKeys(event, kinds.deployment, [kinds.replicaSet]),
		reconcile: key => sync(runtime, key),
	};
}

type State = {deployment: KubeObject; spec: DeploymentSpec; newReplicaSet?: KubeObject; old: KubeObject[]};

function sync(runtime: Runtime, key: string): void {
	let state = load(runtime, key);
	if (!state) return;
	const maxOldRevision = Math.max(0, ...state.old.map(revisionOf));
	let scaled = false;
	if (!state.spec.paused) {
		if (state.newReplicaSet) syncRevision(runtime, state.newReplicaSet, maxOldRevision + 1);
		else if (isRolling(state.spec)) {
			if (!createFor(runtime, state, maxOldRevision + 1, newReplicaSetReplicas(state.spec, state.old, undefined))) return;
		}
		state = load(runtime, key);
		if (!state) return;
		stampRevision(runtime, state);
		scaled = isRolling(state.spec) ? rollOut(runtime, state) : recreate(runtime, state, maxOldRevision + 1);
	}
	state = load(runtime, key);
	if (!state) return;
	if (!scaled && !state.spec.paused) pruneHistory(runtime, state);
	writeStatus(runtime, key, state);
}

function load(runtime: Runtime, key: string): State | undefined {
	const {namespace, name} = splitKey(key);
	const deployment = runtime.get(kinds.deployment, namespace, name);
	if (!deployment || deployment.metadata.deletionTimestamp) return undefined;
	const spec = deploymentSpec(deployment);
	const owned = controlledBy(runtime.list(kinds.replicaSet, namespace), deployment)
		.sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || revisionOf(a) - revisionOf(b));
	const newReplicaSet = owned.find(replicaSet => equalIgnoringHash((replicaSet.spec as {template?: unknown}).template, spec.template));
	return {deployment, spec, newReplicaSet, old: owned.filter(replicaSet => replicaSet !== newReplicaSet)};
}

/** Creates the new ReplicaSet and marks the Deployment NewReplicaSetCreated; false on a name collision. */
function createFor(runtime: Runtime, state: State, revision: number, replicas: number): boolean {
	const created = createNewReplicaSet(runtime, state.deployment, revision, replicas);
	const status = structuredClone((state.deployment.status ?? {}) as DeploymentStatus);
	if (!created) {
		// Someone else's ReplicaSet has the name: count the collision, which changes the hash next time.
		runtime.updateStatus(state.deployment, {...status, collisionCount: (status.collisionCount ?? 0) + 1}, sources.deployment.manager);
		return false;
	}
	if (state.spec.progressDeadlineSeconds !== undefined) {
		setCondition(status, condition('Progressing', 'True', reasons.newReplicaSetCreated, `Created new replica set "${created.metadata.name}"`, runtime.timestamp()));
		runtime.updateStatus(state.deployment, status, sources.deployment.manager);
	}
	return true;
}

/** The Deployment carries its newest revision, as the controller writes it. */
function stampRevision(runtime: Runtime, state: State): void {
	if (!state.newReplicaSet) return;
	const revision = String(revisionOf(state.newReplicaSet));
	if (state.deployment.metadata.annotations?.[annotations.revision] === revision) return;
	const metadata = {...state.deployment.metadata, annotations: {...state.deployment.metadata.annotations, [annotations.revision]: revision}};
	state.deployment = runtime.update({...state.deployment, metadata}, sources.deployment.manager) ?? state.deployment;
}

/** rolloutRolling: scale the new ReplicaSet up within the surge, then old ones down within availability. */
function rollOut(runtime: Runtime, state: State): boolean {
	const {deployment, spec, old} = state;
	const newReplicaSet = state.newReplicaSet;
	if (!newReplicaSet) return false;
	const all = [...old, newReplicaSet];
	const desired = desiredReplicas(spec);
	const current = specReplicas(newReplicaSet);
	if (current !== desired) {
		const target = current > desired ? desired : newReplicaSetReplicas(spec, all, newReplicaSet);
		if (scaleReplicaSet(runtime, deployment, newReplicaSet, target)) return true;
	}
	const active = old.filter(replicaSet => specReplicas(replicaSet) > 0);
	if (active.length === 0) return false;
	const minAvailable = desired - maxUnavailable(spec);
	const newUnavailable = specReplicas(newReplicaSet) - statusCount(newReplicaSet, 'availableReplicas');
	const maxScaledDown = sumSpecReplicas(all) - minAvailable - newUnavailable;
	if (maxScaledDown <= 0) return false;
	// First drop old replicas that are not available anyway (cleanupUnhealthyReplicas)...
	let scaledDown = 0;
	for (const replicaSet of active) {
		if (scaledDown >= maxScaledDown) break;
		const unhealthy = specReplicas(replicaSet) - statusCount(replicaSet, 'availableReplicas');
		if (unhealthy <= 0) continue;
		const count = Math.min(maxScaledDown - scaledDown, unhealthy);
		if (scaleReplicaSet(runtime, deployment, replicaSet, specReplicas(replicaSet) - count)) scaledDown += count;
	}
	// ...then as many available ones as minAvailable allows (scaleDownOldReplicaSetsForRollingUpdate).
	const fresh = all.map(replicaSet => runtime.get(kinds.replicaSet, replicaSet.metadata.namespace, replicaSet.metadata.name ?? '')).filter(item => item !== undefined);
	const budget = sumStatus(fresh, 'availableReplicas') - minAvailable;
	let healthyDown = 0;
	for (const replicaSet of fresh.filter(item => item.metadata.uid !== newReplicaSet.metadata.uid)) {
		if (healthyDown >= budget) break;
		const replicas = specReplicas(replicaSet);
		if (replicas === 0) continue;
		const count = Math.min(replicas, budget - healthyDown);
		if (scaleReplicaSet(runtime, deployment, replicaSet, replicas - count)) healthyDown += count;
	}
	return scaledDown + healthyDown > 0;
}

/** rolloutRecreate: every old pod gone before the new ReplicaSet scales up. */
function recreate(runtime: Runtime, state: State, revision: number): boolean {
	const {deployment, spec, old} = state;
	const active = old.filter(replicaSet => specReplicas(replicaSet) > 0);
	if (active.length > 0) {
		for (const replicaSet of active) scaleReplicaSet(runtime, deployment, replicaSet, 0);
		return true;
	}
	const pods = runtime.list(kinds.pod, deployment.metadata.namespace);
	if (old.some(replicaSet => controlledBy(pods, replicaSet).some(isPodActive))) return false;
	if (!state.newReplicaSet) return createFor(runtime, state, revision, desiredReplicas(spec));
	return scaleReplicaSet(runtime, deployment, state.newReplicaSet, desiredReplicas(spec));
}

/** Deletes the oldest scaled-down ReplicaSets beyond revisionHistoryLimit (cleanupDeployment). */
function pruneHistory(runtime: Runtime, state: State): void {
	const alive = state.old.filter(replicaSet => !replicaSet.metadata.deletionTimestamp);
	let excess = alive.length - (state.spec.revisionHistoryLimit ?? 10);
	for (const replicaSet of [...alive].sort((a, b) => revisionOf(a) - revisionOf(b))) {
		if (excess <= 0) return;
		const observed = (replicaSet.status as {observedGeneration?: number} | undefined)?.observedGeneration ?? 0;
		if (specReplicas(replicaSet) !== 0 || statusCount(replicaSet, 'replicas') !== 0 || (replicaSet.metadata.generation ?? 0) > observed) continue;
		runtime.remove(replicaSet);
		excess -= 1;
	}
}

function writeStatus(runtime: Runtime, key: string, state: State): void {
	const all = state.newReplicaSet ? [...state.old, state.newReplicaSet] : state.old;
	const {status, recheckAfter} = rolloutStatus(state.deployment, all, state.newReplicaSet, runtime.now(), runtime.timestamp());
	if (stableStringify(status) !== stableStringify(state.deployment.status ?? {})) {
		runtime.updateStatus(state.deployment, status, sources.deployment.manager);
	}
	if (recheckAfter !== undefined) runtime.queue.enqueue('deployment', key, recheckAfter);
}
