/**
 * What the UI and the status command know about the loaded repository, as plain data, with
 * subscribe/unsubscribe: the header shows the branch, HEAD, the age of the last successful fetch and
 * an outage banner from this.
 */

/** A configured remote. */
export type GitRemote = {name: string; url: string};

/** The last fetch failure, kept until a fetch succeeds. */
export type GitStateError = {kind: string; message: string; /** ISO time of the failed attempt. */ time: string};

/** The repository as last seen. Times are ISO strings so the state stays plain data. */
export type GitState = {
	/** Full sha of HEAD; undefined for an empty repository. */
	head: string | undefined;
	/** Current branch (or, for a clone, the remote's default branch); undefined when HEAD is detached. */
	branch: string | undefined;
	remotes: GitRemote[];
	/** When a fetch (or the initial clone) last succeeded. */
	lastFetch: string | undefined;
	lastError: GitStateError | undefined;
	/** Whether the last fetch reached the remote; undefined before the first attempt or with no remote. */
	reachable: boolean | undefined;
	/** A fetch is under way. */
	fetching: boolean;
};

/** Holds a GitState and tells listeners when it changes. */
export type RepoStateStore = {
	get(): GitState;
	/** Merges a change; listeners hear only when something actually differs. */
	update(change: Partial<GitState>): void;
	/** Returns the unsubscribe function. */
	subscribe(listener: (state: GitState) => void): () => void;
};

/** An empty state, before anything was read. */
export function emptyGitState(): GitState {
	return {
		head: undefined,
		branch: undefined,
		remotes: [],
		lastFetch: undefined,
		lastError: undefined,
		reachable: undefined,
		fetching: false,
	};
}

/** Creates the store; a listener that throws does not stop the others. */
export function createRepoState(initial: Partial<GitState> = {}): RepoStateStore {
	let state: GitState = {...emptyGitState(), ...initial};
	const listeners = new Set<(state: GitState) => void>();
	return {
		get: () => state,
		update(change) {
			const next = {...state, ...change};
			if (sameState(state, next)) return;
			state = next;
			for (const listener of [...listeners]) {
				try {
					listener(state);
				} catch {
					// A broken subscriber must not stop the others from hearing about the repository.
				}
			}
		},
		subscribe(listener) {
			listeners.add(listener);
			return () => {
				listeners.delete(listener);
			};
		},
	};
}

function sameState(a: GitState, b: GitState): boolean {
	return (
		a.head === b.head &&
		a.branch === b.branch &&
		a.lastFetch === b.lastFetch &&
		a.reachable === b.reachable &&
		a.fetching === b.fetching &&
		a.lastError?.kind === b.lastError?.kind &&
		a.lastError?.message === b.lastError?.message &&
		a.lastError?.time === b.lastError?.time &&
		a.remotes.length === b.remotes.length &&
		a.remotes.every((remote, i) => remote.name === b.remotes[i]?.name && remote.url === b.remotes[i]?.url)
	);
}
