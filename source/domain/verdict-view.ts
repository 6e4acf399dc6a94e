/**
 * The two sides of a diff as the verdict judged them: live (or its fields the manifest sets), and the same with
 * only the verdict's drifted fields changed to what the controller's apply makes of them. So the diff text never
 * shows as a change what the verdict treats as equal (`1` vs `1000m`, a server default, an ignored field) and
 * does show what the verdict reports that a dry-run cannot (a field Flux takes over and removes).
 */
import {valueAt, matchesElement} from './field-access.js';
import {parseFieldPath, type FieldPath} from './field-path-notation.js';
import type {KubeObject} from './kube-object.js';
import {isPlainObject} from './normalise.js';
import {withoutFields} from './remove-fields.js';
import type {DriftedField} from './verdict.js';

/**
 * A drifted field's text path as structured steps, read against the objects it came from: the notation does not
 * escape dots in map keys, so the longest key an object has wins (`.metadata.labels.app.kubernetes.io/name`).
 * Undefined when the text cannot be parsed.
 */
export function resolveFieldPath(text: string, objects: ReadonlyArray<unknown>): FieldPath | undefined {
	let tokens: FieldPath;
	try {
		tokens = parseFieldPath(text);
	} catch {
		return undefined;
	}

	const out: FieldPath = [];
	let nodes: unknown[] = objects.filter(node => node !== undefined);
	for (let index = 0; index < tokens.length; ) {
		const token = tokens[index]!;
		if (token.kind !== 'field') {
			out.push(token);
			nodes = nodes.map(node => valueAt(node, [token]));
			index++;
			continue;
		}

		let run = 1;
		for (let length = tokens.length - index; length > 1; length--) {
			const slice = tokens.slice(index, index + length);
			if (!slice.every(step => step.kind === 'field')) continue;
			const name = slice.map(step => (step.kind === 'field' ? step.name : '')).join('.');
			if (nodes.some(node => isPlainObject(node) && name in node)) {
				run = length;
				break;
			}
		}

		const name = tokens
			.slice(index, index + run)
			.map(step => (step.kind === 'field' ? step.name : ''))
			.join('.');
		out.push({kind: 'field', name});
		nodes = nodes.map(node => (isPlainObject(node) ? node[name] : undefined));
		index += run;
	}

	return out;
}

/** A copy of `object` with `value` at `path` (maps and list items made as needed). */
export function withValueAt(object: KubeObject, path: FieldPath, value: unknown): KubeObject {
	const copy = structuredClone(object) as Record<string, unknown>;
	let node: unknown = copy;
	path.forEach((step, index) => {
		const last = index === path.length - 1;
		const next = path[index + 1];
		const fresh = () => (next && next.kind !== 'field' ? [] : {});
		if (step.kind === 'field' && isPlainObject(node)) {
			if (last) node[step.name] = structuredClone(value);
			else if (node[step.name] === undefined || node[step.name] === null) node[step.name] = fresh();
			node = node[step.name];
			return;
		}

		if (!Array.isArray(node)) return;
		let at = step.kind === 'index' ? step.index : node.findIndex(item => matchesElement(item, step));
		if (at < 0 || at >= node.length) {
			node.push(step.kind === 'key' ? {...step.keys} : step.kind === 'value' ? step.value : fresh());
			at = node.length - 1;
		}

		if (last) node[at] = structuredClone(value);
		node = node[at];
	});
	return copy as KubeObject;
}

/**
 * Before and after for a diff: `before` plus the live value of every shown field it lacks (a field the apply
 * removes), and `after` = that with each shown field set as `target` has it, or as the manifest has it for fields
 * the controller takes over (noted fields: the dry-run cannot show their removal), removed where absent.
 * Undefined when a field path cannot be placed (the caller then diffs the sides as they are).
 */
export function verdictSides(input: {before: KubeObject; live: KubeObject; target: KubeObject; desired: KubeObject; fields: readonly DriftedField[]}): {before: KubeObject; after: KubeObject} | undefined {
	let {before} = input;
	const placed: Array<{path: FieldPath; field: DriftedField}> = [];
	for (const field of input.fields) {
		const path = resolveFieldPath(field.path, [input.live, input.target, input.desired]);
		if (!path || path.length === 0) return undefined;
		placed.push({path, field});
		const liveValue = valueAt(input.live, path);
		if (valueAt(before, path) === undefined && liveValue !== undefined) before = withValueAt(before, path, liveValue);
	}

	let after = before;
	for (const {path, field} of placed) {
		const value = valueAt(field.note ? input.desired : input.target, path);
		after = value === undefined ? withoutFields(after, [path]) : withValueAt(after, path, value);
	}

	return {before, after};
}
