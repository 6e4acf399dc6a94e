import {describe, expect, it} from 'vitest';
import {serialRunner, type Timers} from '../../source/live/serial-runner.js';

/** Timers the test fires by hand. */
function manualTimers(): Timers & {fire(): void; pending(): number} {
	const queue = new Map<number, () => void>();
	let next = 0;
	return {
		setTimeout(fn) {
			queue.set(++next, fn);
			return next;
		},
		clearTimeout(handle) {
			queue.delete(handle as number);
		},
		fire() {
			const entries = [...queue];
			queue.clear();
			for (const [, fn] of entries) fn();
		},
		pending: () => queue.size,
	};
}

describe('serial runner', () => {
	it('turns a burst of requests into one run', async () => {
		const timers = manualTimers();
		let runs = 0;
		const runner = serialRunner(async () => void runs++, {quietMs: 100, timers, onError: () => undefined});
		runner.request();
		runner.request();
		runner.request();
		expect(timers.pending()).toBe(1);
		timers.fire();
		await Promise.resolve();
		expect(runs).toBe(1);
	});

	it('never runs twice at once, and runs once more for requests made meanwhile', async () => {
		const timers = manualTimers();
		let running = 0;
		let overlap = false;
		let runs = 0;
		let release: () => void = () => undefined;
		const runner = serialRunner(
			async () => {
				running++;
				overlap ||= running > 1;
				runs++;
				await new Promise<void>(resolve => (release = resolve));
				running--;
			},
			{quietMs: 100, timers, onError: () => undefined},
		);
		runner.request();
		timers.fire();
		runner.request();
		timers.fire(); // fires while the first run is still going: remembered, not started
		runner.request();
		timers.fire();
		expect(runs).toBe(1);
		release();
		await new Promise(resolve => setImmediate(resolve));
		expect(timers.pending()).toBe(1);
		timers.fire();
		expect(runs).toBe(2);
		release();
		expect(overlap).toBe(false);
	});

	it('reports failures and keeps going; stop cancels what is scheduled', async () => {
		const timers = manualTimers();
		const errors: unknown[] = [];
		const runner = serialRunner(async () => {
			throw new Error('boom');
		}, {quietMs: 100, timers, onError: error => errors.push(error)});
		runner.request();
		timers.fire();
		await new Promise(resolve => setImmediate(resolve));
		expect(errors).toHaveLength(1);
		runner.request();
		runner.stop();
		expect(timers.pending()).toBe(0);
	});
});
