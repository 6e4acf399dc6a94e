import type {FieldPath} from './field-paths.js';
import type {KubeObject} from './kube-object.js';
import {
	isPlainObject,
	isSetList,
	listItemElement,
	listKeysFor,
	scalarsEqual,
} from './normalise.js';
import type {CompareOptions} from './fast-compare.js';
import {withoutServerWritten} from './server-written.js';

/**
 * The exact comparison: live against the server's answer to a server-side apply dry-run of the desired object
 * (what `kubectl diff --server-side` shows). Both are whole server objects, so every difference counts, in both
 * directions, except status and the fields the server writes by itself (server-written.ts: managedFields,
 * resourceVersion, generation, timestamps, the DaemonSet template generation...) and the last-applied annotation. Associative lists are matched by key; Secret values appear only as `.data.<key>`.
 */
export function exactCompare(live: KubeObject, dryRun: KubeObject, options: CompareOptions = {}): FieldPath[] {
	const out: FieldPath[] = [];
	diffValue(comparable(live), comparable(dryRun), [], out, options);
	return out;
}

function comparable(object: KubeObject): Record<string, unknown> {
	const {apiVersion: _apiVersion, ...rest} = withoutServerWritten(object);
	return rest;
}

function diffValue(a: unknown, b: unknown, path: FieldPath, out: FieldPath[], options: CompareOptions): void {
	const aAbsent = a === undefined || a === null;
	const bAbsent = b === undefined || b === null;
	if (aAbsent && bAbsent) return;
	if (aAbsent || bAbsent) {
		out.push(path);
		return;
	}

	if (isPlainObject(a) && isPlainObject(b)) {
		const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])];
		for (const field of fields) diffValue(a[field], b[field], [...path, {kind: 'field', name: field}], out, options);
		return;
	}

	if (Array.isArray(a) && Array.isArray(b)) {
		diffList(a, b, path, out, options);
		return;
	}

	if (isPlainObject(a) || isPlainObject(b) || Array.isArray(a) || Array.isArray(b)) {
		out.push(path);
		return;
	}

	if (!scalarsEqual(a, b, path, options.quantities) || !scalarsEqual(b, a, path, options.quantities)) out.push(path);
}

function diffList(a: unknown[], b: unknown[], path: FieldPath, out: FieldPath[], options: CompareOptions): void {
	const keys = listKeysFor(path, a.length > 0 ? a : b);
	if (keys) {
		const aElements = a.map(item => listItemElement(item, keys));
		const bElements = b.map(item => listItemElement(item, keys));
		if ([...aElements, ...bElements].every(element => element !== undefined)) {
			const ids = [...new Set([...aElements, ...bElements].map(element => JSON.stringify(element)))];
			for (const id of ids) {
				const aIndex = aElements.findIndex(element => JSON.stringify(element) === id);
				const bIndex = bElements.findIndex(element => JSON.stringify(element) === id);
				const element = (aElements[aIndex] ?? bElements[bIndex])!;
				diffValue(a[aIndex], b[bIndex], [...path, element], out, options);
			}

			return;
		}
	}

	if (isSetList(path, a) && isSetList(path, b)) {
		for (const item of new Set([...a, ...b])) {
			if (a.includes(item) !== b.includes(item)) out.push([...path, {kind: 'value', value: item as string}]);
		}

		return;
	}

	const inner: FieldPath[] = [];
	if (a.length === b.length) a.forEach((item, index) => diffValue(item, b[index], [...path, {kind: 'index', index}], inner, options));
	if (a.length !== b.length || inner.length > 0) out.push(path);
}
