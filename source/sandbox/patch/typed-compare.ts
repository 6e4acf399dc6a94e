/**
 * Comparing two versions of an object field by field (structured-merge-diff's TypedValue.Compare):
 * which leaves changed, and which leaves, list items and map entries were added or removed.
 * Ownership moves along these sets: a writer owns what it added or modified.
 */
import type {FieldPath} from './field-path.js';
import {FieldSet} from './field-set.js';
import {deepEqual, isJsonObject, type JsonValue} from './json-value.js';
import {fieldCursor, indexList, isLeafShape, itemCursor, pairShape, type SchemaCursor} from './schema.js';
import {isEmptyContainer} from './typed-merge.js';

/** What changed between two versions of an object. No path is in more than one set. */
export type Comparison = {readonly added: FieldSet; readonly modified: FieldSet; readonly removed: FieldSet};

/** Compares `lhs` (before) with `rhs` (after). */
export function compareTyped(cursor: SchemaCursor, lhs: JsonValue | undefined, rhs: JsonValue | undefined): Comparison {
	const comparison = {added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet()};
	walk(cursor, [], lhs, rhs, comparison);
	return comparison;
}

function walk(cursor: SchemaCursor, path: FieldPath, lhs: JsonValue | undefined, rhs: JsonValue | undefined, out: Comparison): void {
	// A key holding undefined (objects built in code rather than parsed) is no field at all.
	if (lhs === undefined && rhs === undefined) return;
	const shape = pairShape(cursor, lhs, rhs);
	if (isLeafShape(shape) || (isEmptyContainer(lhs) && isEmptyContainer(rhs))) {
		if (lhs === undefined) out.added.insert(path);
		else if (rhs === undefined) out.removed.insert(path);
		else if (!deepEqual(lhs, rhs)) out.modified.insert(path);
		return;
	}
	if (shape === 'struct' || shape === 'map') {
		const left = isJsonObject(lhs) ? lhs : {};
		const right = isJsonObject(rhs) ? rhs : {};
		for (const key of new Set([...Object.keys(left), ...Object.keys(right)])) {
			walk(fieldCursor(cursor, key), [...path, {field: key}], left[key], right[key], out);
		}
	} else {
		const items = itemCursor(cursor);
		const left = indexList(cursor, Array.isArray(lhs) ? lhs : []);
		const right = indexList(cursor, Array.isArray(rhs) ? rhs : []);
		for (const item of right.items) walk(items, [...path, item.element], left.byText.get(item.text)?.value, item.value, out);
		for (const item of left.items) {
			if (!right.byText.has(item.text)) walk(items, [...path, item.element], item.value, undefined, out);
		}
	}
	// A container that appears or disappears is itself added or removed: fieldsV1 shows it as `.`.
	if (lhs === undefined) out.added.insert(path);
	else if (rhs === undefined) out.removed.insert(path);
}
