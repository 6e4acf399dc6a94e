/** The live loop's wait before a run: short after a quiet spell, twice the last run's time under churn. */
import {describe, expect, it} from 'vitest';
import {runQuietMs} from '../../source/live/run-pacing.js';

describe('runQuietMs', () => {
	it('waits twice the last run\'s time right after it (churn), at most 500 ms', () => {
		expect(runQuietMs({minimumMs: 30, lastRunMs: 100, sinceLastRunMs: 0})).toBe(200);
		expect(runQuietMs({minimumMs: 30, lastRunMs: 2000, sinceLastRunMs: 0})).toBe(500);
		expect(runQuietMs({minimumMs: 30, lastRunMs: 5, sinceLastRunMs: 0})).toBe(30);
	});

	it('counts from the end of the last run: after a quiet spell only the short period is left', () => {
		expect(runQuietMs({minimumMs: 30, lastRunMs: 200, sinceLastRunMs: 250})).toBe(150);
		expect(runQuietMs({minimumMs: 30, lastRunMs: 300, sinceLastRunMs: 450})).toBe(50);
		expect(runQuietMs({minimumMs: 30, lastRunMs: 300, sinceLastRunMs: 60_000})).toBe(30);
		expect(runQuietMs({minimumMs: 30, lastRunMs: 0, sinceLastRunMs: Number.POSITIVE_INFINITY})).toBe(30);
	});
});
