/** Resource ids of objects inside a prepared app, with the app's namespace default and the cluster's scopes. */
import type {KubeObject} from '../domain/kube-object.js';
import {resourceId, resourceKeyOf} from '../domain/resource-key.js';
import type {PreparedApp} from './prepare-app.js';

/** The `group/Kind/namespace/name` id an object pairs under in this app. */
export function desiredIdOf(prepared: PreparedApp, object: KubeObject): string {
	return resourceId(resourceKeyOf(object, {defaultNamespace: prepared.app.defaultNamespace, isNamespaced: prepared.isNamespaced}));
}
