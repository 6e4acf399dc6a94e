/**
 * JSON Patch (RFC 6902, application/json-patch+json): add, remove, replace, move, copy and test,
 * with JSON Pointer (RFC 6901) paths. Errors are values worded like the apiserver's json-patch library.
 */
import {cloneJson, deepEqual, isJsonObject, type JsonValue} from './json-value.js';

/** The patched document, or why the patch does not apply. */
export type JsonPatchResult = {ok: true; value: unknown} | {ok: false; message: string};

type Operation = {op: string; path: string; value?: unknown; from?: string};

class PatchError extends Error {}

/** Applies a JSON patch to a copy of the target; the target is never mutated. */
export function applyJsonPatch(target: unknown, ops: unknown): JsonPatchResult {
	if (!Array.isArray(ops)) return {ok: false, message: 'json patch must be a list of operations'};
	let document = cloneJson(target) as JsonValue;
	try {
		for (const [index, raw] of ops.entries()) document = applyOperation(document, readOperation(raw, index));
	} catch (error) {
		if (error instanceof PatchError) return {ok: false, message: error.message};
		throw error;
	}
	return {ok: true, value: document};
}

function readOperation(raw: unknown, index: number): Operation {
	if (!isJsonObject(raw)) throw new PatchError(`operation ${index} must be an object`);
	if (typeof raw['op'] !== 'string') throw new PatchError(`operation ${index}: missing op`);
	if (typeof raw['path'] !== 'string') throw new PatchError(`operation ${index}: ${raw['op']} operation missing path`);
	const needsValue = raw['op'] === 'add' || raw['op'] === 'replace' || raw['op'] === 'test';
	if (needsValue && !Object.hasOwn(raw, 'value')) throw new PatchError(`operation ${index}: ${raw['op']} operation missing value`);
	const needsFrom = raw['op'] === 'move' || raw['op'] === 'copy';
	if (needsFrom && typeof raw['from'] !== 'string') throw new PatchError(`operation ${index}: ${raw['op']} operation missing from`);
	return raw as unknown as Operation;
}

function applyOperation(document: JsonValue, op: Operation): JsonValue {
	switch (op.op) {
		case 'add':
			return add(document, op.path, cloneJson(op.value) as JsonValue, 'add');
		case 'remove':
			return remove(document, op.path, 'remove').document;
		case 'replace':
			return replace(document, op.path, cloneJson(op.value) as JsonValue);
		case 'move': {
			if (op.path === op.from) return document;
			if (op.path.startsWith(`${op.from}/`)) throw new PatchError(`move operation does not apply: cannot move ${op.from} into its own child ${op.path}`);
			const removed = remove(document, op.from!, 'move', 'from ');
			return add(removed.document, op.path, removed.value, 'move');
		}
		case 'copy': {
			const value = get(document, op.from!, `copy operation does not apply: doc is missing from path: ${op.from}: missing value`);
			return add(document, op.path, cloneJson(value), 'copy');
		}
		case 'test': {
			const value = get(document, op.path, `testing value ${op.path} failed: test failed`);
			if (!deepEqual(value, op.value)) throw new PatchError(`testing value ${op.path} failed: test failed`);
			return document;
		}
		default:
			throw new PatchError(`Unexpected kind: ${op.op}`);
	}
}

/** Splits a pointer into reference tokens, undoing `~1` (/) then `~0` (~). */
function parsePointer(pointer: string): string[] {
	if (pointer === '') return [];
	if (!pointer.startsWith('/')) throw new PatchError(`invalid JSON pointer ${JSON.stringify(pointer)}: must start with /`);
	return pointer
		.slice(1)
		.split('/')
		.map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function arrayIndex(token: string, length: number, allowEnd: boolean, pointer: string): number {
	if (allowEnd && token === '-') return length;
	if (!/^(0|[1-9]\d*)$/.test(token)) throw new PatchError(`invalid array index ${JSON.stringify(token)} in ${pointer}`);
	const index = Number(token);
	if (index > length || (!allowEnd && index === length)) throw new PatchError(`Unable to access invalid index: ${index} (${pointer})`);
	return index;
}

function get(document: JsonValue, pointer: string, missing: string): JsonValue {
	let current: JsonValue | undefined = document;
	for (const token of parsePointer(pointer)) {
		if (Array.isArray(current)) {
			if (!/^(0|[1-9]\d*)$/.test(token) || Number(token) >= current.length) throw new PatchError(missing);
			current = current[Number(token)];
		} else if (isJsonObject(current) && Object.hasOwn(current, token)) current = current[token];
		else throw new PatchError(missing);
	}
	return current as JsonValue;
}

/** The container holding the pointer's last token (mutable: the document is our own copy). */
function parentOf(document: JsonValue, tokens: string[], missing: string): JsonValue {
	return get(document, tokens.length > 1 ? `/${tokens.slice(0, -1).map(escapeToken).join('/')}` : '', missing);
}

function escapeToken(token: string): string {
	return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

function add(document: JsonValue, pointer: string, value: JsonValue, op: string): JsonValue {
	const tokens = parsePointer(pointer);
	if (tokens.length === 0) return value;
	const missing = `${op} operation does not apply: doc is missing path: ${JSON.stringify(pointer)}: missing value`;
	const parent = parentOf(document, tokens, missing);
	const last = tokens.at(-1)!;
	if (Array.isArray(parent)) parent.splice(arrayIndex(last, parent.length, true, pointer), 0, value);
	else if (isJsonObject(parent)) parent[last] = value;
	else throw new PatchError(missing);
	return document;
}

function remove(document: JsonValue, pointer: string, op: string, what = ''): {document: JsonValue; value: JsonValue} {
	const tokens = parsePointer(pointer);
	const missing = `${op} operation does not apply: doc is missing ${what}path: ${JSON.stringify(pointer)}: missing value`;
	if (tokens.length === 0) throw new PatchError(missing);
	const parent = parentOf(document, tokens, missing);
	const last = tokens.at(-1)!;
	if (Array.isArray(parent)) {
		if (!/^(0|[1-9]\d*)$/.test(last) || Number(last) >= parent.length) throw new PatchError(missing);
		const [value] = parent.splice(Number(last), 1);
		return {document, value: value!};
	}
	if (isJsonObject(parent) && Object.hasOwn(parent, last)) {
		const value = parent[last]!;
		delete parent[last];
		return {document, value};
	}
	throw new PatchError(missing);
}

/** Replaces an existing value in place, so an object keeps its key order. */
function replace(document: JsonValue, pointer: string, value: JsonValue): JsonValue {
	const tokens = parsePointer(pointer);
	if (tokens.length === 0) return value;
	const missing = `replace operation does not apply: doc is missing key: ${pointer}: missing value`;
	get(document, pointer, missing);
	const parent = parentOf(document, tokens, missing);
	const last = tokens.at(-1)!;
	if (Array.isArray(parent)) parent[Number(last)] = value;
	else (parent as Record<string, JsonValue>)[last] = value;
	return document;
}
