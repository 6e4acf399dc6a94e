/**
 * The simulated kustomize-controller for `Kustomization` (kustomize.toolkit.fluxcd.io/v1). As the real one:
 * on spec.interval, a new generation, a new `reconcile.fluxcd.io/requestedAt` and a new revision of its
 * source, unless spec.suspend, it builds spec.path at the source's artifact revision, applies the result as
 * `kustomize-controller` (Flux's SSA rules: see flux-apply.ts), prunes what left the inventory when spec.prune,
 * and writes inventory, revisions, lastHandledReconcileAt, observedGeneration, Ready/Reconciling and history,
 * with Events. A source that is not Ready but keeps an artifact is still applied from (as Flux does: the
 * last artifact stays valid during a Git outage); no source or no artifact is Ready False, ArtifactFailed.
 */
import {createHash} from 'node:crypto';
import {specOf, statusOf} from '../../domain/health/conditions.js';
import type {KubeObject} from '../../domain/kube-object.js';
import {conditionsIn, removeConditions, setCondition} from './conditions.js';
import type {GitOpsController} from './controller.js';
import {durationMs, formatGoDuration} from './durations.js';
import {applyAll, type ChangeEntry} from './flux-apply.js';
import {pruneStale} from './flux-prune.js';
import {dependencyProblem, ensureFinalizer, finalizeDeletion, fluxFinalizer} from './flux-lifecycle.js';
import {buildKustomization} from './kustomize-build.js';
import {fluxRequestedAtAnnotation, inventoryEntry, kustomizeStatusManager} from './marks.js';
import {gitopsKinds, gitopsSources, splitKey, type GitOpsRuntime} from './runtime.js';
import {generationOrRequestChanged} from './source-controller.js';

/** The controller's name in the queue. */
export const kustomizeControllerName = 'kustomize-controller';
/** kustomize-controller's --requeue-dependency default. */
const dependencyRequeueMs = 30_000;

/** Creates the kustomize-controller. */
export function createKustomizeController(runtime: GitOpsRuntime): GitOpsController {
	return {
		name: kustomizeControllerName,
		primary: gitopsKinds.kustomization,
		keysFor(event) {
			const {object, previous} = event;
			if (event.type === 'DELETED') return [];
			if (object.kind === 'Kustomization' && object.apiVersion === gitopsKinds.kustomization.apiVersion) {
				const own = generationOrRequestChanged(object, previous) || object.metadata.deletionTimestamp ? [keyOf(object)] : [];
				// A dependency that just applied a new revision lets the Kustomizations waiting on it go.
				const applied = statusOf(object).lastAppliedRevision !== (previous ? statusOf(previous).lastAppliedRevision : undefined);
				const dependents = applied ? runtime.list(gitopsKinds.kustomization).filter(candidate => dependsOn(candidate, object)).map(keyOf) : [];
				return [...own, ...dependents];
			}
			if (object.kind !== 'GitRepository' || artifactRevision(object) === artifactRevision(previous)) return [];
			return runtime.list(gitopsKinds.kustomization).filter(candidate => refersTo(candidate, object)).map(keyOf);
		},
		reconcile: key => reconcile(runtime, key),
		startDelay(object) {
			const status = statusOf(object);
			const last = Date.parse(status.history?.[0]?.lastReconciled ?? '');
			if (status.observedGeneration !== object.metadata.generation || Number.isNaN(last)) return undefined;
			return Math.max(0, last + durationMs(specOf(object).interval, 600_000) - runtime.now().getTime());
		},
	};
}

function keyOf(object: KubeObject): string {
	return `${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}`;
}

function dependsOn(kustomization: KubeObject, dependency: KubeObject): boolean {
	const references = (specOf(kustomization).dependsOn ?? []) as Array<{name: string; namespace?: string}>;
	return references.some(reference => reference.name === dependency.metadata.name && (reference.namespace || kustomization.metadata.namespace) === dependency.metadata.namespace);
}

function artifactRevision(object: KubeObject | undefined): string | undefined {
	return object ? statusOf(object).artifact?.revision : undefined;
}

function sourceRefOf(kustomization: KubeObject): {kind: string; name: string; namespace: string} {
	const ref = (specOf(kustomization).sourceRef ?? {}) as {kind?: string; name?: string; namespace?: string};
	return {kind: ref.kind ?? 'GitRepository', name: ref.name ?? '', namespace: ref.namespace || (kustomization.metadata.namespace ?? '')};
}

function refersTo(kustomization: KubeObject, source: KubeObject): boolean {
	const ref = sourceRefOf(kustomization);
	return ref.kind === 'GitRepository' && ref.name === source.metadata.name && ref.namespace === source.metadata.namespace;
}

async function reconcile(runtime: GitOpsRuntime, key: string): Promise<void> {
	const {namespace, name} = splitKey(key);
	const found = runtime.get(gitopsKinds.kustomization, namespace, name);
	if (!found) return;
	if (found.metadata.deletionTimestamp) {
		if (found.metadata.finalizers?.includes(fluxFinalizer)) finalizeDeletion(runtime, found);
		return;
	}
	if (specOf(found).suspend === true) return;
	const object = ensureFinalizer(runtime, found);
	const started = runtime.now().getTime();
	const spec = specOf(object);
	const generation = object.metadata.generation ?? 1;
	const intervalMs = durationMs(spec.interval, 600_000);
	const retryMs = durationMs(spec.retryInterval, intervalMs);
	const ref = sourceRefOf(object);
	const source = ref.kind === 'GitRepository' ? runtime.get(gitopsKinds.gitRepository, ref.namespace, ref.name) : undefined;
	const revision: string | undefined = source ? statusOf(source).artifact?.revision : undefined;
	const sha = /sha1:([0-9a-f]{40})$/.exec(revision ?? '')?.[1];
	const write = (update: (status: Record<string, unknown>, time: string) => void) => {
		const current = runtime.get(gitopsKinds.kustomization, namespace, name);
		if (!current) return;
		const status = structuredClone(statusOf(current)) as Record<string, unknown>;
		update(status, runtime.timestamp());
		const requestedAt = current.metadata.annotations?.[fluxRequestedAtAnnotation];
		if (requestedAt !== undefined) status['lastHandledReconcileAt'] = requestedAt;
		runtime.updateStatus(current, status, kustomizeStatusManager);
	};
	const fail = (reason: string, message: string, requeueMs: number, attempted?: string) => {
		write((status, time) => {
			let conditions = removeConditions(conditionsIn(status), 'Reconciling');
			conditions = setCondition(conditions, {type: 'Ready', status: 'False', reason, message}, {time, generation});
			status['conditions'] = conditions;
			if (attempted) status['lastAttemptedRevision'] = attempted;
			status['observedGeneration'] = generation;
		});
		runtime.events.record(object, {type: 'Warning', reason, message, source: gitopsSources.kustomize});
		runtime.queue.enqueue(kustomizeControllerName, key, requeueMs);
	};
	if (!source) return fail('ArtifactFailed', `Source '${ref.kind}/${ref.namespace}/${ref.name}' not found`, retryMs);
	if (!revision || !sha) return fail('ArtifactFailed', `Source artifact not found, retrying in ${formatGoDuration(dependencyRequeueMs)}`, dependencyRequeueMs);
	const waiting = dependencyProblem(runtime, object, revision);
	if (waiting) return fail('DependencyNotReady', waiting, dependencyRequeueMs);

	write((status, time) => {
		let conditions = setCondition(conditionsIn(status), {type: 'Ready', status: 'Unknown', reason: 'Progressing', message: 'Reconciliation in progress'}, {time, generation});
		conditions = setCondition(conditions, {type: 'Reconciling', status: 'True', reason: 'Progressing', message: `Fetching manifests for revision ${revision} with a timeout of ${spec.timeout ?? formatGoDuration(intervalMs)}`}, {time, generation});
		status['conditions'] = conditions;
	});
	const built = await buildKustomization(runtime, object, {namespace: ref.namespace, name: ref.name, sha});
	if (!built.ok) return fail(built.reason, built.message, retryMs, revision);
	const applied = applyAll(runtime, built.objects);
	if (!applied.ok) return fail('ReconciliationFailed', applied.message, retryMs, revision);
	const kept = applied.changes.filter(change => change.action !== 'skipped');
	const entries = kept.map(change => inventoryEntry(change.object)).sort((a, b) => a.id.localeCompare(b.id));
	const skipped = new Set(applied.changes.filter(change => change.action === 'skipped').map(change => inventoryEntry(change.object).id));
	const previous = ((statusOf(object).inventory?.entries ?? []) as Array<{id: string; v: string}>).filter(entry => !skipped.has(entry.id));
	const stale = previous.filter(entry => !entries.some(current => current.id === entry.id));
	const pruned = spec.prune === true ? pruneStale(runtime, stale) : {ok: true as const, deleted: []};
	if (!pruned.ok) return fail('PruneFailed', pruned.message, retryMs, revision);
	const changed = [...applied.changes.filter(change => change.action === 'created' || change.action === 'configured').map(describe), ...pruned.deleted.map(subject => `${subject} deleted`)];
	const elapsed = runtime.now().getTime() - started;
	const digest = `sha256:${createHash('sha256').update(JSON.stringify(built.objects)).digest('hex')}`;
	write((status, time) => {
		let conditions = removeConditions(conditionsIn(status), 'Reconciling', 'Stalled');
		conditions = setCondition(conditions, {type: 'Ready', status: 'True', reason: 'ReconciliationSucceeded', message: `Applied revision: ${revision}`}, {time, generation});
		status['conditions'] = conditions;
		status['inventory'] = {entries};
		status['lastAppliedRevision'] = revision;
		status['lastAttemptedRevision'] = revision;
		status['observedGeneration'] = generation;
		status['history'] = upsertHistory(status['history'], {digest, revision, time, elapsedMs: elapsed});
	});
	// Events when something happened (a re-apply that changed nothing is only a status update): an
	// ever-new "finished in …" message every interval would pile up Events the sandbox never expires.
	if (changed.length > 0 || statusOf(object).lastAppliedRevision !== revision) {
		if (changed.length > 0) runtime.events.record(object, {type: 'Normal', reason: 'Progressing', message: changed.join('\n'), source: gitopsSources.kustomize});
		runtime.events.record(object, {type: 'Normal', reason: 'ReconciliationSucceeded', message: `Reconciliation finished in ${elapsed}ms, next run in ${formatGoDuration(intervalMs)}`, source: gitopsSources.kustomize});
	}
	runtime.queue.enqueue(kustomizeControllerName, key, intervalMs);
}

function describe(change: ChangeEntry): string {
	return `${change.subject} ${change.action}`;
}

type HistoryEntry = {digest: string; firstReconciled: string; lastReconciled: string; lastReconciledDuration: string; lastReconciledStatus: string; totalReconciliations: number; metadata: {revision: string}};

/** status.history: one entry per distinct build (digest), newest first, at most five. */
function upsertHistory(history: unknown, run: {digest: string; revision: string; time: string; elapsedMs: number}): HistoryEntry[] {
	const entries = Array.isArray(history) ? (history as HistoryEntry[]) : [];
	const existing = entries.find(entry => entry.digest === run.digest);
	const entry: HistoryEntry = {
		digest: run.digest,
		firstReconciled: existing?.firstReconciled ?? run.time,
		lastReconciled: run.time,
		lastReconciledDuration: `${(run.elapsedMs / 1000).toFixed(3)}s`,
		lastReconciledStatus: 'ReconciliationSucceeded',
		totalReconciliations: (existing?.totalReconciliations ?? 0) + 1,
		metadata: {revision: run.revision},
	};
	return [entry, ...entries.filter(other => other.digest !== run.digest)].slice(0, 5);
}
