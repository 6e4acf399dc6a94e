/**
 * Small helpers for defaulting loose JSON in place. Every defaulter in this folder works on a private copy
 * that applyDefaults made, so mutating here never touches a caller's object.
 */

/** A JSON object of unknown shape. */
export type Fields = Record<string, unknown>;

/** Whether a value is a JSON object (not an array, not null). */
export function isFields(value: unknown): value is Fields {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object under `key`, created empty when absent (as Go's non-pointer structs always serialise). */
export function ensure(parent: Fields, key: string): Fields {
	const value = parent[key];
	if (isFields(value)) return value;
	const created: Fields = {};
	parent[key] = created;
	return created;
}

/** The object under `key` when there is one; nothing is created. */
export function field(parent: Fields, key: string): Fields | undefined {
	const value = parent[key];
	return isFields(value) ? value : undefined;
}

/** Sets `key` when it is absent or null: a nil pointer in Go is what the apiserver's defaulters fill. */
export function setDefault(target: Fields, key: string, value: unknown): void {
	if (target[key] === undefined || target[key] === null) target[key] = value;
}

/** The object items of an array field (other items and non-arrays yield nothing). */
export function records(value: unknown): Fields[] {
	return Array.isArray(value) ? value.filter(isFields) : [];
}
