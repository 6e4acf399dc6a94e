import {describe, expect, it} from 'vitest';
import {parseRequestTimeout} from '../../source/cluster/request-timeout.js';

describe('parseRequestTimeout', () => {
	it.each([
		[undefined, 5000],
		['', 5000],
		['3', 3000],
		[2, 2000],
		['1.5', 1500],
		['500ms', 500],
		['5s', 5000],
		['1m', 60_000],
		['1m30s', 90_000],
		['0', 5000],
		['0s', 5000],
	])('%j is %i ms', (value, ms) => {
		expect(parseRequestTimeout(value)).toEqual({ok: true, ms});
	});

	it('rejects what is not a duration', () => {
		const result = parseRequestTimeout('soon');
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.message).toContain('soon');
	});
});
