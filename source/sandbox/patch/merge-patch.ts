/**
 * JSON Merge Patch (RFC 7386, application/merge-patch+json): objects merge key by key, `null`
 * deletes a key, anything else (lists included) replaces the target value.
 */
import {cloneJson, isJsonObject, type JsonObject} from './json-value.js';

/** Applies a merge patch to a copy of the target; the target is never mutated. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
	if (!isJsonObject(patch)) return cloneJson(patch);
	const result: JsonObject = isJsonObject(target) ? (cloneJson(target) as JsonObject) : {};
	for (const [key, value] of Object.entries(patch)) {
		if (value === null) delete result[key];
		else result[key] = applyMergePatch(result[key], value) as JsonObject[string];
	}
	return result;
}
