import {describe, expect, it} from 'vitest';
import {clip, fit} from '../../source/ui/text-fit.js';

describe('fit and clip', () => {
	it('show control characters visibly and measure what is shown (the last guard before Ink)', () => {
		expect(fit('a\x1b[31mb', 12)).toBe('a\\x1b[31mb  ');
		expect(fit('a\x1b[31mb', 6)).toBe('a\\x1b…');
		expect(clip('line\nnext\u202e', 40)).toBe('line\\nnext\\u202e');
	});
});
