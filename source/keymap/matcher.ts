import {bindings as defaultBindings, type Binding, type CommandId, type KeyScope} from './bindings.js';

/** What the matcher needs to know about the moment a key arrives. */
export type MatchContext = {
	scope: KeyScope;
	readOnly: boolean;
	table?: Binding[];
};

/** The bindings that are live in a scope: the scope's own first, then global ones not shadowed. */
export function activeBindings({scope, readOnly, table = defaultBindings}: MatchContext): Binding[] {
	const usable = table.filter(b => !(readOnly && b.mutating));
	const own = usable.filter(b => b.scopes.includes(scope));
	const ownKeys = new Set(own.flatMap(b => b.keys));
	const global = usable.filter(
		b => b.scopes.includes('global') && !own.includes(b) && !b.keys.some(k => ownKeys.has(k)),
	);
	return [...own, ...global];
}

/** The command a key name triggers in this context, if any. */
export function matchKey(name: string, context: MatchContext): CommandId | undefined {
	return activeBindings(context).find(b => b.keys.includes(name))?.command;
}
