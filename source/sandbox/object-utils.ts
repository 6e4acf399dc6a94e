/**
 * Small pure helpers over raw objects the store needs: cloning, structural equality, the
 * "did anything but timestamps change" test that makes unchanged writes no-ops, and timestamps.
 */
import type {KubeObject} from '../domain/kube-object.js';

/** A deep copy of JSON data (stored objects are never shared with callers that may mutate them). */
export function clone<T>(value: T): T {
	return structuredClone(value);
}

/** Structural equality of JSON values; key order does not matter. */
export function deepEqual(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a) !== Array.isArray(b)) return false;
	if (Array.isArray(a)) {
		const other = b as unknown[];
		return a.length === other.length && a.every((item, index) => deepEqual(item, other[index]));
	}
	const left = a as Record<string, unknown>;
	const right = b as Record<string, unknown>;
	const keys = Object.keys(left).filter(k => left[k] !== undefined);
	if (keys.length !== Object.keys(right).filter(k => right[k] !== undefined).length) return false;
	return keys.every(key => deepEqual(left[key], right[key]));
}

function withoutManagedFieldTimes(object: KubeObject): unknown {
	const {resourceVersion: _rv, managedFields, ...metadata} = object.metadata;
	return {...object, metadata: {...metadata, managedFields: managedFields?.map(({time: _time, ...entry}) => entry)}};
}

/**
 * True when two versions of an object differ in nothing but resourceVersion and managedFields
 * timestamps: the apiserver then skips the write (same resourceVersion, no watch event).
 */
export function sameIgnoringTimestamps(a: KubeObject, b: KubeObject): boolean {
	return deepEqual(withoutManagedFieldTimes(a), withoutManagedFieldTimes(b));
}

/**
 * True when something outside metadata (and outside status, when status is a subresource)
 * changed: what bumps metadata.generation.
 */
export function specChanged(before: KubeObject, after: KubeObject, statusIsSubresource: boolean): boolean {
	const strip = (object: KubeObject) => {
		const {metadata: _metadata, ...rest} = object;
		if (statusIsSubresource) delete rest['status'];
		return rest;
	};
	return !deepEqual(strip(before), strip(after));
}

/** RFC 3339 with second precision, as the apiserver writes timestamps. */
export function timestamp(date: Date): string {
	return date.toISOString().replace(/\.\d+Z$/, 'Z');
}

/** Puts kind, apiVersion, metadata, spec and status first, the order a real server serialises. */
export function ordered(object: KubeObject): KubeObject {
	const {kind, apiVersion, metadata, spec, status, ...rest} = object;
	const result: KubeObject = {kind, apiVersion, metadata};
	Object.assign(result, rest);
	if (spec !== undefined) result['spec'] = spec;
	if (status !== undefined) result['status'] = status;
	return result;
}
