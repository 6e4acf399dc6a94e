/** An escape read together with the next key is two presses: what a terminal sends for "esc, then q" is ESC q. */
import {describe, expect, it} from 'vitest';
import {bindings} from '../../source/keymap/bindings.js';
import {escapeThenKey, isEscapeThenKey} from '../../source/keymap/escape-then-key.js';
import {keyName} from '../../source/keymap/key-name.js';

describe('an escape and the next key in one read', () => {
	it('is told from a key’s own escape sequence', () => {
		for (const read of ['\u001Bq', '\u001BQ', '\u001B/', '\u001B:', '\u001B\u001B', '\u001B\u001B[A', '\u001B\r', '\u001B\t', '\u001B ']) expect(isEscapeThenKey(read), JSON.stringify(read)).toBe(true);
		// Arrows, page keys and application-mode arrows are one key each; a lone escape is one key.
		for (const read of ['\u001B', '\u001B[A', '\u001B[6~', '\u001B[Z', '\u001BOA', 'q', 'jjj']) expect(isEscapeThenKey(read), JSON.stringify(read)).toBe(false);
	});

	it('splits into esc and the key, as the key table names them', () => {
		const names = (input: string, key: Parameters<typeof escapeThenKey>[1]) => escapeThenKey(input, key).map(([char, press]) => keyName(char, press));
		// What Ink makes of ESC q, ESC ESC, ESC tab, ESC return and ESC ESC [A.
		expect(names('q', {meta: true})).toEqual(['esc', 'q']);
		expect(names('', {escape: true, meta: true})).toEqual(['esc', 'esc']);
		expect(names('\t', {})).toEqual(['esc', 'tab']);
		expect(names('', {return: true, meta: true})).toEqual(['esc', 'enter']);
		expect(names('', {upArrow: true, meta: true})).toEqual(['esc', 'up']);
		expect(escapeThenKey('q', {meta: true})[1]![1].meta).toBeUndefined();
	});

	it('loses nothing: no binding is an alt or meta key', () => {
		for (const binding of bindings) for (const key of binding.keys) expect(key, binding.command).not.toMatch(/^(alt|meta|m|a|option)-/i);
	});
});
