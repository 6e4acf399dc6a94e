/**
 * The side effects the cluster edge needs, passed in: a clock, timers, randomness, process spawning,
 * file reading and the environment. cli.tsx builds the real one; tests swap in fakes where time matters.
 */
import {spawn} from 'node:child_process';
import {readFile} from 'node:fs/promises';

/** A one-shot timer; the returned function cancels it. */
export type ScheduleTimer = (callback: () => void, ms: number) => () => void;

/** How a child process is started: node's spawn signature, narrowed to what we use. */
export type SpawnProcess = typeof spawn;

/** Everything with a side effect that the cluster edge uses. */
export type ClusterRuntime = {
	/** Milliseconds since the epoch. */
	now: () => number;
	setTimer: ScheduleTimer;
	/** Defers a callback to after the current tick: batches watch events into one notification. */
	defer: (callback: () => void) => void;
	/** In [0, 1): jitter for backoff. */
	random: () => number;
	spawn: SpawnProcess;
	readFile: (file: string) => Promise<string>;
	/** The environment exec plugins inherit. */
	env: Record<string, string | undefined>;
};

/** The real runtime, over node's clock, timers, child_process and fs. */
export function nodeRuntime(env: Record<string, string | undefined>): ClusterRuntime {
	return {
		now: () => Date.now(),
		setTimer(callback, ms) {
			const timer = setTimeout(callback, ms);
			return () => clearTimeout(timer);
		},
		defer: callback => setImmediate(callback),
		random: () => Math.random(),
		spawn,
		readFile: async file => readFile(file, 'utf8'),
		env,
	};
}
