import type {FieldPath, ManagerSummary} from './field-paths.js';
import type {KubeObject} from './kube-object.js';
import {removalCompare} from './removal-compare.js';

/**
 * A field manager whose fields a controller takes over before it applies: a name prefix (or, with `exact`, the
 * whole name) and an operation, as fluxcd/pkg `ssa.FieldManager` matches managedFields entries (entries of a
 * subresource, e.g. status, are never taken over).
 */
export type ManagerMatch = {name: string; operation: 'Apply' | 'Update'; exact?: boolean};

/**
 * How an app's controller applies, as far as verdicts care (engines fill it in; see source/engines/apply-rules.ts
 * for which rule comes from which controller's source).
 */
export type ApplyRules = {
	/** The controller named in notes, e.g. `kustomize-controller`. */
	controller: string;
	/**
	 * Managers whose fields the controller hands to its own apply entry before applying (Flux's managedFields
	 * cleanup, Argo CD's client-side-apply migration): its next apply then removes what the manifest does not set.
	 */
	takeover: readonly ManagerMatch[];
	/** Objects carrying one of these label/annotation values (any case) are left out of the takeover (Flux `ssa: Merge`). */
	takeoverExclusions?: Readonly<Record<string, string>>;
	/** The controller honours kustomize-controller's per-object marks (`reconcile: disabled`, `ssa: Ignore|IfNotPresent`). */
	fluxObjectMarks?: boolean;
};

/** True when an object carries one of the key/value pairs in its labels or annotations (values compared in any case). */
export function anyInMetadata(object: KubeObject | undefined, marks: Readonly<Record<string, string>> | undefined): boolean {
	if (!object || !marks) return false;
	const {labels, annotations} = object.metadata ?? {};
	// Asked for every object of every evaluation: no arrays or entries are built on the way.
	if (!labels && !annotations) return false;
	for (const key in marks) {
		const value = marks[key]!;
		if (sameMark(labels?.[key], value) || sameMark(annotations?.[key], value)) return true;
	}
	return false;
}

function sameMark(found: string | undefined, value: string): boolean {
	return typeof found === 'string' && found !== '' && (found === value || found.toLowerCase() === value.toLowerCase());
}

/** Whether the controller takes this managedFields entry over. */
export function isTakenOver(summary: ManagerSummary, rules: ApplyRules, fieldManager: string): boolean {
	if (summary.subresource) return false;
	if (summary.manager === fieldManager && summary.operation === 'Apply') return false;
	return rules.takeover.some(
		match => match.operation === summary.operation && (match.exact ? summary.manager === match.name : summary.manager.startsWith(match.name)),
	);
}

/** Whether the takeover applies to this pair at all (an exclusion mark on either side turns it off). */
export function takeoverApplies(rules: ApplyRules | undefined, desired: KubeObject, live: KubeObject): rules is ApplyRules {
	if (!rules || rules.takeover.length === 0) return false;
	return !anyInMetadata(desired, rules.takeoverExclusions) && !anyInMetadata(live, rules.takeoverExclusions);
}

/**
 * The managed fields as they stand once the controller has taken over: every taken-over entry merged into the
 * controller's own `Apply` entry (fluxcd/pkg `PatchReplaceFieldsManagers`; Argo CD's `csaupgrade` does the same).
 */
export function managersAfterTakeover(managers: readonly ManagerSummary[], rules: ApplyRules, fieldManager: string): ManagerSummary[] {
	const taken = managers.filter(summary => isTakenOver(summary, rules, fieldManager));
	if (taken.length === 0) return [...managers];
	const own = managers.find(summary => summary.manager === fieldManager && summary.operation === 'Apply' && !summary.subresource);
	const merged: ManagerSummary = {
		manager: fieldManager,
		operation: 'Apply',
		paths: [...(own?.paths ?? []), ...taken.flatMap(summary => summary.paths)],
		owned: [...(own?.owned ?? []), ...taken.flatMap(summary => summary.owned)],
	};
	return [...managers.filter(summary => summary !== own && !taken.includes(summary)), merged];
}

/**
 * The fields the controller's next apply removes from live: what its own apply entry set, and (after its
 * takeover) what taken-over managers set, that the manifest no longer sets and no other manager keeps.
 */
export function controllerRemovals(
	desired: KubeObject,
	live: KubeObject,
	managers: readonly ManagerSummary[],
	fieldManager: string,
	rules: ApplyRules | undefined,
): FieldPath[] {
	const effective = takeoverApplies(rules, desired, live) ? managersAfterTakeover(managers, rules, fieldManager) : managers;
	return removalCompare(desired, live, effective, fieldManager);
}

/**
 * Only the removals the takeover adds (fields of taken-over managers), for the exact comparison: a dry-run as the
 * controller's manager cannot show them, because the takeover happens in a separate write before the apply.
 */
export function takeoverRemovals(
	desired: KubeObject,
	live: KubeObject,
	managers: readonly ManagerSummary[],
	fieldManager: string,
	rules: ApplyRules | undefined,
): FieldPath[] {
	if (!takeoverApplies(rules, desired, live)) return [];
	const plain = new Set(removalCompare(desired, live, managers, fieldManager).map(path => JSON.stringify(path)));
	return controllerRemovals(desired, live, managers, fieldManager, rules).filter(path => !plain.has(JSON.stringify(path)));
}

/** The managers of a live object whose fields the controller will take over (for notes on drifted fields). */
export function takenOverManagers(desired: KubeObject, live: KubeObject, managers: readonly ManagerSummary[], fieldManager: string, rules: ApplyRules | undefined): Set<string> {
	if (!takeoverApplies(rules, desired, live)) return new Set();
	return new Set(managers.filter(summary => isTakenOver(summary, rules, fieldManager)).map(summary => summary.manager));
}
