/**
 * What Argo CD's `RespectIgnoreDifferences=true` sync option does, for our own applies (rollback, a plain app's
 * reconcile): a field the app's ignore rules hide (Argo's `ignoreDifferences`, `.gitops-tui.yaml`'s `ignore`) is
 * not written. Argo copies the live value into the target before applying; with server-side apply we go one step
 * further so ownership does not move: a field another manager owns (the HPA's `.spec.replicas`) is left out of
 * the applied object, so the value stays and so does its owner (no conflict, no --force); a field our own field
 * manager owns live is applied with its live value (leaving it out would make the server delete it); a field live
 * does not have is left out. A new object (nothing live) is applied as rendered, as Argo CD does.
 */
import {fieldOwners, managersOf} from '../domain/attribution.js';
import {matchesElement, valueAt} from '../domain/field-access.js';
import {formatFieldPath, isPathPrefix, type FieldPath, type ManagerSummary} from '../domain/field-paths.js';
import {resolvePointer, rulesForKey, type IgnoreRule} from '../domain/ignore-rules.js';
import type {KubeObject} from '../domain/kube-object.js';
import {isPlainObject} from '../domain/normalise.js';
import type {ResourceKey} from '../domain/resource-key.js';
import {withoutFields} from '../domain/remove-fields.js';

/** The object to apply and, per ignored field it had, what happens to it (for the plan). */
export type RespectedObject = {object: KubeObject; notes: string[]};

/** What deciding needs besides the objects. */
export type RespectOptions = {rules: readonly IgnoreRule[]; key: ResourceKey; fieldManager: string; liveManagers?: readonly ManagerSummary[]};

/** The desired object with the fields the rules ignore kept as they are live. */
export function respectIgnores(desired: KubeObject, live: KubeObject | undefined, options: RespectOptions): RespectedObject {
	const rules = rulesForKey(options.rules, options.key);
	if (!live || rules.length === 0) return {object: desired, notes: []};
	const managers = managersOf(live, options.liveManagers);
	const paths = outermost(ignoredPaths(rules, desired, live, managers, options.fieldManager)).filter(path => valueAt(desired, path) !== undefined);
	const removed: FieldPath[] = [];
	const kept: Array<{path: FieldPath; value: unknown}> = [];
	const notes: string[] = [];
	for (const path of paths) {
		const text = formatFieldPath(path);
		const liveValue = valueAt(live, path);
		const owners = fieldOwners(path, managers);
		if (liveValue === undefined) {
			removed.push(path);
			notes.push(`not written ${text}: ignored, absent live`);
		} else if (owners.includes(options.fieldManager)) {
			kept.push({path, value: liveValue});
			notes.push(`keeps ${text}: ignored, live value kept`);
		} else {
			removed.push(path);
			notes.push(`keeps ${text}: ignored, owned by ${owners.length > 0 ? owners.join(', ') : 'no manager'}`);
		}
	}
	if (notes.length === 0) return {object: desired, notes};
	const object = withoutFields(desired, removed);
	for (const {path, value} of kept) setAt(object, path, value);
	return {object, notes};
}

/** Every path a rule names in either object, and every path live that a rule's managers own. */
function ignoredPaths(rules: readonly IgnoreRule[], desired: KubeObject, live: KubeObject, managers: readonly ManagerSummary[], fieldManager: string): FieldPath[] {
	const paths: FieldPath[] = [];
	for (const rule of rules) {
		for (const pointer of rule.jsonPointers) {
			for (const object of [desired, live]) {
				const path = resolvePointer(pointer, object);
				if (path && path.length > 0) paths.push(path);
			}
		}
		const ruleManagers = rule.managers.filter(manager => manager !== fieldManager);
		for (const summary of managers) {
			if (!ruleManagers.includes(summary.manager)) continue;
			paths.push(...summary.owned.filter(path => path.length > 0 && path[0]?.kind === 'field' && path[0].name !== 'metadata' && path[0].name !== 'status'));
		}
	}
	return paths;
}

/** The paths without those under another one in the list (a pointer to a whole block covers its fields). */
function outermost(paths: readonly FieldPath[]): FieldPath[] {
	const unique = [...new Map(paths.map(path => [JSON.stringify(path), path])).values()];
	return unique.filter(path => !unique.some(other => other !== path && other.length < path.length && isPathPrefix(other, path)));
}

/** Sets the value at an existing path (its parent exists, since the desired object has the field). */
function setAt(object: KubeObject, path: FieldPath, value: unknown): void {
	const parent = valueAt(object, path.slice(0, -1));
	const last = path.at(-1);
	if (!last) return;
	if (last.kind === 'field' && isPlainObject(parent)) parent[last.name] = structuredClone(value);
	else if (Array.isArray(parent)) {
		const index = last.kind === 'index' ? last.index : parent.findIndex(item => matchesElement(item, last));
		if (index >= 0) parent[index] = structuredClone(value);
	}
}
