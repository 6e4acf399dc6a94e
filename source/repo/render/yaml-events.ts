/**
 * One pass over js-yaml's event stream, before anything is constructed: where each document starts,
 * every string scalar with its field path and style (for YAML 1.1 warnings and Flux substitution), and
 * how big the documents become once aliases are expanded, so an alias bomb is refused before any
 * code walks it.
 */
import {EVENT_ID, SCALAR_STYLE, getScalarValue, type Event} from 'js-yaml';
import {yaml11Boolean, type PlainScalar} from '../../domain/yaml-warnings.js';
import type {SubstitutableScalar} from './types.js';

/** What the walk learned about one document. */
export type DocumentFacts = {
	/** 1-based line of the document's content (or of its `---` when empty). */
	line: number;
	/** Plain scalars (keys and values) that YAML 1.1 reads as booleans (only those: the rest are not recorded). */
	plainScalars: PlainScalar[];
	/** String scalars containing `$`. */
	substitutable: SubstitutableScalar[];
	/** Nodes once aliases are expanded, and how many of those came through aliases. */
	expandedNodes: number;
	aliasNodes: number;
};

/**
 * An open mapping or sequence. Its field path is not kept as an array: most nodes are never recorded, and copying
 * the path for each of them was most of this walk's cost. The path is rebuilt from the parent chain only for the
 * few scalars recorded (see pathOf).
 */
type Frame = {
	kind: 'map' | 'seq';
	parent: Frame | undefined;
	/** This collection's key or index in its parent (none when it is the root, or itself a mapping key). */
	key: string | number | undefined;
	index: number;
	expectKey: boolean;
	pendingKey: string | number;
	size: number;
	anchor: string | undefined;
};

/** The field path of a frame, from the document root. */
function pathOf(frame: Frame | undefined): Array<string | number> {
	const path: Array<string | number> = [];
	for (let at = frame; at; at = at.parent) if (at.key !== undefined) path.push(at.key);
	return path.reverse();
}

/** Whether text could be one of YAML 1.1's boolean spellings (y, no, on, off, yes…): at most 3 letters. */
function mayBeYaml11Boolean(text: string): boolean {
	return text.length <= 3 && yaml11Boolean(text) !== undefined;
}

/** Maps offsets to 1-based lines. */
export function lineIndex(text: string): (offset: number) => number {
	const starts = [0];
	for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
	return offset => {
		let low = 0;
		let high = starts.length - 1;
		while (low < high) {
			const mid = (low + high + 1) >> 1;
			if (starts[mid]! <= offset) low = mid;
			else high = mid - 1;
		}
		return low + 1;
	};
}

/** Walks the events of a whole file; one DocumentFacts per document, in order. */
export function walkEvents(events: Event[], source: string): DocumentFacts[] {
	const lineOf = lineIndex(source);
	const documents: DocumentFacts[] = [];
	const anchors = new Map<string, number>();
	let current: DocumentFacts | undefined;
	let top: Frame | undefined;
	let lastOffset = 0;
	let awaitingFirstNode = false;

	/**
	 * Places a node in its parent and counts it: its key or index there, and whether it is itself a key (then
	 * `isKey`, and its text becomes the parent's pending key).
	 */
	let isKey = false;
	let keyInParent: string | number | undefined;
	const place = (size: number, offset: number): void => {
		if (current && awaitingFirstNode && offset >= 0) {
			current.line = lineOf(offset);
			awaitingFirstNode = false;
		}
		isKey = false;
		keyInParent = undefined;
		const parent = top;
		if (parent) parent.size += size;
		else if (current) current.expandedNodes += size;
		if (!parent) return;
		if (parent.kind === 'seq') {
			keyInParent = parent.index++;
			return;
		}
		if (parent.expectKey) {
			parent.expectKey = false;
			parent.pendingKey = '?';
			isKey = true;
			return;
		}
		parent.expectKey = true;
		keyInParent = parent.pendingKey;
	};

	for (const event of events) {
		switch (event.type) {
			case EVENT_ID.DOCUMENT:
				current = {line: lineOf(lastOffset), plainScalars: [], substitutable: [], expandedNodes: 0, aliasNodes: 0};
				documents.push(current);
				top = undefined;
				awaitingFirstNode = true;
				break;
			case EVENT_ID.MAPPING:
			case EVENT_ID.SEQUENCE: {
				lastOffset = event.start;
				place(0, event.start);
				const anchor = event.anchorStart === -1 ? undefined : source.slice(event.anchorStart, event.anchorEnd);
				top = {kind: event.type === EVENT_ID.MAPPING ? 'map' : 'seq', parent: top, key: keyInParent, index: 0, expectKey: true, pendingKey: '?', size: 1, anchor};
				break;
			}
			case EVENT_ID.SCALAR: {
				if (event.valueStart >= 0) lastOffset = event.valueStart;
				place(1, event.valueStart);
				if (event.anchorStart !== -1) anchors.set(source.slice(event.anchorStart, event.anchorEnd), 1);
				if (event.valueStart < 0 || !current) {
					if (isKey && top) top.pendingKey = '';
					break;
				}
				const text = getScalarValue(source, event);
				if (isKey && top) top.pendingKey = text;
				const plain = event.style === SCALAR_STYLE.PLAIN && event.tagStart === -1;
				const yaml11 = plain && mayBeYaml11Boolean(text);
				const dollar = text.includes('$');
				if (!yaml11 && !dollar) break;
				// Recorded: only now is the field path built and the line looked up.
				const path = pathOf(top);
				if (isKey) path.push(text);
				else if (keyInParent !== undefined) path.push(keyInParent);
				const line = lineOf(event.valueStart);
				if (yaml11) current.plainScalars.push({text, path, line, isKey});
				if (dollar) current.substitutable.push({path, text, plain, isKey, line});
				break;
			}
			case EVENT_ID.ALIAS: {
				const size = anchors.get(source.slice(event.anchorStart, event.anchorEnd)) ?? 1;
				place(size, event.anchorStart);
				if (current) current.aliasNodes += size;
				break;
			}
			case EVENT_ID.POP: {
				const frame = top;
				if (!frame) break;
				top = frame.parent;
				if (frame.anchor !== undefined) anchors.set(frame.anchor, frame.size);
				if (top) top.size += frame.size;
				else if (current) current.expandedNodes += frame.size;
				break;
			}
		}
	}
	return documents;
}
