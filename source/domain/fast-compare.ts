import {controllerRemovals, type ApplyRules} from './apply-rules.js';
import {managersOf} from './attribution.js';
import type {FieldPath, ManagerSummary} from './field-paths.js';
import type {KubeObject} from './kube-object.js';
import {
	isEmptyValue,
	isPlainObject,
	isSetList,
	listItemElement,
	listKeysFor,
	scalarsEqual,
	type QuantityTools,
} from './normalise.js';
import {secretDataPaths, isSecret} from './secret-mask.js';
import {isServerWritten} from './server-written.js';

/**
 * Options of the comparisons; quantities are injected (see normalise.ts). With `fieldManager` (the manager the
 * app's controller applies with), the fast comparison also reports fields that manager applied before and the
 * manifest no longer sets, read from live managedFields (or `liveManagers`, the summary a projection kept), and,
 * given `applyRules`, the fields of managers the controller takes over (Flux reverts `kubectl label`).
 */
export type CompareOptions = {quantities?: QuantityTools; fieldManager?: string; liveManagers?: readonly ManagerSummary[]; applyRules?: ApplyRules};

/**
 * The fast comparison: every field the manifest sets is compared with live, so server defaults and fields other
 * managers added are not drift. Status and server-written fields (server-written.ts) are skipped;
 * associative lists are matched by their keys; quantities are normalised (int-or-string `80` and `"80"` are not). Secrets are compared
 * by key (`stringData` encoded as the server would) and reported as `.data.<key>`, never with values.
 * Returns the drifted paths in manifest order: leaves for maps (owned field by field), whole items for list items
 * and whole atomic lists; then, given the app's field manager, the fields its next apply would remove.
 */
export function fastCompare(desired: KubeObject, live: KubeObject, options: CompareOptions = {}): FieldPath[] {
	const out: FieldPath[] = [];
	const secret = isSecret(desired);
	for (const [field, value] of Object.entries(desired)) {
		if (field === 'apiVersion' || field === 'kind' || field === 'status') continue;
		if (secret && (field === 'data' || field === 'stringData')) continue;
		if (field === 'metadata') {
			compareMetadata(value, live.metadata, out, options);
			continue;
		}

		compareValue(value, live[field], [{kind: 'field', name: field}], out, options);
	}

	if (secret) out.push(...secretDataPaths(desired, live));
	if (options.fieldManager) {
		out.push(...controllerRemovals(desired, live, managersOf(live, options.liveManagers), options.fieldManager, options.applyRules));
	}
	return out.filter(path => !isServerWritten(path, live));
}

function compareMetadata(desired: unknown, live: unknown, out: FieldPath[], options: CompareOptions): void {
	if (!isPlainObject(desired)) return;
	const liveMeta = isPlainObject(live) ? live : {};
	for (const [field, value] of Object.entries(desired)) {
		// Identity was settled by pairing; server-written fields are left out by the caller (server-written.ts).
		if (field === 'name' || field === 'namespace' || field === 'generateName') continue;
		compareValue(value, liveMeta[field], [{kind: 'field', name: 'metadata'}, {kind: 'field', name: field}], out, options);
	}
}

/** Compares a desired value with live at `path`, pushing drifted paths; desired null means "no opinion". */
export function compareValue(desired: unknown, live: unknown, path: FieldPath, out: FieldPath[], options: CompareOptions): void {
	if (desired === null || desired === undefined) return;
	if (live === undefined || live === null) {
		// Map fields and set items are owned one by one in managedFields, so name each missing leaf or item;
		// a missing list item or scalar is named as a whole.
		if (isPlainObject(desired)) compareMap(desired, {}, path, out, options);
		else if (Array.isArray(desired) && desired.length > 0 && isSetList(path, desired)) compareList(desired, [], path, out, options);
		else if (!isEmptyValue(desired)) out.push(path);
		return;
	}

	if (isPlainObject(desired)) {
		if (!isPlainObject(live)) {
			out.push(path);
			return;
		}

		compareMap(desired, live, path, out, options);
		return;
	}

	if (Array.isArray(desired)) {
		compareList(desired, live, path, out, options);
		return;
	}

	if (!scalarsEqual(desired, live, path, options.quantities)) out.push(path);
}

function compareMap(
	desired: Record<string, unknown>,
	live: Record<string, unknown>,
	path: FieldPath,
	out: FieldPath[],
	options: CompareOptions,
): void {
	for (const [field, value] of Object.entries(desired)) {
		compareValue(value, live[field], [...path, {kind: 'field', name: field}], out, options);
	}
}

function compareList(desired: unknown[], live: unknown, path: FieldPath, out: FieldPath[], options: CompareOptions): void {
	if (!Array.isArray(live)) {
		out.push(path);
		return;
	}

	const keys = listKeysFor(path, desired);
	const elements = keys ? desired.map(item => listItemElement(item, keys)) : [];
	if (keys && elements.every(element => element !== undefined)) {
		desired.forEach((item, index) => {
			const element = elements[index]!;
			const liveItem = live.find(candidate => sameElement(listItemElement(candidate, keys), element));
			if (liveItem === undefined) out.push([...path, element]);
			else compareValue(item, liveItem, [...path, element], out, options);
		});
		return;
	}

	if (isSetList(path, desired)) {
		for (const item of desired) {
			if (!live.includes(item)) out.push([...path, {kind: 'value', value: item as string}]);
		}

		return;
	}

	// Atomic list: same length, and each item carries what the manifest sets (defaults inside items allowed).
	const inner: FieldPath[] = [];
	if (desired.length === live.length) {
		desired.forEach((item, index) => {
			compareValue(item, live[index], [...path, {kind: 'index', index}], inner, options);
		});
	}

	if (desired.length !== live.length || inner.length > 0) out.push(path);
}

function sameElement(a: ReturnType<typeof listItemElement>, b: ReturnType<typeof listItemElement>): boolean {
	return a !== undefined && b !== undefined && JSON.stringify(a) === JSON.stringify(b);
}
