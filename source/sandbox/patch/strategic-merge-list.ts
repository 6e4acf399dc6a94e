/**
 * Lists in a strategic merge patch: merged by the field's patch merge key (or as a union for scalar
 * lists with the merge strategy), replaced otherwise; `$patch: delete` / `$patch: replace` items,
 * `$deleteFromPrimitiveList` and the element order the apiserver's strategicpatch package produces.
 */
import {deepEqual, isJsonObject, type JsonObject, type JsonValue} from './json-value.js';
import {itemCursor, ruleAt, type SchemaCursor} from './schema.js';

/** A patch that cannot be applied; turned into an error value at the entry point. */
export class StrategicMergeError extends Error {}

/** Merges one patch map into one original map (supplied by the map merger, to avoid a cycle). */
export type MapMerger = (cursor: SchemaCursor, original: JsonObject, patch: JsonObject) => JsonObject;

/** How a list field merges: by key, as a union of scalars, or not at all (replaced). */
export function listStrategy(cursor: SchemaCursor): {mergeKey: string | undefined; merge: boolean} {
	const rule = ruleAt(cursor);
	return {mergeKey: rule?.patchMergeKey, merge: rule?.patchMergeKey !== undefined || rule?.patchMergeScalars === true};
}

/** Merges a patch list into an original list at the cursor's field. */
export function mergeStrategicList(
	cursor: SchemaCursor,
	original: JsonValue[],
	patch: JsonValue[],
	deleteList: boolean,
	mergeMap: MapMerger,
): JsonValue[] {
	const {mergeKey, merge} = listStrategy(cursor);
	if (!merge) return deleteList ? original : patch;
	if (original.length === 0 && patch.length === 0) return original;
	const maps = elementsAreMaps(original, patch);
	if (!maps) {
		if (deleteList) return original.filter((item) => !patch.some((removed) => deepEqual(item, removed)));
		const merged = dedupe([...original, ...patch]);
		const [patchItems, serverOnly] = partition(merged, patch, undefined);
		return normalizeElementOrder(patchItems, serverOnly, patch, original, undefined);
	}
	if (!mergeKey) throw new StrategicMergeError(`cannot merge lists without merge key for ${cursor.pattern}`);
	const special = applySpecialElements(original, patch, mergeKey);
	const merged = mergeByKey(itemCursor(cursor), special.original, special.patch, mergeKey, mergeMap);
	const [patchItems, serverOnly] = partition(merged, special.patch, mergeKey);
	return normalizeElementOrder(patchItems, serverOnly, special.patch, special.original, mergeKey);
}

function elementsAreMaps(original: JsonValue[], patch: JsonValue[]): boolean {
	const all = [...original, ...patch];
	const maps = all.filter((item) => isJsonObject(item)).length;
	if (maps !== 0 && maps !== all.length) throw new StrategicMergeError('cannot merge a list mixing objects and other values');
	return maps > 0;
}

function dedupe(items: JsonValue[]): JsonValue[] {
	return items.filter((item, index) => items.findIndex((other) => deepEqual(other, item)) === index);
}

/** `$patch: delete` items remove originals by key; `$patch: replace` makes the rest the whole list. */
function applySpecialElements(original: JsonValue[], patch: JsonValue[], mergeKey: string): {original: JsonValue[]; patch: JsonValue[]} {
	const plain: JsonValue[] = [];
	let replace = false;
	let kept = original;
	for (const item of patch) {
		const map = item as JsonObject;
		if (!Object.hasOwn(map, '$patch')) {
			plain.push(item);
			continue;
		}
		if (map['$patch'] === 'delete') {
			if (!Object.hasOwn(map, mergeKey)) throw missingKey(map, mergeKey);
			kept = kept.filter((candidate) => !deepEqual((candidate as JsonObject)[mergeKey], map[mergeKey]));
		} else if (map['$patch'] === 'replace') replace = true;
		else if (map['$patch'] === 'merge') throw new StrategicMergeError('merging lists cannot yet be specified in the patch');
		else throw new StrategicMergeError(`Unknown patch type: ${JSON.stringify(map['$patch'])} in a list item`);
	}
	return replace ? {original: plain, patch: []} : {original: kept, patch: plain};
}

/** Names the item by its keys only: values may be secret (env values, for one). */
function missingKey(map: JsonObject, mergeKey: string): StrategicMergeError {
	return new StrategicMergeError(`map with keys ${JSON.stringify(Object.keys(map))} does not contain declared merge key: ${mergeKey}`);
}

function mergeByKey(cursor: SchemaCursor, original: JsonValue[], patch: JsonValue[], mergeKey: string, mergeMap: MapMerger): JsonValue[] {
	const result = [...original];
	for (const item of patch) {
		const map = item as JsonObject;
		if (!Object.hasOwn(map, mergeKey)) throw missingKey(map, mergeKey);
		const index = result.findIndex((candidate) => isJsonObject(candidate) && deepEqual(candidate[mergeKey], map[mergeKey]));
		if (index === -1) result.push(mergeMap(cursor, {}, map));
		else result[index] = mergeMap(cursor, result[index] as JsonObject, map);
	}
	return result;
}

function indexIn(list: readonly JsonValue[], item: JsonValue, mergeKey: string | undefined): number {
	if (mergeKey === undefined) return list.findIndex((candidate) => deepEqual(candidate, item));
	const key = (item as JsonObject)[mergeKey];
	return list.findIndex((candidate) => isJsonObject(candidate) && deepEqual(candidate[mergeKey], key));
}

/** Splits merged items into those the order list names and the server-only rest. */
export function partition(merged: JsonValue[], order: readonly JsonValue[], mergeKey: string | undefined): [JsonValue[], JsonValue[]] {
	const named: JsonValue[] = [];
	const rest: JsonValue[] = [];
	for (const item of merged) (indexIn(order, item, mergeKey) >= 0 ? named : rest).push(item);
	return [named, rest];
}

function sortByOrder(items: JsonValue[], order: readonly JsonValue[], mergeKey: string | undefined): JsonValue[] {
	return [...items].sort((a, b) => {
		const left = indexIn(order, a, mergeKey);
		const right = indexIn(order, b, mergeKey);
		return left >= 0 && right >= 0 ? left - right : 0;
	});
}

/**
 * Patch items in the patch's order, server-only items in the live order, interleaved so each
 * server-only item goes before the first patch item that follows it in the live list.
 */
export function normalizeElementOrder(
	patchItems: JsonValue[],
	serverOnly: JsonValue[],
	patchOrder: readonly JsonValue[],
	serverOrder: readonly JsonValue[],
	mergeKey: string | undefined,
): JsonValue[] {
	const right = sortByOrder(patchItems, patchOrder, mergeKey);
	const left = sortByOrder(serverOnly, serverOrder, mergeKey);
	const result: JsonValue[] = [];
	let i = 0;
	let j = 0;
	while (i < left.length || j < right.length) {
		if (i >= left.length) result.push(right[j++]!);
		else if (j >= right.length) result.push(left[i++]!);
		else {
			const l = indexIn(serverOrder, left[i]!, mergeKey);
			const r = indexIn(serverOrder, right[j]!, mergeKey);
			if (l >= 0 && r >= 0 && l < r) result.push(left[i++]!);
			else result.push(right[j++]!);
		}
	}
	return result;
}

/** Checks that a `$setElementOrder` list names the patch list's items in the same order. */
export function checkSetElementOrder(patchList: readonly JsonValue[], order: readonly JsonValue[], mergeKey: string | undefined): void {
	const items = patchList.filter((item) => !(isJsonObject(item) && Object.hasOwn(item, '$patch')));
	let p = 0;
	let o = 0;
	while (p < items.length && o < order.length) {
		const same = mergeKey === undefined ? deepEqual(items[p], order[o]) : deepEqual((items[p] as JsonObject)[mergeKey], (order[o] as JsonObject)?.[mergeKey]);
		if (same) p++;
		o++;
	}
	if (p < items.length) throw new StrategicMergeError(`The order in patch list doesn't match $setElementOrder list (merge key ${mergeKey ?? 'none'})`);
}
