/**
 * Field sets of values, following the schema: the set a value sets (ToFieldSet), struct fields
 * made explicit (EnsureNamedFieldsAreMembers), removing a set's paths from a value (RemoveItems),
 * and the list checks an applied configuration must pass.
 */
import {formatFieldPath, type FieldPath} from './field-path.js';
import {FieldSet} from './field-set.js';
import {isJsonObject, type JsonObject, type JsonValue} from './json-value.js';
import {
	childCursor,
	fieldCursor,
	hasNamedFields,
	indexList,
	itemCursor,
	shapeOf,
	type SchemaCursor,
} from './schema.js';

/**
 * The fields a value sets: every leaf, atomic value, list item and free-form map entry. Struct
 * fields holding objects are implied by their children (so `f:spec` carries no `.`).
 */
export function toFieldSet(cursor: SchemaCursor, value: JsonValue): FieldSet {
	const set = new FieldSet();
	collect(cursor, [], value, set);
	return set;
}

function collect(cursor: SchemaCursor, path: FieldPath, value: JsonValue, set: FieldSet): void {
	const shape = shapeOf(cursor, value);
	if (shape === 'scalar' || shape === 'atomic' || shape === 'list-atomic') {
		set.insert(path);
		return;
	}
	if (shape === 'struct' || shape === 'map') {
		for (const [key, child] of Object.entries(value as JsonObject)) {
			if (child === undefined) continue;
			const childPath = [...path, {field: key}];
			collect(fieldCursor(cursor, key), childPath, child, set);
			if (shape === 'map') set.insert(childPath);
		}
		return;
	}
	const items = itemCursor(cursor);
	for (const item of indexList(cursor, value as JsonValue[]).items) {
		const childPath = [...path, item.element];
		collect(items, childPath, item.value, set);
		set.insert(childPath);
	}
}

/**
 * The set plus every struct field on the way to its members (`spec`, `spec.template`, ...), but
 * not free-form map keys or list items: pruning removes whole structs this way.
 */
export function ensureNamedFieldsAreMembers(set: FieldSet, cursor: SchemaCursor): FieldSet {
	const result = new FieldSet();
	for (const element of set.memberElements()) result.addMember(element);
	const named = hasNamedFields(cursor);
	for (const {element, set: child} of set.childEntries()) {
		if ('field' in element && named) result.addMember(element);
		result.setChild(element, ensureNamedFieldsAreMembers(child, childCursor(cursor, element)));
	}
	return result;
}

/**
 * The value without the set's members (each removed with everything below it). A map or list left
 * empty by the removal disappears, as the server's typed value drops it.
 */
export function removeItems(cursor: SchemaCursor, value: JsonValue, toRemove: FieldSet): JsonValue | undefined {
	const shape = shapeOf(cursor, value);
	if (shape === 'scalar') return value;
	if (shape === 'atomic' || shape === 'list-atomic') return undefined;
	if (shape === 'struct' || shape === 'map') {
		const out: JsonObject = {};
		for (const [key, child] of Object.entries(value as JsonObject)) {
			if (child === undefined) continue;
			const element = {field: key};
			if (toRemove.has([element])) continue;
			const below = toRemove.withPrefix(element);
			const kept = below.isEmpty() ? child : removeItems(fieldCursor(cursor, key), child, below);
			if (kept !== undefined) out[key] = kept;
		}
		return Object.keys(out).length > 0 ? out : undefined;
	}
	const items = itemCursor(cursor);
	const out: JsonValue[] = [];
	for (const item of indexList(cursor, value as JsonValue[]).items) {
		if (toRemove.has([item.element])) continue;
		const below = toRemove.withPrefix(item.element);
		const kept = below.isEmpty() ? item.value : removeItems(items, item.value, below);
		if (kept !== undefined) out.push(kept);
	}
	return out.length > 0 ? out : undefined;
}

/** Removes the set's members from an object, keeping at least an empty object at the root. */
export function removeFromObject(cursor: SchemaCursor, object: JsonObject, toRemove: FieldSet): JsonObject {
	if (toRemove.isEmpty()) return object;
	const kept = removeItems(cursor, object, toRemove);
	return isJsonObject(kept) ? kept : {};
}

/**
 * The first keyed or set list in an applied configuration whose items cannot be named (a missing
 * key field, a duplicate key), worded as the server words it; undefined when all are fine.
 */
export function findInvalidList(cursor: SchemaCursor, value: JsonValue, path: FieldPath = []): string | undefined {
	const shape = shapeOf(cursor, value);
	if (shape === 'struct' || shape === 'map') {
		for (const [key, child] of Object.entries(value as JsonObject)) {
			if (child === undefined) continue;
			const problem = findInvalidList(fieldCursor(cursor, key), child, [...path, {field: key}]);
			if (problem) return problem;
		}
		return undefined;
	}
	if (shape !== 'list-map' && shape !== 'list-set') return undefined;
	const items = itemCursor(cursor);
	const indexed = indexList(cursor, value as JsonValue[]);
	if (indexed.errors.length > 0) return `${formatFieldPath(path)}: ${indexed.errors[0]}`;
	for (const item of indexed.items) {
		const problem = findInvalidList(items, item.value, [...path, item.element]);
		if (problem) return problem;
	}
	return undefined;
}
