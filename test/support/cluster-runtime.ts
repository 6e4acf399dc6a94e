/**
 * Runtimes for the cluster edge's tests: the real one, or one whose clock the test moves by hand
 * (timers and everything else stay real, so child processes and sockets still work).
 */
import {nodeRuntime, type ClusterRuntime} from '../../source/cluster/runtime.js';

/** The real runtime with a clean environment plus `env`. */
export function testRuntime(env: Record<string, string> = {}): ClusterRuntime {
	return nodeRuntime({PATH: process.env['PATH'], ...env});
}

/** A runtime whose `now()` only moves when the test says so. */
export function manualClockRuntime(start = Date.parse('2030-01-01T00:00:00Z')): ClusterRuntime & {advance(ms: number): void; set(ms: number): void} {
	let now = start;
	return {
		...testRuntime(),
		now: () => now,
		advance(ms) {
			now += ms;
		},
		set(ms) {
			now = ms;
		},
	};
}
