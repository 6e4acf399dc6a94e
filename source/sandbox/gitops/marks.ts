/**
 * What Flux's and Argo CD's controllers put on the objects they apply, and the field managers they write
 * with: shared by the simulated controllers and the demo's seeding so both mark objects the same way.
 */
import {formatInventoryId} from '../../domain/flux-inventory-id.js';
import {splitApiVersion, type KubeObject} from '../../domain/kube-object.js';

/** kustomize-controller's apply field manager and its status writer; source-controller's status writer. */
export const kustomizeManager = 'kustomize-controller';
export const kustomizeStatusManager = 'gotk-kustomize-controller';
export const sourceStatusManager = 'gotk-source-controller';
/** The labels kustomize-controller puts on everything it applies. */
export const fluxNameLabel = 'kustomize.toolkit.fluxcd.io/name';
export const fluxNamespaceLabel = 'kustomize.toolkit.fluxcd.io/namespace';
/** The annotation `flux reconcile` sets to ask for a reconciliation now. */
export const fluxRequestedAtAnnotation = 'reconcile.fluxcd.io/requestedAt';

/** Argo CD's apply field manager, the API server's (objects created in the UI), the controller's status writes. */
export const argoApplyManager = 'argocd-controller';
export const argoServerManager = 'argocd-server';
export const argoStatusManager = 'argocd-application-controller';
/** The tracking marks Argo CD puts on what it applies (tracking method `annotation+label`). */
export const argoInstanceLabel = 'app.kubernetes.io/instance';
export const argoTrackingAnnotation = 'argocd.argoproj.io/tracking-id';
/** The annotation `argocd app get --refresh` sets; the controller removes it once it compared. */
export const argoRefreshAnnotation = 'argocd.argoproj.io/refresh';

/** Flux's revision form for a branch. */
export function fluxRevision(sha: string, branch = 'main'): string {
	return `${branch}@sha1:${sha}`;
}

/** Argo CD's tracking id of an object: `<app>:<group>/<kind>:<namespace>/<name>`. */
export function trackingId(app: string, object: KubeObject): string {
	const {group} = splitApiVersion(object.apiVersion);
	return `${app}:${group}/${object.kind}:${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}`;
}

/** A copy with kustomize-controller's two labels. */
export function withFluxLabels(object: KubeObject, kustomization: {name: string; namespace: string}): KubeObject {
	const labels = {...object.metadata.labels, [fluxNameLabel]: kustomization.name, [fluxNamespaceLabel]: kustomization.namespace};
	return {...object, metadata: {...object.metadata, labels}};
}

/** A copy with Argo CD's tracking label and annotation. */
export function withArgoTracking(object: KubeObject, app: string): KubeObject {
	const labels = {...object.metadata.labels, [argoInstanceLabel]: app};
	const annotations = {...object.metadata.annotations, [argoTrackingAnnotation]: trackingId(app, object)};
	return {...object, metadata: {...object.metadata, labels, annotations}};
}

/** One Flux inventory entry: `<namespace>_<name>_<group>_<Kind>` and the version (colons in names as `__`). */
export function inventoryEntry(object: KubeObject): {id: string; v: string} {
	const {group, version} = splitApiVersion(object.apiVersion);
	return {id: formatInventoryId({namespace: object.metadata.namespace ?? '', name: object.metadata.name ?? '', group, kind: object.kind}), v: version};
}
