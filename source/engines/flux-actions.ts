/**
 * What actions mean for a Flux app (Kustomization or HelmRelease), as `flux reconcile|suspend|resume` do it:
 * a reconcile is the annotation `reconcile.fluxcd.io/requestedAt` set to a fresh token (the source first with
 * `--with-source`), handled once the controller copies the token into `status.lastHandledReconcileAt`; a pause is
 * `spec.suspend: true` plus our `gitops-tui.io/` annotations; a resume clears both and requests a reconcile, so
 * the controller applies HEAD again at once.
 */
import type {ObjectRef} from '../cluster/writes.js';
import type {KubeObject} from '../domain/kube-object.js';
import {conditionOf} from '../domain/health/conditions.js';
import type {AppWrite} from './app-writes.js';
import {clearedPauseAnnotations, pauseAnnotations, type PauseInfo} from './pause-write.js';

/** Flux's reconcile-request annotation. */
export const reconcileRequestAnnotation = 'reconcile.fluxcd.io/requestedAt';

/** The default API version of each Flux source kind a Kustomization or HelmRelease may name. */
const sourceApiVersions: Record<string, string> = {
	GitRepository: 'source.toolkit.fluxcd.io/v1',
	OCIRepository: 'source.toolkit.fluxcd.io/v1beta2',
	Bucket: 'source.toolkit.fluxcd.io/v1',
	HelmRepository: 'source.toolkit.fluxcd.io/v1',
	HelmChart: 'source.toolkit.fluxcd.io/v1',
};

/** The token written into requestedAt (Flux uses the time, RFC 3339 with nanoseconds; any new value works). */
export function reconcileToken(now: Date): string {
	return now.toISOString();
}

/** Requests a reconcile of one Flux object. */
export function fluxReconcileWrite(context: string, ref: ObjectRef, token: string): AppWrite {
	return {
		kind: 'patch',
		context,
		ref,
		patch: {metadata: {annotations: {[reconcileRequestAnnotation]: token}}},
		summary: `annotation ${reconcileRequestAnnotation}=${token}`,
		change: 'annotate',
	};
}

/** The source a Kustomization reads (`spec.sourceRef`, in its own namespace unless it names one). */
export function fluxSourceRef(app: KubeObject): ObjectRef | undefined {
	return sourceRefIn(app, (app['spec'] as {sourceRef?: SourceReference} | undefined)?.sourceRef);
}

/** A source to reconcile before the app; `optional`: skipped (with a note) when it does not exist. */
export type FluxSourceStep = {ref: ObjectRef; optional: boolean};

/**
 * What `--with-source` reconciles first, in order, as `flux reconcile kustomization|hr --with-source` does: a
 * Kustomization's `sourceRef`; a HelmRelease's `chartRef` (an OCIRepository or HelmChart) or, for a chart
 * template, the chart's source (HelmRepository, GitRepository, Bucket) and then the HelmChart source-controller
 * builds from it, `<namespace>-<name>` in the source's namespace (flux reconciles the HelmChart, which reconciles
 * its source first). Empty when the object names none.
 */
export function fluxSourceSteps(app: KubeObject): FluxSourceStep[] {
	if (app.kind !== 'HelmRelease') {
		const ref = fluxSourceRef(app);
		return ref ? [{ref, optional: false}] : [];
	}
	const spec = (app['spec'] ?? {}) as {chartRef?: SourceReference; chart?: {spec?: {sourceRef?: SourceReference}}};
	if (spec.chartRef) {
		const ref = sourceRefIn(app, spec.chartRef);
		return ref ? [{ref, optional: false}] : [];
	}
	const source = sourceRefIn(app, spec.chart?.spec?.sourceRef);
	if (!source?.namespace) return [];
	const chart: ObjectRef = {apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'HelmChart', namespace: source.namespace, name: `${app.metadata.namespace ?? 'default'}-${app.metadata.name ?? ''}`};
	return [{ref: source, optional: false}, {ref: chart, optional: true}];
}

type SourceReference = {kind?: string; name?: string; namespace?: string; apiVersion?: string};

function sourceRefIn(app: KubeObject, sourceRef: SourceReference | undefined): ObjectRef | undefined {
	if (!sourceRef?.kind || !sourceRef.name) return undefined;
	const apiVersion = sourceRef.apiVersion ?? sourceApiVersions[sourceRef.kind];
	if (!apiVersion) return undefined;
	return {apiVersion, kind: sourceRef.kind, name: sourceRef.name, namespace: sourceRef.namespace || (app.metadata.namespace ?? 'flux-system')};
}

/** Pauses: `spec.suspend: true` with who, why, since and until. */
export function fluxSuspendWrite(context: string, ref: ObjectRef, pause: PauseInfo): AppWrite {
	return {
		kind: 'patch',
		context,
		ref,
		patch: {metadata: {annotations: pauseAnnotations(pause)}, spec: {suspend: true}},
		summary: `spec.suspend: true; pause annotations (by ${pause.by}: ${pause.reason})`,
		change: 'patch',
	};
}

/** Resumes: `spec.suspend: false`, the pause annotations removed, and a reconcile requested. */
export function fluxResumeWrite(context: string, ref: ObjectRef, token: string): AppWrite {
	return {
		kind: 'patch',
		context,
		ref,
		patch: {metadata: {annotations: {...clearedPauseAnnotations(), [reconcileRequestAnnotation]: token}}, spec: {suspend: false}},
		summary: `spec.suspend: false; pause annotations removed; ${reconcileRequestAnnotation}=${token}`,
		change: 'patch',
	};
}

/**
 * Where a Flux object stands after a reconcile request, judged as `flux reconcile` does (kstatus "Current"):
 * handled once `lastHandledReconcileAt` is the token and the status is of the current generation; still in
 * progress while Ready is Unknown, or Reconciling True while not failed (the token can be copied by a run that
 * finishes, then the next one starts); done when Ready is True, failed when Ready (or Stalled) says so. `revision` is what it applied
 * (Kustomization `lastAppliedRevision`, HelmRelease the latest release's chart version, a source its artifact).
 */
export type FluxReconcileState = {handled: boolean; ready: boolean | undefined; inProgress?: string; message?: string; revision?: string};

/** Reads `lastHandledReconcileAt` against the token, the Ready/Reconciling/Stalled conditions and the revision. */
export function fluxReconcileState(object: KubeObject, token: string): FluxReconcileState {
	const status = (object['status'] ?? {}) as {
		lastHandledReconcileAt?: string;
		lastAppliedRevision?: string;
		lastAttemptedRevision?: string;
		history?: Array<{chartVersion?: string}>;
		artifact?: {revision?: string};
		observedGeneration?: number;
	};
	const ready = conditionOf(object, 'Ready');
	const reconciling = conditionOf(object, 'Reconciling');
	const stalled = conditionOf(object, 'Stalled');
	const generation = object.metadata.generation;
	// A status older than the spec (a resume's suspend:false not seen yet) says nothing about this request.
	const current = generation === undefined || status.observedGeneration === undefined || status.observedGeneration >= generation;
	const state: FluxReconcileState = {
		handled: status.lastHandledReconcileAt === token && current,
		ready: stalled?.status === 'True' ? false : ready?.status === 'True' ? true : ready?.status === 'False' ? false : undefined,
	};
	// Ready False with Reconciling True is a failure being retried (ProgressingWithRetry): settled, not in progress.
	if (state.ready !== false) {
		if (reconciling?.status === 'True') state.inProgress = `Reconciling: ${reconciling.message ?? reconciling.reason ?? ''}`.trim();
		else if (ready?.status === 'Unknown' || !ready) state.inProgress = `Ready ${ready ? `Unknown: ${ready.message ?? ready.reason ?? ''}` : 'not reported'}`.trim();
	}
	const message = stalled?.status === 'True' ? stalled.message : ready?.message;
	if (message) state.message = message;
	const revision = object.kind === 'HelmRelease' ? (status.history?.[0]?.chartVersion ?? status.lastAttemptedRevision) : (status.lastAppliedRevision ?? status.artifact?.revision);
	if (revision) state.revision = revision;
	return state;
}
