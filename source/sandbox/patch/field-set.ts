/**
 * A set of field paths stored as a trie, the model behind a managedFields entry's `fieldsV1`.
 * A path is in the set when its last element is a member of the node its prefix leads to; a node
 * that is both a member and has children serialises with a `.` key, as the apiserver writes it.
 */
import type {FieldsV1} from '../../domain/kube-object.js';
import {
	comparePathElements,
	formatFieldPath,
	parsePathElement,
	serializePathElement,
	type FieldPath,
	type PathElement,
} from './field-path.js';

type Child = {element: PathElement; set: FieldSet};

/** A set of field paths (structured-merge-diff's fieldpath.Set). Operations return new sets. */
export class FieldSet {
	/** Builds a set from paths. */
	static fromPaths(paths: Iterable<FieldPath>): FieldSet {
		const set = new FieldSet();
		for (const path of paths) set.insert(path);
		return set;
	}

	/**
	 * Parses a fieldsV1 trie. Throws on a malformed key: stored managedFields come from this code or
	 * from a client, and the caller decides whether a bad entry is skipped or rejected.
	 */
	static fromFieldsV1(fields: FieldsV1): FieldSet {
		const set = new FieldSet();
		for (const [text, sub] of Object.entries(fields)) {
			if (text === '.') continue;
			const element = parsePathElement(text);
			if (!element) throw new Error(`invalid fieldsV1 key ${JSON.stringify(text)}`);
			const keys = Object.keys(sub ?? {});
			if (keys.length === 0 || keys.includes('.')) set.members.set(text, element);
			const child = FieldSet.fromFieldsV1(sub ?? {});
			if (!child.isEmpty()) set.children.set(text, {element, set: child});
		}
		return set;
	}

	private readonly members = new Map<string, PathElement>();
	private readonly children = new Map<string, Child>();

	/** Adds one path (mutates: used while building a set). */
	insert(path: FieldPath): void {
		if (path.length === 0) return;
		const [head, ...rest] = path;
		const text = serializePathElement(head!);
		if (rest.length === 0) {
			this.members.set(text, head!);
			return;
		}
		let child = this.children.get(text);
		if (!child) {
			child = {element: head!, set: new FieldSet()};
			this.children.set(text, child);
		}
		child.set.insert(rest);
	}

	/** True when the path is a member. */
	has(path: FieldPath): boolean {
		if (path.length === 0) return false;
		const text = serializePathElement(path[0]!);
		if (path.length === 1) return this.members.has(text);
		return this.children.get(text)?.set.has(path.slice(1)) ?? false;
	}

	/** True when no path is a member. */
	isEmpty(): boolean {
		return this.members.size === 0 && this.children.size === 0;
	}

	/** The paths under one element, relative to it (fieldpath.Set.WithPrefix). */
	withPrefix(element: PathElement): FieldSet {
		return this.children.get(serializePathElement(element))?.set ?? new FieldSet();
	}

	/** Paths in either set. */
	union(other: FieldSet): FieldSet {
		const result = this.copy();
		for (const [text, element] of other.members) result.members.set(text, element);
		for (const [text, child] of other.children) {
			const mine = result.children.get(text);
			result.children.set(text, {element: child.element, set: mine ? mine.set.union(child.set) : child.set.copy()});
		}
		return result;
	}

	/** Paths in both sets. */
	intersection(other: FieldSet): FieldSet {
		const result = new FieldSet();
		for (const [text, element] of this.members) if (other.members.has(text)) result.members.set(text, element);
		for (const [text, child] of this.children) {
			const theirs = other.children.get(text);
			if (!theirs) continue;
			const both = child.set.intersection(theirs.set);
			if (!both.isEmpty()) result.children.set(text, {element: child.element, set: both});
		}
		return result;
	}

	/** Paths in this set and not in the other; children of a removed member stay (not recursive). */
	difference(other: FieldSet): FieldSet {
		const result = new FieldSet();
		for (const [text, element] of this.members) if (!other.members.has(text)) result.members.set(text, element);
		for (const [text, child] of this.children) {
			const theirs = other.children.get(text);
			const rest = theirs ? child.set.difference(theirs.set) : child.set.copy();
			if (!rest.isEmpty()) result.children.set(text, {element: child.element, set: rest});
		}
		return result;
	}

	/** Removes every path at or below a member of the other set (fieldpath.Set.RecursiveDifference). */
	recursiveDifference(other: FieldSet): FieldSet {
		const result = new FieldSet();
		for (const [text, element] of this.members) if (!other.members.has(text)) result.members.set(text, element);
		for (const [text, child] of this.children) {
			if (other.members.has(text)) continue;
			const theirs = other.children.get(text);
			const rest = theirs ? child.set.recursiveDifference(theirs.set) : child.set.copy();
			if (!rest.isEmpty()) result.children.set(text, {element: child.element, set: rest});
		}
		return result;
	}

	/** True when both sets hold the same paths. */
	equals(other: FieldSet): boolean {
		return this.difference(other).isEmpty() && other.difference(this).isEmpty();
	}

	/** Members then children at each level, each in the server's element order (fieldpath.Set.Iterate). */
	paths(): FieldPath[] {
		const result: FieldPath[] = [];
		for (const element of sortElements([...this.members.values()])) result.push([element]);
		for (const child of sortChildren([...this.children.values()])) {
			for (const path of child.set.paths()) result.push([child.element, ...path]);
		}
		return result;
	}

	/** The fieldsV1 trie, keys in the server's order and `.` first where a node is also a member. */
	toFieldsV1(): FieldsV1 {
		const texts = new Map<string, PathElement>([...this.members]);
		for (const [text, child] of this.children) texts.set(text, child.element);
		const ordered = [...texts].sort(([, a], [, b]) => comparePathElements(a, b));
		const result: FieldsV1 = {};
		for (const [text] of ordered) {
			const child = this.children.get(text);
			if (!child) {
				result[text] = {};
				continue;
			}
			result[text] = this.members.has(text) ? {'.': {}, ...child.set.toFieldsV1()} : child.set.toFieldsV1();
		}
		return result;
	}

	/** The direct children of this node, for walkers that follow a schema. */
	childEntries(): ReadonlyArray<{element: PathElement; set: FieldSet}> {
		return [...this.children.values()];
	}

	/** The members of this node (paths of length one). */
	memberElements(): readonly PathElement[] {
		return [...this.members.values()];
	}

	/** Adds a member at this node (mutates: used by set builders). */
	addMember(element: PathElement): void {
		this.members.set(serializePathElement(element), element);
	}

	/** Replaces the child set under one element (mutates: used by set builders). */
	setChild(element: PathElement, set: FieldSet): void {
		const text = serializePathElement(element);
		if (set.isEmpty()) this.children.delete(text);
		else this.children.set(text, {element, set});
	}

	private copy(): FieldSet {
		const result = new FieldSet();
		for (const [text, element] of this.members) result.members.set(text, element);
		for (const [text, child] of this.children) result.children.set(text, {element: child.element, set: child.set.copy()});
		return result;
	}
}

function sortElements(elements: PathElement[]): PathElement[] {
	return elements.sort(comparePathElements);
}

function sortChildren(children: Child[]): Child[] {
	return children.sort((a, b) => comparePathElements(a.element, b.element));
}

/** Every path a fieldsV1 trie names, printed as the apiserver prints them (`.spec.replicas`). */
export function fieldsV1ToPaths(fields: FieldsV1): string[] {
	return FieldSet.fromFieldsV1(fields)
		.paths()
		.map((path) => formatFieldPath(path));
}

/** The fieldsV1 trie for a list of paths (the inverse of FieldSet.fromFieldsV1(...).paths()). */
export function pathsToFieldsV1(paths: Iterable<FieldPath>): FieldsV1 {
	return FieldSet.fromPaths(paths).toFieldsV1();
}
