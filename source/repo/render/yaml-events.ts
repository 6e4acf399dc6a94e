/**
 * One pass over js-yaml's event stream, before anything is constructed: where each document starts,
 * every string scalar with its field path and style (for YAML 1.1 warnings and Flux substitution), and
 * how big the documents become once aliases are expanded, so an alias bomb is refused before any
 * code walks it.
 */
import {EVENT_ID, SCALAR_STYLE, getScalarValue, type Event} from 'js-yaml';
import type {PlainScalar} from '../../domain/yaml-warnings.js';
import type {SubstitutableScalar} from './types.js';

/** What the walk learned about one document. */
export type DocumentFacts = {
	/** 1-based line of the document's content (or of its `---` when empty). */
	line: number;
	/** Plain scalars (keys and values) that YAML 1.1 could read differently. */
	plainScalars: PlainScalar[];
	/** String scalars containing `$`. */
	substitutable: SubstitutableScalar[];
	/** Nodes once aliases are expanded, and how many of those came through aliases. */
	expandedNodes: number;
	aliasNodes: number;
};

type Frame = {
	kind: 'map' | 'seq';
	path: Array<string | number>;
	index: number;
	expectKey: boolean;
	pendingKey: string | number;
	size: number;
	anchor: string | undefined;
};

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
	let stack: Frame[] = [];
	let lastOffset = 0;
	let awaitingFirstNode = false;

	/** Places a node in its parent: its path, whether it is a key, and counts it. */
	const place = (size: number, offset: number): {path: Array<string | number>; isKey: boolean; keyText?: (text: string) => void} => {
		if (current && awaitingFirstNode && offset >= 0) {
			current.line = lineOf(offset);
			awaitingFirstNode = false;
		}
		const parent = stack.at(-1);
		if (parent) parent.size += size;
		else if (current) current.expandedNodes += size;
		if (!parent) return {path: [], isKey: false};
		if (parent.kind === 'seq') return {path: [...parent.path, parent.index++], isKey: false};
		if (parent.expectKey) {
			parent.expectKey = false;
			parent.pendingKey = '?';
			return {path: parent.path, isKey: true, keyText: text => (parent.pendingKey = text)};
		}
		parent.expectKey = true;
		return {path: [...parent.path, parent.pendingKey], isKey: false};
	};

	for (const event of events) {
		switch (event.type) {
			case EVENT_ID.DOCUMENT:
				current = {line: lineOf(lastOffset), plainScalars: [], substitutable: [], expandedNodes: 0, aliasNodes: 0};
				documents.push(current);
				stack = [];
				awaitingFirstNode = true;
				break;
			case EVENT_ID.MAPPING:
			case EVENT_ID.SEQUENCE: {
				lastOffset = event.start;
				const {path} = place(0, event.start);
				const anchor = event.anchorStart === -1 ? undefined : source.slice(event.anchorStart, event.anchorEnd);
				stack.push({kind: event.type === EVENT_ID.MAPPING ? 'map' : 'seq', path, index: 0, expectKey: true, pendingKey: '?', size: 1, anchor});
				break;
			}
			case EVENT_ID.SCALAR: {
				if (event.valueStart >= 0) lastOffset = event.valueStart;
				const position = place(1, event.valueStart);
				if (event.anchorStart !== -1) anchors.set(source.slice(event.anchorStart, event.anchorEnd), 1);
				if (event.valueStart < 0 || !current) {
					position.keyText?.('');
					break;
				}
				const text = getScalarValue(source, event);
				position.keyText?.(text);
				const untagged = event.tagStart === -1;
				const plain = event.style === SCALAR_STYLE.PLAIN && untagged;
				const line = lineOf(event.valueStart);
				const path = position.isKey ? [...position.path, text] : position.path;
				if (plain) current.plainScalars.push({text, path, line, isKey: position.isKey});
				if (text.includes('$')) current.substitutable.push({path, text, plain, isKey: position.isKey, line});
				break;
			}
			case EVENT_ID.ALIAS: {
				const size = anchors.get(source.slice(event.anchorStart, event.anchorEnd)) ?? 1;
				place(size, event.anchorStart);
				if (current) current.aliasNodes += size;
				break;
			}
			case EVENT_ID.POP: {
				const frame = stack.pop();
				if (!frame) break;
				if (frame.anchor !== undefined) anchors.set(frame.anchor, frame.size);
				const parent = stack.at(-1);
				if (parent) parent.size += frame.size;
				else if (current) current.expandedNodes += frame.size;
				break;
			}
		}
	}
	return documents;
}
