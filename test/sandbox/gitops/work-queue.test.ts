/**
 * The GitOps controllers' async work queue: one worker per key, a key queued while it runs runs again once
 * after, delayed items wait for the (manual) clock and the earlier request wins, settle() waits for what is
 * ready or running, stop() drops timers and waits for running work. Plus Go durations as objects write them.
 */
import {describe, expect, it} from 'vitest';
import {durationMs, formatGoDuration} from '../../../source/sandbox/gitops/durations.js';
import {createAsyncWorkQueue} from '../../../source/sandbox/gitops/work-queue.js';
import {createManualClock} from '../../support/sandbox-controllers-helpers.js';

function queueWith(handler: (key: string) => Promise<void>) {
	const clock = createManualClock();
	const runs: string[] = [];
	const errors: string[] = [];
	const queue = createAsyncWorkQueue({
		scheduler: clock.scheduler,
		now: clock.now,
		onError: (error, context) => errors.push(`${context}: ${String(error)}`),
		handle: async (_controller, key) => {
			runs.push(key);
			await handler(key);
		},
	});
	return {clock, queue, runs, errors};
}

describe('async work queue', () => {
	it('merges requests for a waiting key and runs a key queued during its run once more afterwards', async () => {
		let release: () => void = () => {};
		const gate = new Promise<void>(resolve => (release = resolve));
		const {queue, runs} = queueWith(key => (key === 'a' && runs.length === 1 ? gate : Promise.resolve()));
		queue.enqueue('c', 'a');
		queue.enqueue('c', 'a');
		await new Promise(resolve => setImmediate(resolve));
		expect(runs).toEqual(['a']);
		queue.enqueue('c', 'a');
		queue.enqueue('c', 'a');
		release();
		await queue.settle();
		expect(runs).toEqual(['a', 'a']);
	});

	it('runs delayed items when the clock reaches them, the earlier request winning', async () => {
		const {clock, queue, runs} = queueWith(() => Promise.resolve());
		queue.enqueue('c', 'late', 10_000);
		queue.enqueue('c', 'late', 5000);
		queue.enqueue('c', 'late', 20_000);
		expect(queue.pendingTimers()).toBe(1);
		clock.advance(4999);
		await queue.settle();
		expect(runs).toEqual([]);
		clock.advance(1);
		await queue.settle();
		expect(runs).toEqual(['late']);
		expect(queue.pendingTimers()).toBe(0);
	});

	it('reports a failing item and goes on with the others', async () => {
		const {queue, runs, errors} = queueWith(async key => {
			if (key === 'bad') throw new Error('boom');
		});
		queue.enqueue('c', 'bad');
		queue.enqueue('c', 'good');
		await queue.settle();
		expect(runs.sort()).toEqual(['bad', 'good']);
		expect(errors).toEqual(['c bad: Error: boom']);
	});

	it('stop drops timers, waits for running work and ignores later requests', async () => {
		let finished = false;
		const {clock, queue, runs} = queueWith(async () => {
			await new Promise(resolve => setTimeout(resolve, 20));
			finished = true;
		});
		queue.enqueue('c', 'now');
		queue.enqueue('c', 'later', 1000);
		await new Promise(resolve => setImmediate(resolve));
		await queue.stop();
		expect(finished).toBe(true);
		expect(queue.pendingTimers()).toBe(0);
		queue.enqueue('c', 'after-stop');
		clock.advance(5000);
		await queue.settle();
		expect(runs).toEqual(['now']);
	});
});

describe('Go durations', () => {
	it('reads what Flux and Argo CD objects write, and falls back on anything else', () => {
		expect(durationMs('30s', 0)).toBe(30_000);
		expect(durationMs('1m30s', 0)).toBe(90_000);
		expect(durationMs('2h', 0)).toBe(7_200_000);
		expect(durationMs('500ms', 0)).toBe(500);
		expect(durationMs('10 minutes', 42)).toBe(42);
		expect(durationMs(undefined, 42)).toBe(42);
		expect(formatGoDuration(30_000)).toBe('30s');
		expect(formatGoDuration(600_000)).toBe('10m0s');
		expect(formatGoDuration(3_600_000)).toBe('1h0m0s');
	});
});
