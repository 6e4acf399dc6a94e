/**
 * Reads HEAD, the branch and the remotes of the repository: local commands only, cheap enough to run
 * after every fetch.
 */
import {redactCredentials} from '../domain/repo-url.js';
import type {Git} from './git-runner.js';
import type {RepoLocation} from './repo-open.js';
import type {GitRemote, GitState} from './repo-state.js';

/** The parts of GitState read from the repository itself, and which remote a fetch should use. */
export type RepoInfo = {
	state: Pick<GitState, 'head' | 'branch' | 'remotes'>;
	/** The branch's upstream remote, else `origin`, else the first remote; undefined with no remote. */
	fetchRemote: string | undefined;
};

/** Reads HEAD, branch and remotes. */
export async function readRepoInfo(options: {location: RepoLocation; git: Git}): Promise<RepoInfo> {
	const cwd = options.location.gitDir;
	const [head, branch, remotes] = await Promise.all([
		options.git({args: ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], cwd}),
		options.git({args: ['symbolic-ref', '--quiet', '--short', 'HEAD'], cwd}),
		listRemotes(options),
	]);
	const branchName = branch.ok ? branch.stdout.trim() || undefined : undefined;
	let fetchRemote: string | undefined;
	if (branchName !== undefined && remotes.length > 0) {
		const upstream = await options.git({args: ['config', '--get', `branch.${branchName}.remote`], cwd});
		const name = upstream.ok ? upstream.stdout.trim() : '';
		if (remotes.some(remote => remote.name === name)) fetchRemote = name;
	}
	fetchRemote ??= remotes.find(remote => remote.name === 'origin')?.name ?? remotes[0]?.name;
	return {
		state: {head: head.ok ? head.stdout.trim() || undefined : undefined, branch: branchName, remotes},
		fetchRemote,
	};
}

/** The configured remotes and their URLs, credentials hidden (for matching Flux and Argo source URLs). */
export async function listRemotes(options: {location: RepoLocation; git: Git}): Promise<GitRemote[]> {
	const result = await options.git({args: ['config', '--get-regexp', '^remote\\..*\\.url$'], cwd: options.location.gitDir});
	// Exit 1 with no output means no remote at all: not an error.
	if (!result.ok) return [];
	const remotes: GitRemote[] = [];
	for (const line of result.stdout.split('\n')) {
		const match = /^remote\.(.+)\.url (.*)$/.exec(line.trim());
		// Shown on screen and in status JSON; matching normalises credentials away anyway.
		if (match) remotes.push({name: match[1]!, url: redactCredentials(match[2]!)});
	}
	return remotes;
}
