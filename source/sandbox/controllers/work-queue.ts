/**
 * The controllers' work queue: keys per controller, deduplicated, processed on a later tick (never inside
 * the store's own notification), with delayed re-checks for time-based progress. Every timer is tracked so
 * stop() leaves none behind.
 */
import {createDelayedRequeues} from './delayed-requeues.js';
import type {Scheduler} from './scheduler.js';

/** A queue of (controller, key) work items. */
export type WorkQueue = {
	/** Queues a key now, or after delayMs (an earlier pending request wins over a later one). */
	enqueue(controller: string, key: string, delayMs?: number): void;
	/** Clears every timer and drops pending work; later enqueues are ignored. */
	stop(): void;
	/** Timers still pending (for tests and leak checks). */
	pendingTimers(): number;
};

/** Options for createWorkQueue. */
export type WorkQueueOptions = {
	scheduler: Scheduler;
	now: () => Date;
	/** Runs one item; errors are caught and passed to onError so one bad object never stalls the rest. */
	handle(controller: string, key: string): void;
	onError(error: unknown, context: string): void;
};

/** Creates the work queue. */
export function createWorkQueue(options: WorkQueueOptions): WorkQueue {
	const {scheduler, now, handle, onError} = options;
	const ready = new Map<string, [string, string]>();
	const delayed = createDelayedRequeues(scheduler, now);
	let flushHandle: unknown;
	let flushScheduled = false;
	let stopped = false;

	const scheduleFlush = (): void => {
		if (flushScheduled || stopped) return;
		flushScheduled = true;
		flushHandle = scheduler.setTimeout(flush, 0);
	};

	function flush(): void {
		flushScheduled = false;
		const batch = [...ready.values()];
		ready.clear();
		for (const [controller, key] of batch) {
			if (stopped) return;
			try {
				handle(controller, key);
			} catch (error) {
				onError(error, `${controller} ${key}`);
			}
		}
	}

	return {
		enqueue(controller, key, delayMs = 0) {
			if (stopped) return;
			const id = `${controller}\u0000${key}`;
			if (delayMs <= 0) {
				ready.set(id, [controller, key]);
				scheduleFlush();
				return;
			}
			delayed.schedule(id, delayMs, () => {
				if (stopped) return;
				ready.set(id, [controller, key]);
				scheduleFlush();
			});
		},
		stop() {
			stopped = true;
			if (flushScheduled) scheduler.clearTimeout(flushHandle);
			flushScheduled = false;
			delayed.clear();
			ready.clear();
		},
		pendingTimers: () => delayed.size() + (flushScheduled ? 1 : 0),
	};
}
