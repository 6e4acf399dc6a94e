import {describe, expect, it} from 'vitest';
import {terminalSafe, terminalSafeJson, terminalText} from '../../source/domain/terminal-text.js';

/** Every character a terminal could act on, except newline in multi-line text. */
const interpreted = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('terminalText', () => {
	it('shows escape sequences visibly instead of letting the terminal act on them', () => {
		expect(terminalText('\x1b[31mred\x1b[0m')).toBe('\\x1b[31mred\\x1b[0m');
		expect(terminalText('\x1b]0;owned\x07')).toBe('\\x1b]0;owned\\x07'); // OSC: window title
		expect(terminalText('\x1b]52;c;ZXZpbA==\x1b\\')).toBe('\\x1b]52;c;ZXZpbA==\\x1b\\'); // OSC 52: clipboard
		expect(terminalText('\u009b2J')).toBe('\\x9b2J'); // C1 CSI: clear screen
		expect(terminalText('ok\rFAKE')).toBe('ok\\rFAKE');
		expect(terminalText('a\u0000b\u007fc\u0008d')).toBe('a\\x00b\\x7fc\\x08d');
	});

	it('shows bidi overrides and line separators', () => {
		expect(terminalText('admin\u202egnp.exe')).toBe('admin\\u202egnp.exe');
		expect(terminalText('x\u2066y\u2069\u200f\u061c\u2028')).toBe('x\\u2066y\\u2069\\u200f\\u061c\\u2028');
	});

	it('keeps one line for single-line fields, and line breaks only when asked', () => {
		expect(terminalText('line one\nline two\r\nthree\tfour')).toBe('line one\\nline two\\nthree four');
		expect(terminalText('line one\nline two\r\nthree\x1b', {multiline: true})).toBe('line one\nline two\nthree\\x1b');
	});

	it('leaves printable text alone, Unicode included, and changes nothing when applied twice', () => {
		for (const text of ['web-7f9c', 'café ☕ 日本語 — “quoted” \\x1b', 'path/with spaces', '']) expect(terminalText(text)).toBe(text);
		let all = '';
		for (let code = 0; code < 0x300; code++) all += String.fromCharCode(code);
		all += '\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c';
		const once = terminalText(all);
		expect(interpreted.test(once)).toBe(false);
		expect(once.includes('\n')).toBe(false);
		expect(terminalText(once)).toBe(once);
		expect(interpreted.test(terminalText(all, {multiline: true}))).toBe(false);
	});
});

describe('terminalSafe', () => {
	it('makes every string of a plain value safe, keys included, and returns clean parts as they are', () => {
		const clean = {name: 'web', tags: ['a', 'b'], nested: {count: 3, ok: true, none: null}};
		const value = {clean, dirty: {message: 'boom\x1b[2J', list: ['fine', 'bad\u202e']}, ['key\x07']: 1};
		const safe = terminalSafe(value);
		expect(safe).toEqual({clean, dirty: {message: 'boom\\x1b[2J', list: ['fine', 'bad\\u202e']}, ['key\\x07']: 1});
		expect(safe.clean).toBe(clean);
		expect(terminalSafe(clean)).toBe(clean);
		expect(value.dirty.message).toBe('boom\x1b[2J'); // the input is not changed
	});

	it('tells clean values from dirty ones exactly, whatever their JSON text looks like', () => {
		const backslashes = {path: 'C:\\new\\table', shown: '\\x1b and \\u001b as text'};
		expect(terminalSafe(backslashes)).toBe(backslashes);
		expect(terminalSafe({a: ['x', {b: 'line\u2028break'}]})).toEqual({a: ['x', {b: 'line\\u2028break'}]});
		expect(terminalSafe({tab: 'a\tb', newline: 'a\nb'})).toEqual({tab: 'a b', newline: 'a\\nb'});
	});
});

describe('terminalSafeJson', () => {
	it('escapes C1 controls and bidi overrides too, and parses back to the exact value', () => {
		const value = {message: 'a\x1b[31m\u009b2J\u202e\u2028\u007fz', nested: ['ok']};
		const text = terminalSafeJson(value, 2);
		expect(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e\u2028]/.test(text)).toBe(false);
		expect(JSON.parse(text)).toEqual(value);
	});
});
