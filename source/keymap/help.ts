import type {HintRank} from './bindings.js';
import {activeBindings, type MatchContext} from './matcher.js';

/** One line of the `?` help: the keys as shown and what they do. */
export type HelpRow = {keys: string; description: string};

/** One item of the hints bar. */
export type Hint = {key: string; label: string; rank: HintRank};

/** Help rows for a scope, generated from the binding table. */
export function helpRows(context: MatchContext): HelpRow[] {
	return activeBindings(context).map(b => ({keys: b.keys.join(' / '), description: b.description}));
}

/** Hints-bar items for a scope, generated from the binding table. */
export function hints(context: MatchContext): Hint[] {
	return activeBindings(context)
		.filter(b => b.hint)
		.map(b => ({key: b.keys[0]!, label: b.hint!, rank: b.hintRankIn?.[context.scope] ?? b.hintRank ?? 3}));
}
