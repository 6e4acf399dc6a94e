import {formatFieldPath, isPathPrefix, parseFieldsV1Key, type FieldPath} from './field-path-notation.js';
import type {FieldsV1, ManagedFieldsEntry} from './kube-object.js';

// The notation lives in its own file; re-exported so callers need one import for paths and summaries.
export {
	fieldsV1Key,
	formatFieldPath,
	formatPathElement,
	isPathPrefix,
	parseFieldPath,
	parseFieldsV1Key,
	type FieldPath,
	type FieldScalar,
	type PathElement,
} from './field-path-notation.js';

/**
 * What one managedFields entry owns, compacted for display: `paths` are the leaves in the apiserver's notation
 * (`.spec.template.spec.containers[name="web"].image`); `owned` keeps every member of the set (leaves and list
 * items marked with `.`), structured, so ownership lookups do not have to re-parse text.
 */
export type ManagerSummary = {
	manager: string;
	operation: 'Apply' | 'Update';
	subresource?: string;
	time?: string;
	paths: string[];
	owned: FieldPath[];
};

/** Every leaf of a fieldsV1 trie (nodes with nothing under them but `.`), as structured paths. */
export function fieldsV1Leaves(trie: FieldsV1): FieldPath[] {
	return walkTrie(trie, []).filter(member => member.leaf).map(member => member.path);
}

/** Every member of a fieldsV1 trie: leaves plus the nodes marked with `.` (a list item or map owned as such). */
export function fieldsV1Members(trie: FieldsV1): FieldPath[] {
	return walkTrie(trie, []).map(member => member.path);
}

/** Leaves of a fieldsV1 trie in the apiserver's notation. */
export function fieldsV1ToPaths(trie: FieldsV1): string[] {
	return fieldsV1Leaves(trie).map(path => formatFieldPath(path));
}

/** Compacts managedFields into one summary per entry, in the server's order. */
export function summariseManagedFields(entries: readonly ManagedFieldsEntry[] | undefined): ManagerSummary[] {
	return (entries ?? []).map(entry => {
		const members = walkTrie(entry.fieldsV1 ?? {}, []);
		const summary: ManagerSummary = {
			manager: entry.manager,
			operation: entry.operation,
			paths: members.filter(member => member.leaf).map(member => formatFieldPath(member.path)),
			owned: members.map(member => member.path),
		};
		if (entry.subresource) summary.subresource = entry.subresource;
		if (entry.time) summary.time = entry.time;
		return summary;
	});
}

/**
 * Every manager owning `path` itself or, failing that, its nearest owned ancestor (an atomic `.spec.selector`
 * owns `.spec.selector.matchLabels.app`). Several managers can share a field (equal values applied by both).
 */
export function ownersOf(summaries: readonly ManagerSummary[], path: FieldPath | string): ManagerSummary[] {
	let bestDepth = -1;
	let best: ManagerSummary[] = [];
	for (const summary of summaries) {
		const depth = ownedDepth(summary, path);
		if (depth > bestDepth) {
			bestDepth = depth;
			best = [summary];
		} else if (depth === bestDepth && depth >= 0) {
			best.push(summary);
		}
	}

	return best;
}

/**
 * The manager owning `path` or its nearest owned ancestor; among equal owners the most recent write wins,
 * since that is who last set the value. Undefined when nobody owns it (e.g. a field live does not have).
 */
export function ownerOf(summaries: readonly ManagerSummary[], path: FieldPath | string): string | undefined {
	const owners = ownersOf(summaries, path);
	let latest = owners[0];
	for (const owner of owners.slice(1)) {
		if ((owner.time ?? '') > (latest?.time ?? '')) latest = owner;
	}

	return latest?.manager;
}

/** Depth (in characters or steps) of the deepest member of `summary` that is `path` or an ancestor; -1 if none. */
function ownedDepth(summary: ManagerSummary, path: FieldPath | string): number {
	let depth = -1;
	if (typeof path === 'string') {
		// Text paths are compared as text, on step boundaries; the deepest (longest) member wins.
		for (const member of summary.owned) {
			const text = formatFieldPath(member);
			const boundary = path.length === text.length || path[text.length] === '.' || path[text.length] === '[';
			if (text.length > depth && path.startsWith(text) && boundary) depth = text.length;
		}

		return depth;
	}

	for (const member of summary.owned) {
		if (member.length > depth && isPathPrefix(member, path)) depth = member.length;
	}

	return depth;
}

type TrieMember = {path: FieldPath; leaf: boolean};

function walkTrie(trie: FieldsV1, prefix: FieldPath): TrieMember[] {
	const members: TrieMember[] = [];
	for (const [key, child] of Object.entries(trie)) {
		const element = parseFieldsV1Key(key);
		if (!element) continue;
		const path = [...prefix, element];
		const childKeys = Object.keys(child ?? {});
		const hasChildren = childKeys.some(childKey => childKey !== '.');
		// A node is a member when it is a leaf, or when it carries `.` (owned as a whole besides its children).
		if (!hasChildren || childKeys.includes('.')) members.push({path, leaf: !hasChildren});
		if (hasChildren) members.push(...walkTrie(child, path));
	}

	return members;
}
