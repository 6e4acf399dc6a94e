/**
 * How long the live loop waits, after a change, before it runs the evaluation: a short quiet period that gathers a
 * burst of watch events, and under churn twice the last run's time (so runs take at most about a third of the time,
 * and keys and frames get the rest). That pacing counts from the end of the last run: a change after a quiet spell
 * is judged after the short period, however long the last run took (the first edit after an idle minute waited
 * 500 ms behind a run of the fetch loop before).
 */
export function runQuietMs(options: {minimumMs: number; lastRunMs: number; sinceLastRunMs: number}): number {
	return Math.max(options.minimumMs, Math.min(500, 2 * options.lastRunMs) - options.sinceLastRunMs);
}
