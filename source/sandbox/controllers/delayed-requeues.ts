/**
 * Delayed requeues as controller-runtime's AddAfter keeps them: one timer per item, the earlier request wins
 * over a later one, every timer tracked so a stopping queue leaves none behind. Shared by the workload
 * controllers' queue and the GitOps controllers' async queue.
 */
import type {Scheduler} from './scheduler.js';

/** Timers per item id. */
export type DelayedRequeues = {
	/** Calls `due` after delayMs unless an earlier request for the id is pending (then keeps that one). */
	schedule(id: string, delayMs: number, due: () => void): void;
	/** Clears every timer. */
	clear(): void;
	size(): number;
};

/** Creates the timers over a scheduler and its clock. */
export function createDelayedRequeues(scheduler: Scheduler, now: () => Date): DelayedRequeues {
	const delayed = new Map<string, {due: number; handle: unknown}>();
	return {
		schedule(id, delayMs, due) {
			const at = now().getTime() + delayMs;
			const existing = delayed.get(id);
			if (existing && existing.due <= at) return;
			if (existing) scheduler.clearTimeout(existing.handle);
			const handle = scheduler.setTimeout(() => {
				delayed.delete(id);
				due();
			}, delayMs);
			delayed.set(id, {due: at, handle});
		},
		clear() {
			for (const {handle} of delayed.values()) scheduler.clearTimeout(handle);
			delayed.clear();
		},
		size: () => delayed.size,
	};
}
