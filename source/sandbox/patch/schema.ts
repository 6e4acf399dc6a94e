/**
 * Walking the schema table alongside a value: a cursor is a kind's schema plus the table path of
 * the current node, and tells the walkers how to treat it (struct, free-form map, atomic, keyed
 * list, set, atomic list) and how to name a list item.
 */
import {formatPathElement, keyElement, serializePathElement, type PathElement} from './field-path.js';
import {isJsonObject, type JsonValue} from './json-value.js';
import type {FieldRule, KindSchema} from './merge-keys.js';

/** Where a walker stands: the kind's schema and the table path (`spec.template.spec.containers[]`). */
export type SchemaCursor = {readonly schema: KindSchema; readonly pattern: string};

/** How a node merges: struct and map are granular objects, the `list-*` kinds are lists. */
export type Shape = 'scalar' | 'struct' | 'map' | 'atomic' | 'list-map' | 'list-set' | 'list-atomic';

/** The cursor at the object's root. */
export function rootCursor(schema: KindSchema): SchemaCursor {
	return {schema, pattern: ''};
}

/** The table rule of the node under the cursor, if any. */
export function ruleAt(cursor: SchemaCursor): FieldRule | undefined {
	return cursor.schema.rules.get(cursor.pattern);
}

/** The cursor of a field (or, inside a free-form map, of any entry). */
export function fieldCursor(cursor: SchemaCursor, name: string): SchemaCursor {
	const step = ruleAt(cursor)?.object === 'map' ? '*' : name;
	return {schema: cursor.schema, pattern: cursor.pattern === '' ? step : `${cursor.pattern}.${step}`};
}

/** The cursor of any item of the list under the cursor. */
export function itemCursor(cursor: SchemaCursor): SchemaCursor {
	return {schema: cursor.schema, pattern: `${cursor.pattern}[]`};
}

/** The cursor one path element down. */
export function childCursor(cursor: SchemaCursor, element: PathElement): SchemaCursor {
	return 'field' in element ? fieldCursor(cursor, element.field) : itemCursor(cursor);
}

/** The shape of one value at the cursor: the table decides for lists and objects, else the value does. */
export function shapeOf(cursor: SchemaCursor, value: unknown): Shape {
	const rule = ruleAt(cursor);
	if (Array.isArray(value)) return rule?.list === 'map' ? 'list-map' : rule?.list === 'set' ? 'list-set' : 'list-atomic';
	if (isJsonObject(value)) return rule?.object === 'atomic' ? 'atomic' : rule?.object === 'map' ? 'map' : 'struct';
	return 'scalar';
}

/**
 * The shape two values share, or `scalar` when they cannot be merged item by item (one is a list
 * and the other an object or a non-null scalar): such a pair is compared and replaced whole.
 * Null stands for an empty container of the other side's kind, as in the server's typed values.
 */
export function pairShape(cursor: SchemaCursor, lhs: unknown, rhs: unknown): Shape {
	const left = lhs === null ? undefined : lhs;
	const right = rhs === null ? undefined : rhs;
	if (left === undefined) return right === undefined ? 'scalar' : shapeOf(cursor, right);
	if (right === undefined) return shapeOf(cursor, left);
	const leftShape = shapeOf(cursor, left);
	return leftShape === shapeOf(cursor, right) ? leftShape : 'scalar';
}

/** True for the shapes that are compared and replaced as one value. */
export function isLeafShape(shape: Shape): boolean {
	return shape === 'scalar' || shape === 'atomic' || shape === 'list-atomic';
}

/** True when the node's field names are declared struct fields (not free-form map keys). */
export function hasNamedFields(cursor: SchemaCursor): boolean {
	const rule = ruleAt(cursor);
	return rule?.object !== 'map' && rule?.list === undefined;
}

/** The element naming one list item, or why the item cannot be named. */
export type ItemElementResult = {ok: true; element: PathElement} | {ok: false; message: string};

/** Names an item of the list at the cursor: by key fields (with schema defaults), by value in a set, else by index. */
export function listItemElement(cursor: SchemaCursor, item: unknown, index: number): ItemElementResult {
	const rule = ruleAt(cursor);
	if (rule?.list === 'map') {
		if (!isJsonObject(item)) return {ok: false, message: 'associative list with keys may not have non-map elements'};
		const fields: Array<[string, JsonValue]> = [];
		for (const name of rule.keys ?? []) {
			const value = item[name] ?? rule.keyDefaults?.[name];
			if (value === undefined || value === null) {
				return {ok: false, message: `associative list with keys has an element that omits key field ${JSON.stringify(name)} (and doesn't have default value)`};
			}
			fields.push([name, value]);
		}
		return {ok: true, element: keyElement(fields)};
	}
	if (rule?.list === 'set') {
		if (item === null || typeof item === 'object') return {ok: false, message: 'associative list without keys has an element that is not a scalar'};
		return {ok: true, element: {value: item as JsonValue}};
	}
	return {ok: true, element: {index}};
}

/** One named item of a keyed or set list. */
export type IndexedItem = {readonly element: PathElement; readonly text: string; readonly value: JsonValue};

/** A list's items by name, in list order; repeated names keep the first item and are reported. */
export type IndexedList = {
	readonly items: readonly IndexedItem[];
	readonly byText: ReadonlyMap<string, IndexedItem>;
	/** Problems naming items, as the server words them (`element 0: ...`, `duplicate entries for key [name="web"]`). */
	readonly errors: readonly string[];
};

/** Names every item of the list at the cursor, for merging and comparing item by item. */
export function indexList(cursor: SchemaCursor, list: readonly JsonValue[]): IndexedList {
	const items: IndexedItem[] = [];
	const byText = new Map<string, IndexedItem>();
	const errors: string[] = [];
	list.forEach((value, index) => {
		const named = listItemElement(cursor, value, index);
		if (!named.ok) {
			errors.push(`element ${index}: ${named.message}`);
			return;
		}
		const text = serializePathElement(named.element);
		if (byText.has(text)) {
			errors.push(`duplicate entries for key ${formatPathElement(named.element)}`);
			return;
		}
		const item = {element: named.element, text, value};
		items.push(item);
		byText.set(text, item);
	});
	return {items, byText, errors};
}
