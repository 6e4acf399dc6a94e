/**
 * The repository as the status reports it: which repo, branch, HEAD, the last successful fetch, whether the
 * remote answered, and the error of the last failed fetch (a Git outage: verdicts still come from the clone).
 */
import type {GitRepo} from '../repo/repo.js';

/** The `git` part of the status. */
export type GitSummary = {
	repo?: string;
	branch?: string;
	head?: string;
	lastFetch?: string;
	reachable?: boolean;
	error?: string;
};

/** Summarises the loaded repository, or why none is loaded. */
export function gitSummary(repo: GitRepo | undefined, loadError?: string): GitSummary {
	if (!repo) return {reachable: false, error: loadError ?? 'no repository loaded (pass --repo PATH|URL)'};
	const state = repo.getState();
	const summary: GitSummary = {repo: repo.location.source};
	if (state.branch) summary.branch = state.branch;
	if (state.head) summary.head = state.head;
	if (state.lastFetch) summary.lastFetch = state.lastFetch;
	if (state.reachable !== undefined) summary.reachable = state.reachable;
	if (state.lastError) summary.error = state.lastError.message;
	return summary;
}
