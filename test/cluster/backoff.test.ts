import {describe, expect, it} from 'vitest';
import {backoffDelay} from '../../source/cluster/backoff.js';

describe('backoffDelay', () => {
	it('starts at about a second and doubles', () => {
		const middle = () => 0.5;
		expect([0, 1, 2, 3, 4].map(attempt => backoffDelay(attempt, middle))).toEqual([1000, 2000, 4000, 8000, 16_000]);
	});

	it('never exceeds 30 s, however many attempts', () => {
		for (const attempt of [5, 6, 10, 100, 10_000]) {
			for (const random of [0, 0.5, 0.999]) expect(backoffDelay(attempt, () => random)).toBeLessThanOrEqual(30_000);
		}

		expect(backoffDelay(50, () => 0)).toBe(22_500);
	});

	it('jitters by a quarter either way', () => {
		expect(backoffDelay(0, () => 0)).toBe(750);
		expect(backoffDelay(0, () => 0.999_999)).toBe(1250);
		expect(backoffDelay(2, () => 0)).toBe(3000);
	});

	it('takes other bounds', () => {
		expect(backoffDelay(3, () => 0.5, {initialMs: 10, maxMs: 50})).toBe(50);
	});
});
