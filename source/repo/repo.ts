/**
 * The config repository as the rest of the app uses it: one object over open, state, fetch loop,
 * history and trees at a revision. Everything here is read from the local clone, so it all keeps
 * working while the Git server is down; only the fetch loop talks to the network.
 */
import {startFetcher, type Fetcher, type FetchResult, type Scheduler} from './fetch.js';
import type {Git, GitFailure} from './git-runner.js';
import {commitsBetweenWithPaths, commitsTouching, countCommitsBetween, type ChangedPaths, type LogResult} from './log.js';
import {readRepoInfo} from './repo-info.js';
import {openRepo, type RepoLocation, type RepoOpenResult} from './repo-open.js';
import {createRepoState, type GitState} from './repo-state.js';
import {resolveRevision, treeAt, type ResolveResult, type TreeAtResult} from './tree-at.js';
import {readTreeIndex, type TreeIndexResult} from './tree-index.js';

/** The loaded repository. */
export type GitRepo = {
	location: RepoLocation;
	getState(): GitState;
	/** Hears every change of the Git state; returns the unsubscribe function. */
	subscribe(listener: (state: GitState) => void): () => void;
	/** Starts fetching now and every interval (a fresh clone waits one interval); idempotent. */
	startFetching(): void;
	/** Fetches now (joining one under way); starts nothing periodic by itself. */
	fetchNow(): Promise<FetchResult>;
	/** Stops the fetch loop. */
	stop(): void;
	/** Re-reads HEAD, branch and remotes (after the operator committed, say). */
	refresh(): Promise<void>;
	/** The remote URLs, for matching Flux and Argo source URLs to this repository. */
	remoteUrls(): string[];
	resolveRevision(revision: string): Promise<ResolveResult>;
	treeAt(revision: string): Promise<TreeAtResult>;
	commitsTouching(path: string, options?: {revision?: string; limit?: number}): Promise<LogResult>;
	countCommitsBetween(from: string, to: string, path?: string): Promise<{ok: true; count: number} | {ok: false; error: GitFailure}>;
	/** The commits in `to` not in `from`, with the paths each changed (one process for every app's commits-behind). */
	commitsBetween?(from: string, to: string): Promise<{ok: true; commits: ChangedPaths[]} | {ok: false; error: GitFailure}>;
	/** Every directory's tree id at a commit (one process), so renders of untouched paths are kept across commits. */
	treeIndex?(commit: string): Promise<TreeIndexResult>;
};

export type LoadGitRepoOptions = {
	/** `--repo`: a path or a URL. */
	source: string;
	/** gitops-tui's cache root (`$XDG_CACHE_HOME/gitops-tui`). */
	cacheDir: string;
	cwd: string;
	git: Git;
	now: () => Date;
	scheduler: Scheduler;
	fetchIntervalMs?: number;
	fetchTimeoutMs?: number;
	cloneTimeoutMs?: number;
};

export type LoadGitRepoResult = {ok: true; repo: GitRepo} | Extract<RepoOpenResult, {ok: false}>;

/** Opens (cloning a URL the first time) and reads the repository; fetching starts with startFetching(). */
export async function loadGitRepo(options: LoadGitRepoOptions): Promise<LoadGitRepoResult> {
	const opened = await openRepo(options);
	if (!opened.ok) return opened;
	const {location} = opened;
	const {git} = options;
	const info = await readRepoInfo({location, git});
	const state = createRepoState({
		...info.state,
		lastFetch: location.clonedAt,
		reachable: location.clonedAt ? true : undefined,
	});
	let fetcher: Fetcher | undefined;
	// A one-off fetch schedules nothing afterwards.
	const neverScheduler: Scheduler = {setTimeout: () => undefined, clearTimeout: () => {}};
	const oneShot = () =>
		startFetcher({location, git, state, now: options.now, scheduler: neverScheduler, timeoutMs: options.fetchTimeoutMs});

	const repo: GitRepo = {
		location,
		getState: state.get,
		subscribe: state.subscribe,
		startFetching() {
			fetcher ??= startFetcher({
				location,
				git,
				state,
				now: options.now,
				scheduler: options.scheduler,
				intervalMs: options.fetchIntervalMs,
				timeoutMs: options.fetchTimeoutMs,
				fetchOnStart: location.clonedAt === undefined,
			});
		},
		fetchNow: () => (fetcher ?? oneShot()).fetchNow(),
		stop() {
			fetcher?.stop();
			fetcher = undefined;
		},
		async refresh() {
			state.update((await readRepoInfo({location, git})).state);
		},
		remoteUrls: () => state.get().remotes.map(remote => remote.url),
		resolveRevision: revision => resolveRevision({location, git, revision}),
		treeAt: revision => treeAt({location, git, revision}),
		commitsTouching: (path, more = {}) => commitsTouching({location, git, path, ...more}),
		countCommitsBetween: (from, to, path) => countCommitsBetween({location, git, from, to, path}),
		commitsBetween: (from, to) => commitsBetweenWithPaths({location, git, from, to}),
		treeIndex: commit => readTreeIndex({location, git, commit}),
	};
	return {ok: true, repo};
}
