import {describe, expect, it} from 'vitest';
import {bindings, type Binding, type KeyScope} from '../../source/keymap/bindings.js';
import {keyName} from '../../source/keymap/key-name.js';
import {activeBindings, matchKey} from '../../source/keymap/matcher.js';
import {helpRows, hints} from '../../source/keymap/help.js';

const scopes: KeyScope[] = ['apps', 'tree', 'diff', 'revision-diff', 'history', 'since-healthy', 'help', 'details', 'dialog'];

describe('key names', () => {
	it('names arrows, enter, escape and control keys as the table does', () => {
		expect(keyName('', {downArrow: true})).toBe('down');
		expect(keyName('', {return: true})).toBe('enter');
		expect(keyName('', {escape: true})).toBe('esc');
		expect(keyName('c', {ctrl: true})).toBe('ctrl-c');
		expect(keyName('G', {shift: true})).toBe('G');
		expect(keyName('/', {})).toBe('/');
		expect(keyName('', {tab: true, shift: true})).toBe('shift-tab');
		expect(keyName('paste of many characters', {})).toBeUndefined();
	});
});

describe('binding table', () => {
	it.each(scopes)('gives every key in scope %s exactly one meaning', scope => {
		const seen = new Map<string, string>();
		for (const b of activeBindings({scope, readOnly: false})) {
			for (const key of b.keys) {
				expect(seen.get(key), `${key} bound twice in ${scope}`).toBeUndefined();
				seen.set(key, b.command);
			}
		}
	});

	it('makes every binding reachable through its keys in its scopes', () => {
		for (const b of bindings) {
			const own = b.scopes.filter(s => s !== 'global');
			for (const scope of own) {
				for (const key of b.keys) expect(matchKey(key, {scope, readOnly: false}), `${key} in ${scope}`).toBe(b.command);
			}
			if (b.scopes.includes('global')) {
				// A global key works in every scope that does not give the same key its own meaning.
				for (const scope of scopes) {
					const shadowing = bindings.some(o => o !== b && o.scopes.includes(scope) && o.keys.some(k => b.keys.includes(k)));
					if (!shadowing) for (const key of b.keys) expect(matchKey(key, {scope, readOnly: false})).toBe(b.command);
				}
			}
		}
		expect(matchKey('d', {scope: 'history', readOnly: false})).toBe('diff-revision');
		expect(matchKey('d', {scope: 'tree', readOnly: false})).toBe('show-diff');
	});

	it('lets q and ctrl-c quit from every scope (q closes the action dialog instead)', () => {
		for (const scope of scopes) {
			// In the dialog, ctrl-c is taken before the table (use-keys), q only closes it.
			expect(matchKey('q', {scope, readOnly: false})).toBe(scope === 'dialog' ? 'close-dialog' : 'quit');
			if (scope !== 'dialog') expect(matchKey('ctrl-c', {scope, readOnly: false})).toBe('quit');
		}
	});
});

describe('help and hints come from the table', () => {
	it.each(scopes)('help for %s lists exactly the active bindings', scope => {
		const rows = helpRows({scope, readOnly: false});
		const active = activeBindings({scope, readOnly: false});
		expect(rows).toEqual(active.map(b => ({keys: b.keys.join(' / '), description: b.description})));
	});

	it('shows a hint for each hinted binding, keyed by its first key', () => {
		const shown = hints({scope: 'apps', readOnly: false});
		expect(shown).toContainEqual({key: '/', label: 'filter', rank: 3});
		expect(shown).toContainEqual({key: 'q', label: 'quit', rank: 1});
		expect(shown).toContainEqual({key: 'R', label: 'reconcile', rank: 2});
		expect(shown.every(h => activeBindings({scope: 'apps', readOnly: false}).some(b => b.keys[0] === h.key))).toBe(true);
	});

	it('hides mutating bindings in read-only mode, from keys, help and hints alike', () => {
		const table: Binding[] = [
			...bindings,
			{command: 'open', keys: ['X'], scopes: ['apps'], hint: 'extra', description: 'Extra', mutating: true},
		];
		expect(matchKey('X', {scope: 'apps', readOnly: false, table})).toBe('open');
		expect(matchKey('X', {scope: 'apps', readOnly: true, table})).toBeUndefined();
		expect(helpRows({scope: 'apps', readOnly: true, table}).some(r => r.description === 'Extra')).toBe(false);
		expect(hints({scope: 'apps', readOnly: true, table}).some(h => h.label === 'extra')).toBe(false);
	});

	it('binds every action to a key that only opens its dialog, and none of them in read-only mode', () => {
		const actions = {R: 'reconcile', S: 'reconcile-with-source', P: 'pause', U: 'resume'} as const;
		for (const [key, command] of Object.entries(actions)) {
			for (const scope of ['apps', 'tree'] as const) {
				expect(matchKey(key, {scope, readOnly: false})).toBe(command);
				expect(matchKey(key, {scope, readOnly: true})).toBeUndefined();
			}
		}
		expect(matchKey('B', {scope: 'history', readOnly: false})).toBe('rollback');
		expect(matchKey('B', {scope: 'revision-diff', readOnly: false})).toBe('rollback');
		// A diff of live vs HEAD has no revision to roll back to.
		expect(matchKey('B', {scope: 'diff', readOnly: false})).toBeUndefined();
		for (const scope of scopes) {
			const offered = [...helpRows({scope, readOnly: true}).map(r => r.description), ...hints({scope, readOnly: true}).map(h => h.label)];
			expect(offered.some(text => /reconcile|pause|resume|roll back|Roll the app/i.test(text)), scope).toBe(false);
		}
		// No action is bound to a lower-case letter: one stray key never opens a write.
		expect(bindings.filter(b => b.mutating).flatMap(b => b.keys).filter(k => k !== 'y' && /^[a-z]$/.test(k))).toEqual([]);
	});
});
