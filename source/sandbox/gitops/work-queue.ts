/**
 * The GitOps controllers' work queue. Unlike the workload controllers' (synchronous) queue, a reconcile here
 * is asynchronous (git, kustomize), so the queue keeps controller-runtime's promises: a key is processed by one
 * worker at a time, a key queued while it runs is processed again afterwards, and a later request for a key
 * already waiting is merged into it. Delayed requeues (intervals, retries) go through the injected scheduler
 * so tests step them with a manual clock; ready work starts on the next macrotask, never inside a store event.
 * settle() resolves once nothing is ready or running: the deterministic step tests wait for.
 */
import {createDelayedRequeues} from '../controllers/delayed-requeues.js';
import type {Scheduler} from '../controllers/scheduler.js';

/** A queue of (controller, key) items with async handlers. */
export type AsyncWorkQueue = {
	/** Queues a key now, or after delayMs (an earlier pending request wins over a later one). */
	enqueue(controller: string, key: string, delayMs?: number): void;
	/** Resolves when no item is ready or running (delayed items do not count). */
	settle(): Promise<void>;
	/** Drops pending work and timers; resolves when running handlers have finished. */
	stop(): Promise<void>;
	/** Delayed items still waiting (for tests and leak checks). */
	pendingTimers(): number;
};

export type AsyncWorkQueueOptions = {
	scheduler: Scheduler;
	now: () => Date;
	handle(controller: string, key: string): Promise<void>;
	onError(error: unknown, context: string): void;
};

/** Creates the queue. */
export function createAsyncWorkQueue(options: AsyncWorkQueueOptions): AsyncWorkQueue {
	const {scheduler, now, handle, onError} = options;
	const ready = new Map<string, [string, string]>();
	const running = new Map<string, Promise<void>>();
	const delayed = createDelayedRequeues(scheduler, now);
	const idle = new Set<() => void>();
	let stopped = false;
	let kickScheduled = false;

	const notifyIdle = () => {
		if (ready.size > 0 || running.size > 0 || kickScheduled) return;
		for (const resolve of [...idle]) resolve();
		idle.clear();
	};

	const start = (id: string, controller: string, key: string) => {
		ready.delete(id);
		const work = (async () => {
			try {
				await handle(controller, key);
			} catch (error) {
				onError(error, `${controller} ${key}`);
			}
		})().finally(() => {
			running.delete(id);
			kick();
			notifyIdle();
		});
		running.set(id, work);
	};

	function drain(): void {
		kickScheduled = false;
		if (stopped) return notifyIdle();
		for (const [id, [controller, key]] of [...ready]) {
			if (!running.has(id)) start(id, controller, key);
		}
		notifyIdle();
	}

	function kick(): void {
		if (kickScheduled || stopped) return;
		if (![...ready.keys()].some(id => !running.has(id))) return;
		kickScheduled = true;
		setImmediate(drain);
	}

	return {
		enqueue(controller, key, delayMs = 0) {
			if (stopped) return;
			const id = `${controller}\u0000${key}`;
			if (delayMs <= 0) {
				ready.set(id, [controller, key]);
				kick();
				return;
			}
			delayed.schedule(id, delayMs, () => {
				if (stopped) return;
				ready.set(id, [controller, key]);
				kick();
			});
		},
		settle() {
			if (ready.size === 0 && running.size === 0 && !kickScheduled) return Promise.resolve();
			return new Promise(resolve => idle.add(resolve));
		},
		async stop() {
			stopped = true;
			delayed.clear();
			ready.clear();
			await Promise.all(running.values());
			notifyIdle();
		},
		pendingTimers: () => delayed.size(),
	};
}
