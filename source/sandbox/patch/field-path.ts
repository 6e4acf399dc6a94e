/**
 * Field paths as structured-merge-diff names them: a path is a list of elements, each a struct or
 * map field (`f:name`), an associative-list key (`k:{"name":"web"}`), a set item (`v:"x"`) or a list
 * index (`i:0`). The `f:`/`k:`/`v:`/`i:` strings are the keys of a fieldsV1 trie; the printed form
 * (`.spec.containers[name="web"].image`) is what conflict messages show.
 */
import {compareJsonValues, compareStrings, goJson, type JsonValue} from './json-value.js';

/** The fields that identify one item of an associative list, sorted by name. */
export type KeyFields = ReadonlyArray<readonly [string, JsonValue]>;

/** One step of a field path. Key fields are sorted by name. */
export type PathElement =
	| {readonly field: string}
	| {readonly key: KeyFields}
	| {readonly value: JsonValue}
	| {readonly index: number};

/** A path from the object's root to one field, list item or map entry. */
export type FieldPath = readonly PathElement[];

/** Builds a key element, sorting the key fields by name as the server does. */
export function keyElement(fields: Iterable<readonly [string, JsonValue]>): PathElement {
	return {key: [...fields].sort(([a], [b]) => compareStrings(a, b))};
}

/** The fieldsV1 key of one element: `f:name`, `k:{...}`, `v:...` or `i:0`. */
export function serializePathElement(element: PathElement): string {
	if ('field' in element) return `f:${element.field}`;
	if ('key' in element) return `k:${keyJson(element.key)}`;
	if ('value' in element) return `v:${goJson(element.value)}`;
	return `i:${element.index}`;
}

function keyJson(key: KeyFields): string {
	return `{${key.map(([name, value]) => `${goJson(name)}:${goJson(value)}`).join(',')}}`;
}

/** Parses a fieldsV1 key back into an element; undefined when the key is malformed. */
export function parsePathElement(text: string): PathElement | undefined {
	const prefix = text.slice(0, 2);
	const rest = text.slice(2);
	if (prefix === 'f:') return {field: rest};
	if (prefix === 'i:') return /^(0|[1-9]\d*)$/.test(rest) ? {index: Number(rest)} : undefined;
	if (prefix !== 'k:' && prefix !== 'v:') return undefined;
	let parsed: unknown;
	try {
		parsed = JSON.parse(rest);
	} catch {
		return undefined;
	}
	if (prefix === 'v:') return {value: parsed as JsonValue};
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
	return keyElement(Object.entries(parsed as Record<string, JsonValue>));
}

function kindRank(element: PathElement): number {
	if ('field' in element) return 0;
	if ('key' in element) return 1;
	if ('value' in element) return 2;
	return 3;
}

/** structured-merge-diff's element order: fields, then keys, then set values, then indexes. */
export function comparePathElements(a: PathElement, b: PathElement): number {
	const rankDifference = kindRank(a) - kindRank(b);
	if (rankDifference !== 0) return rankDifference < 0 ? -1 : 1;
	if ('field' in a && 'field' in b) return compareStrings(a.field, b.field);
	if ('key' in a && 'key' in b) return compareKeys(a.key, b.key);
	if ('value' in a && 'value' in b) return compareJsonValues(a.value, b.value);
	if ('index' in a && 'index' in b) return a.index === b.index ? 0 : a.index < b.index ? -1 : 1;
	return 0;
}

function compareKeys(left: KeyFields, right: KeyFields): number {
	const length = Math.min(left.length, right.length);
	for (let index = 0; index < length; index++) {
		const nameOrder = compareStrings(left[index]![0], right[index]![0]);
		if (nameOrder !== 0) return nameOrder;
		const valueOrder = compareJsonValues(left[index]![1], right[index]![1]);
		if (valueOrder !== 0) return valueOrder;
	}
	return left.length === right.length ? 0 : left.length < right.length ? -1 : 1;
}

/** How the server prints a value inside a path: strings quoted, everything else as JSON. */
function printValue(value: JsonValue): string {
	return typeof value === 'string' ? JSON.stringify(value) : goJson(value);
}

/** Prints one element as in conflict messages: `.image`, `[name="web"]`, `[="x"]`, `[0]`. */
export function formatPathElement(element: PathElement): string {
	if ('field' in element) return `.${element.field}`;
	if ('key' in element) return `[${element.key.map(([name, value]) => `${name}=${printValue(value)}`).join(',')}]`;
	if ('value' in element) return `[=${printValue(element.value)}]`;
	return `[${element.index}]`;
}

/** Prints a path as the apiserver does, e.g. `.spec.template.spec.containers[name="web"].image`. */
export function formatFieldPath(path: FieldPath): string {
	return path.map((element) => formatPathElement(element)).join('');
}
