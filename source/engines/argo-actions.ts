/**
 * What actions mean for an Argo CD Application. Reconcile: the refresh annotation `argocd.argoproj.io/refresh`
 * (the controller re-reads Git and clears it), then a sync `operation` naming who asked (`initiatedBy.username`),
 * as `argocd app sync` or kubectl would write it; done when `status.operationState` of that operation ends.
 * Pause: the `syncPolicy.automated` block is saved as JSON in `gitops-tui.io/paused-automated` and removed; resume
 * restores exactly that block (a pause made elsewhere saved nothing: the caller must say what to restore).
 */
import type {ObjectRef} from '../cluster/writes.js';
import type {KubeObject} from '../domain/kube-object.js';
import type {AppWrite} from './app-writes.js';
import {pausedAutomatedAnnotation} from './pause-annotations.js';
import {clearedPauseAnnotations, pauseAnnotations, type PauseInfo} from './pause-write.js';

/** Argo CD's refresh annotation. */
export const argoRefreshAnnotation = 'argocd.argoproj.io/refresh';

type ApplicationSpec = {syncPolicy?: {automated?: Record<string, unknown> | null}; source?: {targetRevision?: string}};
type OperationState = {phase?: string; message?: string; startedAt?: string; operation?: {initiatedBy?: {username?: string}}; syncResult?: {revision?: string}};
type ApplicationStatus = {
	sync?: {status?: string; revision?: string};
	health?: {status?: string};
	operationState?: OperationState;
	history?: Array<{revision?: string; deployedAt?: string; id?: number}>;
};

const specOf = (object: KubeObject) => (object['spec'] ?? {}) as ApplicationSpec;
const statusOf = (object: KubeObject) => (object['status'] ?? {}) as ApplicationStatus;

/** Asks the controller to compare with Git again (a normal refresh). */
export function argoRefreshWrite(context: string, ref: ObjectRef): AppWrite {
	return {kind: 'patch', context, ref, patch: {metadata: {annotations: {[argoRefreshAnnotation]: 'normal'}}}, summary: `annotation ${argoRefreshAnnotation}=normal`, change: 'annotate'};
}

/** A sync operation as `argocd app sync` starts it; `revision` defaults to the app's targetRevision. */
export function argoSyncWrite(context: string, ref: ObjectRef, options: {username: string; revision?: string; prune: boolean}): AppWrite {
	const sync: Record<string, unknown> = {prune: options.prune, syncStrategy: {hook: {}}};
	if (options.revision) sync['revision'] = options.revision;
	return {
		kind: 'patch',
		context,
		ref,
		patch: {operation: {initiatedBy: {username: options.username}, info: [{name: 'Reason', value: 'gitops-tui reconcile'}], sync}},
		summary: `operation: sync${options.revision ? ` to ${options.revision}` : ''}${options.prune ? ' with prune' : ''}, initiated by ${options.username}`,
		change: 'patch',
	};
}

/** Why a sync cannot start now (another operation runs), or undefined. */
export function argoOperationInProgress(object: KubeObject): string | undefined {
	const phase = statusOf(object).operationState?.phase;
	if (object['operation'] || phase === 'Running' || phase === 'Terminating') return `another operation is already in progress on Application ${object.metadata.name}`;
	return undefined;
}

/** The `automated` block, when auto-sync is on. */
export function argoAutomated(object: KubeObject): Record<string, unknown> | undefined {
	const automated = specOf(object).syncPolicy?.automated;
	return automated && typeof automated === 'object' ? automated : undefined;
}

/** Pauses: saves `automated` in our annotation and removes it. Fails when auto-sync is already off. */
export function argoSuspendWrite(context: string, ref: ObjectRef, object: KubeObject, pause: PauseInfo): {ok: true; write: AppWrite} | {ok: false; message: string} {
	const automated = argoAutomated(object);
	if (!automated) return {ok: false, message: `Application ${ref.name} has no syncPolicy.automated: auto-sync is already off`};
	const saved = JSON.stringify(automated);
	return {
		ok: true,
		write: {
			kind: 'patch',
			context,
			ref,
			patch: {metadata: {annotations: {...pauseAnnotations(pause), [pausedAutomatedAnnotation]: saved}}, spec: {syncPolicy: {automated: null}}},
			summary: `spec.syncPolicy.automated removed (saved in ${pausedAutomatedAnnotation}: ${saved}); pause annotations (by ${pause.by}: ${pause.reason})`,
			change: 'patch',
		},
	};
}

/** Resumes: restores the saved block exactly, or `override` (needed when nothing was saved). */
export function argoResumeWrite(context: string, ref: ObjectRef, object: KubeObject, override?: Record<string, unknown>): {ok: true; write: AppWrite} | {ok: false; message: string} {
	let automated = override;
	if (!automated) {
		const saved = object.metadata.annotations?.[pausedAutomatedAnnotation];
		if (!saved) {
			if (argoAutomated(object)) return {ok: false, message: `Application ${ref.name} is not paused: syncPolicy.automated is set`};
			return {ok: false, message: `Application ${ref.name} was not paused by gitops-tui (no ${pausedAutomatedAnnotation}): say what to restore with --automated '{"prune":true,"selfHeal":true}'`};
		}
		try {
			const parsed = JSON.parse(saved) as unknown;
			if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
			automated = parsed as Record<string, unknown>;
		} catch {
			return {ok: false, message: `${pausedAutomatedAnnotation} on Application ${ref.name} is not a JSON object: say what to restore with --automated`};
		}
	}
	return {
		ok: true,
		write: {
			kind: 'patch',
			context,
			ref,
			patch: {metadata: {annotations: clearedPauseAnnotations()}, spec: {syncPolicy: {automated}}},
			summary: `spec.syncPolicy.automated restored: ${JSON.stringify(automated)}; pause annotations removed`,
			change: 'patch',
		},
	};
}

/** The parent Application of an app-of-apps, from the tracking marks on this Application; it may re-enable auto-sync. */
export function argoParentApp(object: KubeObject): string | undefined {
	const tracking = object.metadata.annotations?.['argocd.argoproj.io/tracking-id'];
	if (tracking) return tracking.split(':')[0];
	return object.metadata.labels?.['app.kubernetes.io/instance'];
}

/** The revisions deployed before the current one, from `status.history` (newest first, the current one left out). */
export function argoPreviousRevisions(object: KubeObject): string[] {
	const history = statusOf(object).history ?? [];
	const current = statusOf(object).sync?.revision ?? history.at(-1)?.revision;
	const revisions: string[] = [];
	for (let index = history.length - 1; index >= 0; index--) {
		const revision = history[index]?.revision;
		if (revision && revision !== current && !revisions.includes(revision)) revisions.push(revision);
	}
	return revisions;
}

/** Where our sync operation stands: not ended yet, or its phase with the app's sync and health. */
export type ArgoOperationProgress = {ended: boolean; phase?: string; message?: string; sync?: string; health?: string; revision?: string};

/** Reads the operation started at `startedAfter` (RFC 3339) by `username`. */
export function argoOperationProgress(object: KubeObject, options: {username: string; startedAfter: string}): ArgoOperationProgress {
	const status = statusOf(object);
	const state = status.operationState;
	const ours = state && (state.operation?.initiatedBy?.username ?? options.username) === options.username && (state.startedAt ?? '') >= options.startedAfter.slice(0, 19);
	const progress: ArgoOperationProgress = {ended: false};
	if (status.sync?.status) progress.sync = status.sync.status;
	if (status.health?.status) progress.health = status.health.status;
	const revision = state?.syncResult?.revision ?? status.sync?.revision;
	if (revision) progress.revision = revision;
	if (object['operation'] || !ours) return progress;
	progress.phase = state.phase;
	if (state.message) progress.message = state.message;
	progress.ended = state.phase === 'Succeeded' || state.phase === 'Failed' || state.phase === 'Error';
	return progress;
}
