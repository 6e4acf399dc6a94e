/**
 * An object without some fields, addressed by field paths (`.spec.replicas`,
 * `.spec.template.spec.containers[name="web"].image`): what a diff shows once ignore rules have hidden what they
 * hide. Pure; the input is never changed.
 */
import type {KubeObject} from './kube-object.js';
import {matchesElement} from './field-access.js';
import type {FieldPath} from './field-path-notation.js';
import {isPlainObject} from './normalise.js';

function remove(node: unknown, path: FieldPath): void {
	const [step, ...rest] = path;
	if (!step) return;
	if (step.kind === 'field' && isPlainObject(node)) {
		if (rest.length === 0) delete node[step.name];
		else remove(node[step.name], rest);
		return;
	}
	if (!Array.isArray(node)) return;
	const index = step.kind === 'index' ? step.index : node.findIndex(item => matchesElement(item, step));
	if (index < 0 || index >= node.length) return;
	if (rest.length === 0) node.splice(index, 1);
	else remove(node[index], rest);
}

/** A copy of `object` with every path in `paths` removed (paths that do not exist are skipped). */
export function withoutFields(object: KubeObject, paths: readonly FieldPath[]): KubeObject {
	const copy = structuredClone(object);
	for (const path of paths) remove(copy, path);
	return copy;
}
