/** Go durations as Flux and Argo CD objects write them (`30s`, `1m30s`, `1h`, `500ms`). */

const units: Record<string, number> = {ms: 1, s: 1000, m: 60_000, h: 3_600_000};

/** Milliseconds of a Go duration, or the fallback when absent or malformed. */
export function durationMs(value: unknown, fallbackMs: number): number {
	if (typeof value !== 'string' || !/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(value)) return fallbackMs;
	let total = 0;
	for (const [, amount, , unit] of value.matchAll(/(\d+(\.\d+)?)(ms|s|m|h)/g)) total += Number(amount) * units[unit!]!;
	return total;
}

/** A duration as Go prints it (`30s`, `1m0s`, `1h0m0s`), for messages such as "retrying in 30s". */
export function formatGoDuration(ms: number): string {
	const seconds = Math.round(ms / 1000);
	if (seconds < 60) return `${seconds}s`;
	const hours = Math.floor(seconds / 3600);
	const minutes = Math.floor((seconds % 3600) / 60);
	const rest = seconds % 60;
	return hours > 0 ? `${hours}h${minutes}m${rest}s` : `${minutes}m${rest}s`;
}
