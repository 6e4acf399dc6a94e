/**
 * Runs a job again whenever asked, but never two at once and never more often than the quiet
 * period allows: a burst of watch events becomes one evaluation, and a request that arrives while
 * one runs becomes exactly one more run after it.
 */
export type Timers = {setTimeout(fn: () => void, ms: number): unknown; clearTimeout(handle: unknown): void};

export type SerialRunner = {request(): void; stop(): void};

/** `quietMs` may be a function, asked each time: the live loop waits longer after runs that took longer. */
export function serialRunner(job: () => Promise<void>, options: {quietMs: number | (() => number); timers: Timers; onError: (error: unknown) => void}): SerialRunner {
	let timer: unknown;
	let running = false;
	let again = false;
	let stopped = false;
	const start = () => {
		timer = undefined;
		if (stopped) return;
		if (running) {
			again = true;
			return;
		}
		running = true;
		job()
			.catch(options.onError)
			.finally(() => {
				running = false;
				if (again && !stopped) {
					again = false;
					schedule();
				}
			});
	};
	const schedule = () => {
		if (timer === undefined && !stopped) timer = options.timers.setTimeout(start, typeof options.quietMs === 'number' ? options.quietMs : options.quietMs());
	};
	return {
		request: schedule,
		stop() {
			stopped = true;
			if (timer !== undefined) options.timers.clearTimeout(timer);
		},
	};
}
