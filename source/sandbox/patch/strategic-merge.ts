/**
 * Strategic merge patch (application/strategic-merge-patch+json) for built-in kinds, as the
 * apiserver applies it: maps merge recursively and `null` deletes a key; lists merge by the Go
 * types' patch merge keys (see merge-keys.ts) or are replaced; directives `$patch`, `$retainKeys`,
 * `$setElementOrder/<field>` and `$deleteFromPrimitiveList/<field>`. Custom resources refuse it (415).
 */
import {splitApiVersion, type KubeObject} from '../../domain/kube-object.js';
import {cloneJson, isJsonObject, type JsonObject, type JsonValue} from './json-value.js';
import {schemaFor} from './merge-keys.js';
import {fieldCursor, rootCursor, type SchemaCursor} from './schema.js';
import {
	checkSetElementOrder,
	listStrategy,
	mergeStrategicList,
	normalizeElementOrder,
	partition,
	StrategicMergeError,
} from './strategic-merge-list.js';

/** The patched object, or why not; `UnsupportedMediaType` means the kind refuses this patch type (415). */
export type StrategicMergeResult =
	| {ok: true; value: KubeObject}
	| {ok: false; message: string; reason?: 'UnsupportedMediaType'};

const setOrderPrefix = '$setElementOrder/';
const deleteFromPrefix = '$deleteFromPrimitiveList/';

/** The apiserver's 415 message when a custom resource receives a strategic merge patch. */
export const strategicMergeUnsupportedMessage =
	'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml';

/** Applies a strategic merge patch to a copy of the target; the target is never mutated. */
export function applyStrategicMergePatch(target: KubeObject, patch: unknown): StrategicMergeResult {
	const schema = schemaFor(splitApiVersion(target.apiVersion).group, target.kind);
	if (!schema.builtIn) return {ok: false, reason: 'UnsupportedMediaType', message: strategicMergeUnsupportedMessage};
	if (!isJsonObject(patch)) return {ok: false, message: 'a strategic merge patch must be a JSON object'};
	try {
		const value = mergeMap(rootCursor(schema), cloneJson(target) as unknown as JsonObject, cloneJson(patch));
		return {ok: true, value: value as unknown as KubeObject};
	} catch (error) {
		if (error instanceof StrategicMergeError) return {ok: false, message: error.message};
		throw error;
	}
}

/** Merges a patch map into an original map (both are our own copies and may be changed). */
function mergeMap(cursor: SchemaCursor, original: JsonObject, patch: JsonObject): JsonObject {
	if (Object.hasOwn(patch, '$patch')) {
		const directive = patch['$patch'];
		if (directive === 'replace') return withoutDirectives(patch) as JsonObject;
		if (directive === 'delete') return {};
		// The map itself stays out of the message: it may hold Secret data.
		throw new StrategicMergeError(`Unknown patch type: ${JSON.stringify(directive)} in map`);
	}
	applyRetainKeys(original, patch);
	applySetElementOrder(cursor, original, patch);
	for (const [rawKey, value] of Object.entries(patch)) {
		if (rawKey.startsWith(setOrderPrefix)) continue;
		const deleteList = rawKey.startsWith(deleteFromPrefix);
		const key = deleteList ? rawKey.slice(deleteFromPrefix.length) : rawKey;
		const child = fieldCursor(cursor, key);
		if (value === null) {
			delete original[key];
			continue;
		}
		const current = original[key];
		if (current === undefined || current === null || kindOf(current) !== kindOf(value)) {
			if (!deleteList) original[key] = fresh(child, value);
			continue;
		}
		if (isJsonObject(current)) original[key] = mergeMap(child, current, value as JsonObject);
		else if (Array.isArray(current)) original[key] = mergeStrategicList(child, current, value as JsonValue[], deleteList, mergeMap);
		else original[key] = value;
	}
	return original;
}

function kindOf(value: JsonValue): 'object' | 'array' | 'scalar' {
	return Array.isArray(value) ? 'array' : isJsonObject(value) ? 'object' : 'scalar';
}

/** A patch value where there was none: its directives still apply (against an empty value), nulls vanish. */
function fresh(cursor: SchemaCursor, value: JsonValue): JsonValue {
	if (isJsonObject(value)) return mergeMap(cursor, {}, value);
	if (Array.isArray(value)) return mergeStrategicList(cursor, [], value, false, mergeMap).map((item) => withoutDirectives(item));
	return value;
}

/** Drops directive keys and nulls from a value taken over whole. */
function withoutDirectives(value: JsonValue): JsonValue {
	if (Array.isArray(value)) return value.map((item) => withoutDirectives(item));
	if (!isJsonObject(value)) return value;
	const result: JsonObject = {};
	for (const [key, item] of Object.entries(value)) {
		if (!key.startsWith('$') && item !== null) result[key] = withoutDirectives(item);
	}
	return result;
}

/** `$retainKeys`: keys of the original not listed are cleared; the patch may only set listed keys. */
function applyRetainKeys(original: JsonObject, patch: JsonObject): void {
	if (!Object.hasOwn(patch, '$retainKeys')) return;
	const retain = patch['$retainKeys'];
	delete patch['$retainKeys'];
	if (!Array.isArray(retain)) throw new StrategicMergeError('invalid patch format of retainKeys');
	const keep = new Set(retain.filter((key): key is string => typeof key === 'string'));
	for (const [key, value] of Object.entries(patch)) {
		if (value === null || key.startsWith(deleteFromPrefix) || key.startsWith(setOrderPrefix)) continue;
		if (!keep.has(key)) throw new StrategicMergeError('invalid patch format of retainKeys');
	}
	for (const key of Object.keys(original)) if (!keep.has(key)) delete original[key];
}

/** `$setElementOrder/<field>`: merges that list now and orders it as listed (server-only items interleaved). */
function applySetElementOrder(cursor: SchemaCursor, original: JsonObject, patch: JsonObject): void {
	for (const [directive, order] of Object.entries(patch)) {
		if (!directive.startsWith(setOrderPrefix)) continue;
		if (!Array.isArray(order)) throw new StrategicMergeError(`${directive} must be a list`);
		const key = directive.slice(setOrderPrefix.length);
		const child = fieldCursor(cursor, key);
		const {mergeKey} = listStrategy(child);
		const originalList = Array.isArray(original[key]) ? (original[key] as JsonValue[]) : undefined;
		const patchList = Array.isArray(patch[key]) ? (patch[key] as JsonValue[]) : undefined;
		if (!originalList && !patchList) continue;
		if (patchList) checkSetElementOrder(patchList, order, mergeKey);
		const merged = !patchList
			? originalList!
			: originalList
				? mergeStrategicList(child, originalList, patchList, false, mergeMap)
				: (fresh(child, patchList) as JsonValue[]);
		const [named, serverOnly] = partition(merged, order, mergeKey);
		original[key] = normalizeElementOrder(named, serverOnly, order, originalList ?? [], mergeKey);
		delete patch[key];
	}
}
