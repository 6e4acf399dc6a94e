/**
 * What actions mean for a plain app, whose deployer is gitops-tui itself: reconcile is a server-side apply of the
 * rendered revision as field manager `gitops-tui`, every object carrying the app label and the revision it came
 * from (`plainDeployedRevision` reads it back). There is no controller and no auto-sync, so a pause is our own
 * flag (PRODUCT.md): the ConfigMap `gitops-tui-pause-<app>` in the app's namespace, carrying the same
 * `gitops-tui.io/` pause annotations as a Flux or Argo CD pause (who, why, since, until). Our reconcile refuses
 * while it exists (unless forced); resume deletes it. It has no app label, so it is never the app's Extra object.
 */
import type {ObjectRef} from '../cluster/writes.js';
import type {KubeObject} from '../domain/kube-object.js';
import type {AppWrite} from './app-writes.js';
import type {AppDefinition} from './engine.js';
import {appliedRevisionAnnotation} from './pause-annotations.js';
import {pauseAnnotations, type PauseInfo} from './pause-write.js';

/** The label naming the plain app a pause flag is for (not the app label: the flag is not one of its objects). */
export const plainPauseLabel = 'gitops-tui.io/pause-for';

/** Where a plain app's pause flag lives. */
export function plainPauseRef(app: Pick<AppDefinition, 'name' | 'defaultNamespace'>): ObjectRef {
	return {apiVersion: 'v1', kind: 'ConfigMap', namespace: app.defaultNamespace, name: `gitops-tui-pause-${app.name}`.slice(0, 253)};
}

/** Sets the pause flag: a server-side apply of the ConfigMap as `fieldManager`, with the pause annotations. */
export function plainPauseWrite(context: string, app: Pick<AppDefinition, 'name' | 'defaultNamespace'>, pause: PauseInfo, fieldManager: string): AppWrite {
	const ref = plainPauseRef(app);
	const annotations = Object.fromEntries(Object.entries(pauseAnnotations(pause)).filter((entry): entry is [string, string] => entry[1] !== null));
	const object: KubeObject = {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: ref.name, namespace: ref.namespace, labels: {[plainPauseLabel]: app.name}, annotations}, data: {app: app.name}};
	return {kind: 'apply', context, object, fieldManager};
}

/** Clears the pause flag. */
export function plainResumeWrite(context: string, app: Pick<AppDefinition, 'name' | 'defaultNamespace'>): AppWrite {
	return {kind: 'delete', context, ref: plainPauseRef(app)};
}

/** The object as gitops-tui applies it at `sha`: the decoration already added the label; the revision mark is set here. */
export function withAppliedRevision(object: KubeObject, sha: string): KubeObject {
	return {...object, metadata: {...object.metadata, annotations: {...object.metadata.annotations, [appliedRevisionAnnotation]: sha}}};
}
