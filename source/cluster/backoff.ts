/**
 * Reconnect delays: exponential from about 1 s to 30 s, with jitter so many watches that broke together
 * (a restarted apiserver) do not all come back in the same instant.
 */

/** Bounds of the backoff; the defaults are the 1 s → 30 s. */
export type BackoffOptions = {initialMs?: number; maxMs?: number};

/**
 * The delay before retry number `attempt` (0 for the first retry): the exponential step, capped, then
 * jittered by ±25 % with `random` ∈ [0, 1), never above the cap (so 0.75–1.25 s first, 22.5–30 s at the cap).
 */
export function backoffDelay(attempt: number, random: () => number, options: BackoffOptions = {}): number {
	const initial = options.initialMs ?? 1000;
	const max = options.maxMs ?? 30_000;
	const step = Math.min(max, initial * 2 ** Math.max(0, Math.min(attempt, 30)));
	return Math.round(Math.min(max, step * (0.75 + random() * 0.5)));
}
