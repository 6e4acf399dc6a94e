import {describe, expect, it} from 'vitest';
import {clip, fit} from '../../source/ui/text-fit.js';

describe('fit and clip', () => {
	it('show control characters visibly and measure what is shown (the last guard before Ink)', () => {
		expect(fit('a\x1b[31mb', 12)).toBe('a\\x1b[31mb  ');
		expect(fit('a\x1b[31mb', 6)).toBe('a\\x1b…');
		expect(clip('line\nnext\u202e', 40)).toBe('line\\nnext\\u202e');
	});

	it('with the ASCII ellipsis, make the text ASCII first and count the replacement in the width', () => {
		// `…` grows to three cells before the cut, so the result is exactly as wide as asked.
		expect(fit('wait… — it’s', 12, '...')).toBe('wait... -...');
		expect(fit('wait… — it’s', 20, '...')).toBe("wait... - it's      ");
		expect(fit('wait…', 20, '...')).toHaveLength(20);
		expect(clip('a long message — that is cut', 10, '...')).toBe('a long ...');
		// The Unicode theme keeps its glyphs.
		expect(fit('wait… — it’s', 12)).toBe('wait… — it’s');
	});
});
