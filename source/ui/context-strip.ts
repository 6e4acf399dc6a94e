/**
 * The header's one line of contexts: every context with its reachability when they fit; otherwise the
 * troubled ones by name (they are what an operator needs to see) and the ready ones as a count.
 */
import type {ContextView} from '../state/fleet-snapshot.js';
import type {GlyphToken, StyleToken} from './theme.js';

export type ContextChip = {key: string; glyph: GlyphToken; style: StyleToken; text: string};

function chip(context: ContextView, filtered: boolean): ContextChip {
	const ready = context.state === 'ready';
	const connecting = context.state === 'connecting';
	return {
		key: context.name,
		glyph: ready ? 'synced' : connecting ? 'progressing' : 'missing',
		style: ready ? 'context.ready' : connecting ? 'muted' : 'context.down',
		text: `${context.name}${filtered ? '*' : ''}${ready || connecting ? '' : ` (${context.state})`}`,
	};
}

/** Cells a chip takes: glyph, space, text, two spaces. */
function width(item: ContextChip, glyphWidth: number): number {
	return glyphWidth + 1 + Array.from(item.text).length + 2;
}

export function contextChips(options: {contexts: readonly ContextView[]; filter?: string; width: number; glyphWidth: number}): ContextChip[] {
	const all = options.contexts.map(context => chip(context, context.name === options.filter));
	const total = all.reduce((sum, item) => sum + width(item, options.glyphWidth), 0);
	if (total <= options.width) return all;
	const ready = options.contexts.filter(context => context.state === 'ready').length;
	const summary: ContextChip = {key: '*ready', glyph: 'synced', style: 'context.ready', text: `${ready} ready`};
	let used = width(summary, options.glyphWidth);
	const troubled: ContextChip[] = [];
	const rest = all.filter(item => item.style !== 'context.ready');
	for (const item of rest) {
		const more = width(item, options.glyphWidth);
		const remaining = rest.length - troubled.length - 1;
		// Leave room for "+N more" when others remain.
		if (used + more + (remaining > 0 ? 10 : 0) > options.width) break;
		troubled.push(item);
		used += more;
	}
	const hidden = rest.length - troubled.length;
	const chips = [...troubled, summary];
	if (hidden > 0) chips.push({key: '*more', glyph: 'missing', style: 'context.down', text: `+${hidden} more`});
	return chips;
}
