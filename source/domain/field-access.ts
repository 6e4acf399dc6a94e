/**
 * Reading an object by field path: list items found by their keys (with the server's key defaults, so
 * `[containerPort=80,protocol="TCP"]` finds an item naming no protocol) or set values.
 */
import type {FieldPath, FieldScalar, PathElement} from './field-path-notation.js';
import {isPlainObject} from './normalise.js';

/** Defaults the server fills into list keys. */
const keyDefaults: Record<string, FieldScalar> = {protocol: 'TCP'};

/** Whether a list item is the one a key or value path element names. */
export function matchesElement(item: unknown, element: PathElement): boolean {
	if (element.kind === 'value') return item === element.value;
	if (element.kind !== 'key' || !isPlainObject(item)) return false;
	return Object.entries(element.keys).every(([key, value]) => (item[key] ?? keyDefaults[key]) === value);
}

/** The value at `path` in an object, or undefined when absent or null. */
export function valueAt(node: unknown, path: FieldPath): unknown {
	let current = node;
	for (const step of path) {
		if (current === undefined || current === null) return undefined;
		if (step.kind === 'field') {
			current = isPlainObject(current) ? current[step.name] : undefined;
			continue;
		}

		if (!Array.isArray(current)) return undefined;
		current = step.kind === 'index' ? current[step.index] : current.find(item => matchesElement(item, step));
	}

	return current ?? undefined;
}
