/**
 * The simulated source-controller for `GitRepository` (source.toolkit.fluxcd.io/v1). As the real one: on
 * spec.interval, on a new generation and on a new `reconcile.fluxcd.io/requestedAt`, unless spec.suspend, it
 * fetches spec.url at spec.ref for real (within spec.timeout) and writes the artifact (`main@sha1:<sha>`),
 * Ready/ArtifactInStorage on success, or FetchFailed and Ready False with reason GitOperationFailed and git's
 * own error (the last artifact is kept, so Kustomizations go on applying it), lastHandledReconcileAt and
 * observedGeneration; NewArtifact and GitOperationFailed Events. Status goes through the status subresource
 * as `gotk-source-controller`.
 */
import {createHash} from 'node:crypto';
import type {KubeObject} from '../../domain/kube-object.js';
import {specOf, statusOf} from '../../domain/health/conditions.js';
import {conditionsIn, removeConditions, setCondition, type Condition} from './conditions.js';
import {durationMs} from './durations.js';
import {fetchAndResolve, mirrorLocation, type GitRef} from './git-mirror.js';
import {fluxRequestedAtAnnotation, sourceStatusManager} from './marks.js';
import {gitopsKinds, gitopsSources, splitKey, type GitOpsRuntime} from './runtime.js';
import type {GitOpsController} from './controller.js';

/** The controller's name in the queue. */
export const sourceControllerName = 'source-controller';

/** Creates the source-controller. */
export function createSourceController(runtime: GitOpsRuntime): GitOpsController {
	const backoff = new Map<string, number>();
	return {
		name: sourceControllerName,
		primary: gitopsKinds.gitRepository,
		keysFor: event => (event.type !== 'DELETED' && generationOrRequestChanged(event.object, event.previous) ? [keyFor(event.object)] : []),
		reconcile: key => reconcile(runtime, key, backoff),
		startDelay(object) {
			// A source already fetched at its generation is next due one interval after its last fetch.
			const status = statusOf(object);
			const ready = conditionsIn(status).find(condition => condition.type === 'Ready');
			const last = Math.max(Date.parse(status.artifact?.lastUpdateTime ?? ''), Date.parse(ready?.lastTransitionTime ?? ''));
			if (status.observedGeneration !== object.metadata.generation || ready?.status !== 'True' || Number.isNaN(last)) return undefined;
			return Math.max(0, last + durationMs(specOf(object).interval, 60_000) - runtime.now().getTime());
		},
	};
}

function keyFor(object: KubeObject): string {
	return `${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}`;
}

/** Flux's predicates: GenerationChanged or ReconcileRequested (a status write of our own is neither). */
export function generationOrRequestChanged(object: KubeObject, previous: KubeObject | undefined): boolean {
	if (!previous) return true;
	if (object.metadata.generation !== previous.metadata.generation) return true;
	return object.metadata.annotations?.[fluxRequestedAtAnnotation] !== previous.metadata.annotations?.[fluxRequestedAtAnnotation];
}

async function reconcile(runtime: GitOpsRuntime, key: string, backoff: Map<string, number>): Promise<void> {
	const {namespace, name} = splitKey(key);
	const object = runtime.get(gitopsKinds.gitRepository, namespace, name);
	if (!object || object.metadata.deletionTimestamp) return;
	const spec = specOf(object);
	if (spec.suspend === true) return;
	const generation = object.metadata.generation ?? 1;
	const requestedAt = object.metadata.annotations?.[fluxRequestedAtAnnotation];
	const intervalMs = durationMs(spec.interval, 60_000);
	const outcome = await fetchAndResolve({
		git: runtime.git,
		location: mirrorLocation(runtime.cacheDir, namespace, name),
		url: String(spec.url ?? ''),
		ref: spec.ref as GitRef | undefined,
		timeoutMs: durationMs(spec.timeout, 60_000),
	});
	// Re-read: the object may have changed while git ran; only its status is ours to write.
	const current = runtime.get(gitopsKinds.gitRepository, namespace, name);
	if (!current) return;
	const status = structuredClone(statusOf(current)) as Record<string, unknown>;
	const time = runtime.timestamp();
	let conditions: Condition[] = conditionsIn(status);
	const options = {time, generation};
	if (outcome.ok) {
		backoff.delete(key);
		const previous = (status['artifact'] as {revision?: string} | undefined)?.revision;
		const message = `stored artifact for revision '${outcome.revision}'`;
		if (previous !== outcome.revision) status['artifact'] = artifact(current, outcome.sha, outcome.revision, time);
		conditions = removeConditions(conditions, 'FetchFailed', 'Reconciling', 'ArtifactOutdated', 'Stalled');
		conditions = setCondition(conditions, {type: 'ArtifactInStorage', status: 'True', reason: 'Succeeded', message}, options);
		conditions = setCondition(conditions, {type: 'Ready', status: 'True', reason: 'Succeeded', message}, options);
		status['observedGeneration'] = generation;
		if (previous !== outcome.revision) runtime.events.record(current, {type: 'Normal', reason: 'NewArtifact', message: `stored artifact for commit '${outcome.subject}'`, source: gitopsSources.source});
	} else {
		const message = `failed to checkout and determine revision: ${outcome.message}`;
		conditions = setCondition(conditions, {type: 'Reconciling', status: 'True', reason: 'ProgressingWithRetry', message: 'reconciliation in progress'}, options);
		conditions = setCondition(conditions, {type: 'FetchFailed', status: 'True', reason: 'GitOperationFailed', message}, options);
		conditions = setCondition(conditions, {type: 'Ready', status: 'False', reason: 'GitOperationFailed', message}, options);
		runtime.events.record(current, {type: 'Warning', reason: 'GitOperationFailed', message, source: gitopsSources.source});
	}
	status['conditions'] = conditions;
	if (requestedAt !== undefined) status['lastHandledReconcileAt'] = requestedAt;
	runtime.updateStatus(current, status, sourceStatusManager);
	// Success: the next fetch one interval on; failure: retry sooner, doubling up to the interval.
	const retryMs = outcome.ok ? intervalMs : Math.min(intervalMs, (backoff.get(key) ?? 500) * 2);
	if (!outcome.ok) backoff.set(key, retryMs);
	runtime.queue.enqueue(sourceControllerName, key, retryMs);
}

function artifact(object: KubeObject, sha: string, revision: string, time: string): Record<string, unknown> {
	const {namespace, name} = object.metadata;
	const file = `gitrepository/${namespace}/${name}/${sha}.tar.gz`;
	return {
		digest: `sha256:${createHash('sha256').update(revision).digest('hex')}`,
		lastUpdateTime: time,
		path: file,
		revision,
		size: 4096 + (parseInt(sha.slice(0, 4), 16) % 4096),
		url: `http://source-controller.flux-system.svc.cluster.local./${file}`,
	};
}
