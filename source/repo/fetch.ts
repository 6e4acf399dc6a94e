/**
 * Fetching the config repository: once on start, then periodically, always with a timeout. A failed
 * fetch leaves the local clone as it was (every verdict is still computed from it) and is reported in
 * the Git state as an outage; the next success clears it.
 */
import type {Git, GitResult} from './git-runner.js';
import {readRepoInfo} from './repo-info.js';
import type {RepoLocation} from './repo-open.js';
import type {GitStateError, RepoStateStore} from './repo-state.js';

/** Timers, injected so tests drive the period by hand. */
export type Scheduler = {
	setTimeout(callback: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
};

/** Real timers, unreferenced so a one-shot command can exit while a fetch is scheduled. */
export function createTimerScheduler(): Scheduler {
	return {
		setTimeout(callback, ms) {
			const handle = setTimeout(callback, ms);
			handle.unref?.();
			return handle;
		},
		clearTimeout(handle) {
			clearTimeout(handle as ReturnType<typeof setTimeout>);
		},
	};
}

/** The outcome of one fetch; `remote` is undefined when the repository has none (nothing to fetch). */
export type FetchResult = {ok: true; time: string; remote: string | undefined} | {ok: false; error: GitStateError};

/** Runs `git fetch` for one remote with a timeout. */
export async function fetchRemote(options: {location: RepoLocation; git: Git; remote: string; timeoutMs: number}): Promise<GitResult> {
	return options.git({
		args: ['fetch', '--prune', '--quiet', options.remote],
		cwd: options.location.gitDir,
		timeoutMs: options.timeoutMs,
	});
}

export type FetcherOptions = {
	location: RepoLocation;
	git: Git;
	state: RepoStateStore;
	now: () => Date;
	scheduler: Scheduler;
	/** Period between the end of one fetch and the start of the next; default 60 s. */
	intervalMs?: number;
	/** Time limit of one fetch; default 20 s. */
	timeoutMs?: number;
	/** Fetch at once (default); false waits one interval, e.g. right after a fresh clone. */
	fetchOnStart?: boolean;
};

/** A running fetch loop. */
export type Fetcher = {
	/** Fetches now (or joins the fetch under way) and refreshes the state. */
	fetchNow(): Promise<FetchResult>;
	/** Stops the period; a fetch under way finishes but schedules nothing. */
	stop(): void;
};

/** Starts fetching: once immediately (unless told otherwise), then every interval. */
export function startFetcher(options: FetcherOptions): Fetcher {
	const intervalMs = options.intervalMs ?? 60_000;
	const timeoutMs = options.timeoutMs ?? 20_000;
	let stopped = false;
	let timer: unknown;
	let inFlight: Promise<FetchResult> | undefined;

	const schedule = () => {
		if (stopped) return;
		if (timer !== undefined) options.scheduler.clearTimeout(timer);
		timer = options.scheduler.setTimeout(() => {
			timer = undefined;
			void fetchNow();
		}, intervalMs);
	};

	const runOnce = async (): Promise<FetchResult> => {
		options.state.update({fetching: true});
		const before = await readRepoInfo(options);
		const remote = before.fetchRemote;
		if (remote === undefined) {
			options.state.update({...before.state, fetching: false});
			return {ok: true, time: options.now().toISOString(), remote};
		}
		const result = await fetchRemote({location: options.location, git: options.git, remote, timeoutMs});
		const time = options.now().toISOString();
		const after = result.ok ? await readRepoInfo(options) : before;
		if (result.ok) {
			options.state.update({...after.state, lastFetch: time, lastError: undefined, reachable: true, fetching: false});
			return {ok: true, time, remote};
		}
		const url = after.state.remotes.find(r => r.name === remote)?.url;
		const error: GitStateError = {
			kind: result.error.kind,
			message: `cannot fetch ${remote}${url ? ` (${url})` : ''}: ${result.error.message}`,
			time,
		};
		options.state.update({...after.state, lastError: error, reachable: false, fetching: false});
		return {ok: false, error};
	};

	const fetchNow = (): Promise<FetchResult> => {
		if (inFlight) return inFlight;
		inFlight = runOnce()
			.catch((error: unknown): FetchResult => {
				// Not expected (git failures are values), but a loop that dies silently would hide an outage.
				const failure: GitStateError = {kind: 'failed', message: `fetch failed: ${String(error)}`, time: options.now().toISOString()};
				options.state.update({lastError: failure, reachable: false, fetching: false});
				return {ok: false, error: failure};
			})
			.finally(() => {
				inFlight = undefined;
				schedule();
			});
		return inFlight;
	};

	if (options.fetchOnStart === false) schedule();
	else void fetchNow();
	return {
		fetchNow,
		stop() {
			stopped = true;
			if (timer !== undefined) options.scheduler.clearTimeout(timer);
			timer = undefined;
		},
	};
}
