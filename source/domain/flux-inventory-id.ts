/**
 * Flux inventory entry ids, kstatus's ObjMetadata form `<namespace>_<name>_<group>_<Kind>` (cluster scope and the
 * core group empty; colons in names, as RBAC objects have, written as `__`): read by the Flux engines (which live
 * objects an app owns) and by the sandbox's kustomize-controller (what it prunes), written by the latter.
 */

/** What an inventory id names. */
export type InventoryObject = {group: string; kind: string; namespace: string; name: string};

/** Parses an inventory id; undefined when malformed (or not a string). */
export function parseInventoryId(id: unknown): InventoryObject | undefined {
	if (typeof id !== 'string') return undefined;
	const parts = id.split('_');
	if (parts.length < 4) return undefined;
	const kind = parts.pop()!;
	const group = parts.pop()!;
	const namespace = parts.shift()!;
	// Namespaces, groups and kinds never contain `_`; a name's colons (RBAC) were written as `__`.
	const name = parts.join('_').replaceAll('__', ':');
	if (!kind || !name) return undefined;
	return {group, kind, namespace, name};
}

/** The inventory id of an object, as kustomize-controller writes it. */
export function formatInventoryId(object: InventoryObject): string {
	return `${object.namespace}_${object.name.replaceAll(':', '__')}_${object.group}_${object.kind}`;
}
