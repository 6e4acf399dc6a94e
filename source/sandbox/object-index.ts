/**
 * Where the store keeps objects: a table per resource type keyed by namespace/name, with its keys
 * kept in order (etcd's: namespace, then name) as objects come and go so lists and list pages read
 * from a position instead of sorting or filtering the whole kind; plus indexes by uid and by owner
 * uid for garbage collection.
 */
import type {KubeObject} from '../domain/kube-object.js';
import {createOrderedKeys, type OrderedKeys} from './ordered-keys.js';
import type {ResourceType} from './types.js';

export type ObjectIndex = {
	get(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined;
	/** Objects of a type, ordered by namespace then name; one namespace when given. */
	list(type: ResourceType, namespace?: string): KubeObject[];
	/**
	 * Objects of a type in key order from the key `start` on (`namespace/name`, `/name` for cluster
	 * kinds; inclusive), within one namespace when given. Read it before the next write.
	 */
	scan(type: ResourceType, namespace: string | undefined, start?: string): Generator<KubeObject, void, undefined>;
	/** How many objects of a type have a key ≥ `start`, within one namespace when given. */
	countFrom(type: ResourceType, namespace: string | undefined, start?: string): number;
	/** Stores (or replaces) an object; `previous` is the version it replaces, for the owner index. */
	put(type: ResourceType, object: KubeObject, previous: KubeObject | undefined): void;
	remove(type: ResourceType, object: KubeObject): void;
	/** The stored object with this uid, with its type. */
	byUid(uid: string): {type: ResourceType; object: KubeObject} | undefined;
	/** Uids of the objects whose ownerReferences name this uid. */
	dependentsOf(uid: string): string[];
};

export const objectKey = (namespace: string | undefined, name: string) => `${namespace ?? ''}/${name}`;
const typeId = (type: ResourceType) => `${type.group}/${type.resource}`;
/** The first key past a namespace's keys: '0' follows '/'. */
const namespaceEnd = (namespace: string) => `${namespace}0`;

export function createObjectIndex(): ObjectIndex {
	const tables = new Map<string, Map<string, KubeObject>>();
	const orders = new Map<string, OrderedKeys>();
	const uids = new Map<string, {type: ResourceType; key: string}>();
	const dependents = new Map<string, Set<string>>();

	const table = (type: ResourceType) => {
		let found = tables.get(typeId(type));
		if (!found) tables.set(typeId(type), (found = new Map()));
		return found;
	};
	const order = (type: ResourceType) => {
		let found = orders.get(typeId(type));
		if (!found) orders.set(typeId(type), (found = createOrderedKeys()));
		return found;
	};
	function* scan(type: ResourceType, namespace: string | undefined, start?: string) {
		const rows = table(type);
		const prefix = namespace === undefined ? '' : `${namespace}/`;
		for (const key of order(type).from(start !== undefined && start > prefix ? start : prefix)) {
			if (!key.startsWith(prefix)) return;
			yield rows.get(key)!;
		}
	}
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
		list: (type, namespace) => [...scan(type, namespace)],
		scan,
		countFrom(type, namespace, start) {
			const keys = order(type);
			const prefix = namespace === undefined ? '' : `${namespace}/`;
			const from = keys.rank(start !== undefined && start > prefix ? start : prefix);
			return (namespace === undefined ? keys.size : keys.rank(namespaceEnd(namespace))) - from;
		},
		put(type, object, previous) {
			const rows = table(type);
			const key = objectKey(object.metadata.namespace, object.metadata.name!);
			if (!rows.has(key)) order(type).add(key);
			rows.set(key, object);
			uids.set(object.metadata.uid!, {type, key});
			indexOwners(previous, object);
		},
		remove(type, object) {
			const key = objectKey(object.metadata.namespace, object.metadata.name!);
			table(type).delete(key);
			order(type).delete(key);
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
