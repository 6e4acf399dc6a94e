/**
 * Annotations gitops-tui writes on an app's own object (Flux Kustomization or HelmRelease, Argo CD Application)
 * when it pauses auto-sync, and on objects it applies itself, so every session and every operator sees the same
 * thing: who paused, why, since and until when, and what to restore. All live under `gitops-tui.io/`.
 *
 * | annotation | on | value |
 * |---|---|---|
 * | `gitops-tui.io/paused-by` | app object | who paused (the identity the cluster reported) |
 * | `gitops-tui.io/pause-reason` | app object | free text given with `suspend --reason` |
 * | `gitops-tui.io/paused-at` | app object | RFC 3339 time of the pause |
 * | `gitops-tui.io/pause-until` | app object | RFC 3339 time after which the pause is meant to end (optional) |
 * | `gitops-tui.io/paused-automated` | Argo CD Application | JSON of the `syncPolicy.automated` block removed, restored exactly on resume |
 * | `gitops-tui.io/revision` | objects of plain apps | the commit sha gitops-tui applied |
 * | label `gitops-tui.io/app` | objects of plain apps | the plain app's name (ownership, so Extra objects are found) |
 */
import type {AutoSync} from '../domain/app.js';
import type {KubeObject} from '../domain/kube-object.js';

/** Who paused auto-sync. */
export const pausedByAnnotation = 'gitops-tui.io/paused-by';
/** Why auto-sync was paused. */
export const pauseReasonAnnotation = 'gitops-tui.io/pause-reason';
/** When auto-sync was paused (RFC 3339). */
export const pausedAtAnnotation = 'gitops-tui.io/paused-at';
/** When the pause is meant to end (RFC 3339), if it has an end. */
export const pauseUntilAnnotation = 'gitops-tui.io/pause-until';
/** Argo CD: the `syncPolicy.automated` block that pausing removed, as JSON. */
export const pausedAutomatedAnnotation = 'gitops-tui.io/paused-automated';
/** Plain apps: the commit sha gitops-tui applied, on every object it applied. */
export const appliedRevisionAnnotation = 'gitops-tui.io/revision';
/** Plain apps: the label that marks an object as belonging to a plain app. */
export const plainAppLabel = 'gitops-tui.io/app';

/**
 * The auto-sync state of an app object: `enabled` as its engine decided, plus who/why/since/until from our
 * annotations while it is paused (a pause made with kubectl has none of these, and that is shown as it is).
 */
export function autoSyncOf(object: KubeObject, enabled: boolean): AutoSync {
	const autoSync: AutoSync = {enabled};
	if (enabled) return autoSync;
	const annotations = object.metadata?.annotations ?? {};
	const pausedBy = annotations[pausedByAnnotation];
	const reason = annotations[pauseReasonAnnotation];
	const since = annotations[pausedAtAnnotation];
	const until = annotations[pauseUntilAnnotation];
	if (pausedBy) autoSync.pausedBy = pausedBy;
	if (reason) autoSync.reason = reason;
	if (since) autoSync.since = since;
	if (until) autoSync.until = until;
	return autoSync;
}
