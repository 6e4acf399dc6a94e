/**
 * Merging an applied configuration into the live object the way structured-merge-diff does
 * (TypedValue.Merge): the configuration wins on every leaf it sets, granular maps and keyed lists
 * merge item by item, atomic values are replaced whole, and nothing is ever removed here.
 */
import {cloneJson, isJsonObject, type JsonObject, type JsonValue} from './json-value.js';
import {fieldCursor, indexList, isLeafShape, itemCursor, pairShape, type IndexedItem, type SchemaCursor} from './schema.js';

/** Merges `rhs` (the configuration) into `lhs` (the live value); either may be absent. */
export function mergeTyped(cursor: SchemaCursor, lhs: JsonValue | undefined, rhs: JsonValue | undefined): JsonValue | undefined {
	if (rhs === undefined) return lhs;
	if (lhs === undefined) return cloneJson(rhs);
	const shape = pairShape(cursor, lhs, rhs);
	if (isLeafShape(shape) || (isEmptyContainer(lhs) && isEmptyContainer(rhs))) return cloneJson(rhs);
	if (shape === 'struct' || shape === 'map') return mergeObjects(cursor, asObject(lhs), asObject(rhs));
	return mergeLists(cursor, asList(lhs), asList(rhs));
}

/** True for null, `{}` and `[]`: a pair of these is compared and merged as a leaf. */
export function isEmptyContainer(value: JsonValue | undefined): boolean {
	if (value === undefined || value === null) return true;
	if (Array.isArray(value)) return value.length === 0;
	return isJsonObject(value) && Object.keys(value).length === 0;
}

function asObject(value: JsonValue): JsonObject {
	return isJsonObject(value) ? value : {};
}

function asList(value: JsonValue): JsonValue[] {
	return Array.isArray(value) ? value : [];
}

function mergeObjects(cursor: SchemaCursor, lhs: JsonObject, rhs: JsonObject): JsonObject {
	const out: JsonObject = {};
	for (const [key, value] of Object.entries(lhs)) {
		const merged = mergeTyped(fieldCursor(cursor, key), value, rhs[key]);
		if (merged !== undefined) out[key] = merged;
	}
	for (const [key, value] of Object.entries(rhs)) {
		if (lhs[key] === undefined && value !== undefined) out[key] = cloneJson(value);
	}
	return out;
}

/**
 * Keyed and set lists: items only in the live list keep their place, shared items follow the
 * configuration's order, new items come where the configuration puts them (the server's order).
 */
function mergeLists(cursor: SchemaCursor, lhs: JsonValue[], rhs: JsonValue[]): JsonValue[] {
	const items = itemCursor(cursor);
	const left = indexList(cursor, lhs);
	const right = indexList(cursor, rhs);
	const shared = right.items.filter((item) => left.byText.has(item.text));
	let nextShared: IndexedItem | undefined = shared.shift();
	const done = new Set<string>();
	const out: JsonValue[] = [];
	const take = (text: string): void => {
		done.add(text);
		const merged = mergeTyped(items, left.byText.get(text)?.value, right.byText.get(text)?.value);
		if (merged !== undefined) out.push(merged);
	};
	let l = 0;
	let r = 0;
	while (l < left.items.length || r < right.items.length) {
		const leftItem = left.items[l];
		const rightItem = right.items[r];
		if (leftItem && rightItem) {
			if (leftItem.text === rightItem.text) {
				take(leftItem.text);
				l++;
				r++;
				nextShared = shared.shift();
				continue;
			}
			if (right.byText.has(leftItem.text) && nextShared && nextShared.text !== leftItem.text) {
				l++;
				continue;
			}
		}
		if (leftItem) {
			if (!right.byText.has(leftItem.text)) {
				out.push(leftItem.value);
				l++;
				continue;
			}
			if (done.has(leftItem.text)) {
				l++;
				continue;
			}
		}
		if (rightItem) {
			take(rightItem.text);
			r++;
			if (nextShared?.text === rightItem.text) nextShared = shared.shift();
		}
	}
	return out;
}
