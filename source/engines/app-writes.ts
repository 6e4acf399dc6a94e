/**
 * What an action writes, as data, before anything is written: engines say what reconcile, pause, resume and
 * rollback mean for their app as a list of these, and `actions/` plans (dry-runs), checks (can-I), executes and
 * journals them the same way for every engine.
 */
import type {ObjectRef} from '../cluster/writes.js';
import type {KubeObject} from '../domain/kube-object.js';
import type {AppDefinition} from './engine.js';

/** One write of an action, in the order it happens. */
export type AppWrite =
	/** A JSON merge patch of one object (annotations, `spec.suspend`, `spec.syncPolicy`, `operation`). */
	| {kind: 'patch'; context: string; ref: ObjectRef; patch: Record<string, unknown>; summary: string; change: 'annotate' | 'patch'}
	/** A server-side apply of a whole object as `fieldManager`. */
	| {kind: 'apply'; context: string; object: KubeObject; fieldManager: string}
	/** A deletion (pruning). */
	| {kind: 'delete'; context: string; ref: ObjectRef};

/** The API version of each kind of app object. */
const appApiVersions: Record<Exclude<AppDefinition['objectKind'], 'PlainApp'>, string> = {
	Kustomization: 'kustomize.toolkit.fluxcd.io/v1',
	HelmRelease: 'helm.toolkit.fluxcd.io/v2',
	Application: 'argoproj.io/v1alpha1',
};

/** The app's own object (Kustomization, HelmRelease, Application); undefined for plain apps, which have none. */
export function appObjectRef(app: AppDefinition): ObjectRef | undefined {
	if (app.objectKind === 'PlainApp') return undefined;
	return {apiVersion: appApiVersions[app.objectKind], kind: app.objectKind, namespace: app.namespace, name: app.name};
}

/** The reference a write targets. */
export function writeRef(write: AppWrite): ObjectRef {
	if (write.kind !== 'apply') return write.ref;
	const {metadata} = write.object;
	return {apiVersion: write.object.apiVersion, kind: write.object.kind, name: metadata.name ?? '', ...(metadata.namespace ? {namespace: metadata.namespace} : {})};
}
