import {describe, expect, it} from 'vitest';
import {asciiCells, asciiSafe, asciiTerminal, asciiText} from '../../source/domain/ascii-text.js';

const glyphs = /[…—’]|[\u2500-\u257f]/;

describe('ASCII text', () => {
	it('reads well: an ellipsis becomes three dots, dashes and quotes their ASCII kin, box glyphs lines', () => {
		expect(asciiText('loading… — the app’s tree ├─ │ └─')).toBe("loading... - the app's tree |- | `-");
		expect(asciiText('plain ASCII stays the same object of text')).toBe('plain ASCII stays the same object of text');
	});

	it('keeps each cell where it was in the one-cell form, a wide character as two', () => {
		const text = 'a… “b” 漢 ✓ é';
		const cells = asciiCells(text);
		expect(cells).toBe('a. "b" ?? v ?');
		expect(cells).toMatch(/^[\u0000-\u007f]*$/);
	});

	it('leaves escape sequences alone and writes nothing outside ASCII', () => {
		const styled = '\u001B[7m› billing …\u001B[27m ┌─┐';
		for (const convert of [asciiText, asciiCells]) {
			const out = convert(styled);
			expect(out).toMatch(/^[\u0000-\u007f]*$/);
			expect(out).not.toMatch(glyphs);
			expect(out.startsWith('\u001B[7m>')).toBe(true);
		}
	});

	it('decides ASCII as the TUI does: asked, TERM=dumb, or a locale without UTF-8 (LC_ALL before LC_CTYPE before LANG)', () => {
		expect(asciiTerminal({env: {LANG: 'en_US.UTF-8', TERM: 'xterm'}})).toBe(false);
		expect(asciiTerminal({env: {LANG: 'de_DE.utf8'}})).toBe(false);
		expect(asciiTerminal({env: {LANG: 'en_US.UTF-8'}, asked: true})).toBe(true);
		expect(asciiTerminal({env: {LANG: 'en_US.UTF-8', TERM: 'dumb'}})).toBe(true);
		expect(asciiTerminal({env: {}})).toBe(true);
		expect(asciiTerminal({env: {LC_ALL: 'C', LANG: 'en_US.UTF-8'}})).toBe(true);
		expect(asciiTerminal({env: {LC_CTYPE: 'C.UTF-8', LANG: 'C'}})).toBe(false);
	});

	it('makes every string of plain data ASCII, keys and numbers as they are', () => {
		const data = {name: 'web', reason: 'Wartung — München…', list: ['ok', '✓'], count: 3, nested: {note: 'x'}};
		expect(asciiSafe(data)).toEqual({name: 'web', reason: 'Wartung - M?nchen...', list: ['ok', 'ok'], count: 3, nested: {note: 'x'}});
		const clean = {name: 'web'};
		expect(asciiSafe(clean)).toBe(clean);
	});
});
