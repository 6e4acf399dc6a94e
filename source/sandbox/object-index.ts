/**
 * Where the store keeps objects: a table per resource type keyed by namespace/name (listed in
 * etcd's order, namespace then name), plus indexes by uid and by owner uid for garbage collection.
 */
import type {KubeObject} from '../domain/kube-object.js';
import type {ResourceType} from './types.js';

export type ObjectIndex = {
	get(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined;
	/** Objects of a type, ordered by namespace then name; one namespace when given. */
	list(type: ResourceType, namespace?: string): KubeObject[];
	/** Stores (or replaces) an object; `previous` is the version it replaces, for the owner index. */
	put(type: ResourceType, object: KubeObject, previous: KubeObject | undefined): void;
	remove(type: ResourceType, object: KubeObject): void;
	/** The stored object with this uid, with its type. */
	byUid(uid: string): {type: ResourceType; object: KubeObject} | undefined;
	/** Uids of the objects whose ownerReferences name this uid. */
	dependentsOf(uid: string): string[];
};

const objectKey = (namespace: string | undefined, name: string) => `${namespace ?? ''}/${name}`;
const typeId = (type: ResourceType) => `${type.group}/${type.resource}`;

export function createObjectIndex(): ObjectIndex {
	const tables = new Map<string, Map<string, KubeObject>>();
	// Sorted keys per type, rebuilt lazily after an insert or delete.
	const sortedKeys = new Map<string, string[]>();
	const uids = new Map<string, {type: ResourceType; key: string}>();
	const dependents = new Map<string, Set<string>>();

	const table = (type: ResourceType) => {
		let found = tables.get(typeId(type));
		if (!found) tables.set(typeId(type), (found = new Map()));
		return found;
	};
	const indexOwners = (previous: KubeObject | undefined, next: KubeObject | undefined) => {
		for (const ref of previous?.metadata.ownerReferences ?? []) {
			const set = dependents.get(ref.uid);
			set?.delete(previous!.metadata.uid!);
			if (set?.size === 0) dependents.delete(ref.uid);
		}
		for (const ref of next?.metadata.ownerReferences ?? []) {
			let set = dependents.get(ref.uid);
			if (!set) dependents.set(ref.uid, (set = new Set()));
			set.add(next!.metadata.uid!);
		}
	};

	return {
		get: (type, namespace, name) => table(type).get(objectKey(type.namespaced ? namespace : undefined, name)),
		list(type, namespace) {
			const rows = table(type);
			let keys = sortedKeys.get(typeId(type));
			if (!keys) sortedKeys.set(typeId(type), (keys = [...rows.keys()].sort()));
			if (namespace === undefined) return keys.map(key => rows.get(key)!);
			// Keys sort by namespace first: binary-search to the namespace's first key, stop after its last.
			const prefix = `${namespace}/`;
			let low = 0;
			let high = keys.length;
			while (low < high) {
				const middle = (low + high) >> 1;
				if (keys[middle]! < prefix) low = middle + 1;
				else high = middle;
			}
			const result: KubeObject[] = [];
			for (let index = low; index < keys.length && keys[index]!.startsWith(prefix); index++) result.push(rows.get(keys[index]!)!);
			return result;
		},
		put(type, object, previous) {
			const rows = table(type);
			const key = objectKey(object.metadata.namespace, object.metadata.name!);
			if (!rows.has(key)) sortedKeys.delete(typeId(type));
			rows.set(key, object);
			uids.set(object.metadata.uid!, {type, key});
			indexOwners(previous, object);
		},
		remove(type, object) {
			table(type).delete(objectKey(object.metadata.namespace, object.metadata.name!));
			sortedKeys.delete(typeId(type));
			uids.delete(object.metadata.uid!);
			// The owner index of this uid stays until its dependents are collected or released.
			indexOwners(object, undefined);
		},
		byUid(uid) {
			const where = uids.get(uid);
			const object = where && table(where.type).get(where.key);
			return where && object ? {type: where.type, object} : undefined;
		},
		dependentsOf: uid => [...(dependents.get(uid) ?? [])],
	};
}
