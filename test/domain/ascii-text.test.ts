import {describe, expect, it} from 'vitest';
import {asciiCells, asciiText} from '../../source/domain/ascii-text.js';

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
});
