/** Owner references: who controls whom, as the controllers set and read them. */
import type {KubeObject, OwnerReference} from '../../domain/kube-object.js';
import type {KindRef} from './kinds.js';

/** The controller reference a controller puts on what it creates. */
export function controllerRef(owner: KubeObject): OwnerReference {
	return {
		apiVersion: owner.apiVersion,
		kind: owner.kind,
		name: owner.metadata.name ?? '',
		uid: owner.metadata.uid ?? '',
		controller: true,
		blockOwnerDeletion: true,
	};
}

/** The object's controlling owner, if any. */
export function controllerOf(object: KubeObject): OwnerReference | undefined {
	return object.metadata.ownerReferences?.find(reference => reference.controller === true);
}

/** Whether `owner` controls `object` (by uid, as the garbage collector and controllers match). */
export function isControlledBy(object: KubeObject, owner: KubeObject): boolean {
	return owner.metadata.uid !== undefined && controllerOf(object)?.uid === owner.metadata.uid;
}

/** Objects of a list that `owner` controls. */
export function controlledBy(objects: KubeObject[], owner: KubeObject): KubeObject[] {
	return objects.filter(object => isControlledBy(object, owner));
}

/** The queue key of an object: `namespace/name`. */
export function keyOf(object: KubeObject): string {
	return `${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}`;
}

/** Splits a queue key back into namespace (undefined when cluster-scoped) and name. */
export function splitKey(key: string): {namespace: string | undefined; name: string} {
	const slash = key.indexOf('/');
	const namespace = key.slice(0, slash);
	return {namespace: namespace === '' ? undefined : namespace, name: key.slice(slash + 1)};
}

/** The key of the controlling owner of a given kind, for events on owned objects. */
export function ownerKey(object: KubeObject, owner: KindRef): string | undefined {
	const reference = controllerOf(object);
	if (!reference || reference.kind !== owner.kind || reference.apiVersion !== owner.apiVersion) return undefined;
	return `${object.metadata.namespace ?? ''}/${reference.name}`;
}
