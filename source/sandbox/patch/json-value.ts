/**
 * Plain JSON values as the patch algorithms see them, with the few helpers every algorithm needs:
 * type guards, deep equality and cloning, Go-compatible JSON text, and the apiserver's value order.
 */

/** Any JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;

/** A JSON object (a Kubernetes map or struct). */
export type JsonObject = {[key: string]: JsonValue};

/** True for a plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for a scalar (string, number, boolean or null). */
export function isScalar(value: unknown): boolean {
	return value === null || (typeof value !== 'object' && value !== undefined);
}

/** Structural equality; object key order does not matter. */
export function deepEqual(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (Array.isArray(a)) {
		if (!Array.isArray(b) || a.length !== b.length) return false;
		return a.every((item, index) => deepEqual(item, b[index]));
	}
	if (isJsonObject(a)) {
		if (!isJsonObject(b)) return false;
		// Keys holding undefined are absent in JSON, so they are absent here too.
		const keys = Object.keys(a).filter((key) => a[key] !== undefined);
		if (keys.length !== Object.keys(b).filter((key) => b[key] !== undefined).length) return false;
		return keys.every((key) => deepEqual(a[key], b[key]));
	}
	return false;
}

/** A deep copy, so patches never alias the caller's objects. */
export function cloneJson<T>(value: T): T {
	return value === undefined ? value : (structuredClone(value) as T);
}

/**
 * JSON text as Go's encoding/json writes it: object keys sorted, and `<`, `>`, `&`, U+2028 and
 * U+2029 escaped. fieldsV1 keys (`k:{...}`, `v:...`) and manager identities use this form.
 */
export function goJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map((item) => goJson(item)).join(',')}]`;
	if (isJsonObject(value)) {
		const keys = Object.keys(value).sort(compareStrings);
		return `{${keys.map((key) => `${goJson(key)}:${goJson(value[key])}`).join(',')}}`;
	}
	return JSON.stringify(value)
		.replaceAll('<', '\\u003c')
		.replaceAll('>', '\\u003e')
		.replaceAll('&', '\\u0026')
		.replaceAll('\u2028', '\\u2028')
		.replaceAll('\u2029', '\\u2029');
}

/** Byte-wise string order, as Go's strings.Compare on UTF-8 (code point order). */
export function compareStrings(a: string, b: string): number {
	if (a === b) return 0;
	const left = [...a];
	const right = [...b];
	const length = Math.min(left.length, right.length);
	for (let index = 0; index < length; index++) {
		const difference = left[index]!.codePointAt(0)! - right[index]!.codePointAt(0)!;
		if (difference !== 0) return difference < 0 ? -1 : 1;
	}
	return left.length === right.length ? 0 : left.length < right.length ? -1 : 1;
}

/** Rank of a value's type in structured-merge-diff's order: numbers, strings, booleans, lists, maps, null. */
function typeRank(value: JsonValue): number {
	if (typeof value === 'number') return 0;
	if (typeof value === 'string') return 1;
	if (typeof value === 'boolean') return 2;
	if (Array.isArray(value)) return 3;
	if (value === null) return 5;
	return 4;
}

/** Total order over JSON values, as structured-merge-diff sorts set items and list keys. */
export function compareJsonValues(a: JsonValue, b: JsonValue): number {
	const rankDifference = typeRank(a) - typeRank(b);
	if (rankDifference !== 0) return rankDifference < 0 ? -1 : 1;
	if (typeof a === 'number' && typeof b === 'number') return a === b ? 0 : a < b ? -1 : 1;
	if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
	if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
	if (Array.isArray(a) && Array.isArray(b)) return compareLists(a, b);
	if (isJsonObject(a) && isJsonObject(b)) return compareMaps(a, b);
	return 0;
}

function compareLists(a: JsonValue[], b: JsonValue[]): number {
	const length = Math.min(a.length, b.length);
	for (let index = 0; index < length; index++) {
		const order = compareJsonValues(a[index]!, b[index]!);
		if (order !== 0) return order;
	}
	return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

function compareMaps(a: JsonObject, b: JsonObject): number {
	const left = Object.keys(a).sort(compareStrings);
	const right = Object.keys(b).sort(compareStrings);
	const length = Math.min(left.length, right.length);
	for (let index = 0; index < length; index++) {
		const keyOrder = compareStrings(left[index]!, right[index]!);
		if (keyOrder !== 0) return keyOrder;
		const valueOrder = compareJsonValues(a[left[index]!]!, b[right[index]!]!);
		if (valueOrder !== 0) return valueOrder;
	}
	return left.length === right.length ? 0 : left.length < right.length ? -1 : 1;
}
