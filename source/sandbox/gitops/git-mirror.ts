/**
 * source-controller's Git side, for real: each GitRepository has a bare repository under the sandbox's cache
 * folder; a reconcile fetches spec.url into it (with spec.timeout) and resolves spec.ref (commit, name, tag or
 * branch, in Flux's order of precedence) to a commit. The fetched repository is the artifact store: the
 * kustomize-controller materialises trees at an artifact's revision from it (the project's treeAt).
 */
import {mkdir, stat} from 'node:fs/promises';
import path from 'node:path';
import type {Git} from '../../repo/git-runner.js';
import type {RepoLocation} from '../../repo/repo-open.js';

/** spec.ref of a GitRepository. */
export type GitRef = {branch?: string; tag?: string; semver?: string; name?: string; commit?: string};

/** A fetch: the commit the ref points at and Flux's revision string for it, or git's error. */
export type FetchOutcome = {ok: true; sha: string; revision: string; subject: string} | {ok: false; message: string};

/** Where a GitRepository's fetched repository and its trees live. */
export function mirrorLocation(cacheDir: string, namespace: string, name: string): RepoLocation {
	const gitDir = path.join(cacheDir, 'gitrepository', namespace, `${name}.git`);
	return {kind: 'clone', source: gitDir, gitDir, treesDir: path.join(cacheDir, 'trees', namespace, name)};
}

/** Fetches `url` into the GitRepository's bare repository and resolves `ref`. */
export async function fetchAndResolve(options: {git: Git; location: RepoLocation; url: string; ref: GitRef | undefined; timeoutMs: number}): Promise<FetchOutcome> {
	const {git, location} = options;
	const gitDir = location.gitDir;
	if (!(await exists(gitDir))) {
		await mkdir(path.dirname(gitDir), {recursive: true});
		const init = await git({args: ['init', '--quiet', '--bare', gitDir], cwd: path.dirname(gitDir)});
		if (!init.ok) return {ok: false, message: init.error.message};
	}
	// A URL that looks like an option would be read as one by git.
	if (options.url.startsWith('-')) return {ok: false, message: `failed to parse url '${options.url}'`};
	const fetched = await git({
		args: ['fetch', '--quiet', '--prune', '--no-tags', options.url, '+refs/heads/*:refs/heads/*', '+refs/tags/*:refs/tags/*'],
		cwd: gitDir,
		timeoutMs: options.timeoutMs,
	});
	if (!fetched.ok) return {ok: false, message: `unable to clone '${options.url}': ${fetched.error.message}`};
	const ref = options.ref ?? {};
	// Flux's precedence: commit, then name, then semver, then tag, then branch (master when none is set).
	const target = ref.commit
		? {rev: ref.commit, label: ref.branch ?? ''}
		: ref.name
			? {rev: ref.name, label: ref.name}
			: ref.tag
				? {rev: `refs/tags/${ref.tag}`, label: ref.tag}
				: {rev: `refs/heads/${ref.branch ?? 'master'}`, label: ref.branch ?? 'master'};
	const resolved = await git({args: ['rev-parse', '--verify', '--quiet', `${target.rev}^{commit}`], cwd: gitDir});
	if (!resolved.ok || !resolved.stdout.trim()) {
		const what = ref.commit ? `commit '${ref.commit}'` : `remote ref '${target.rev}'`;
		return {ok: false, message: `unable to clone '${options.url}': couldn't find ${what}`};
	}
	const sha = resolved.stdout.trim();
	const log = await git({args: ['log', '-1', '--format=%s', sha], cwd: gitDir});
	return {ok: true, sha, revision: target.label ? `${target.label}@sha1:${sha}` : `sha1:${sha}`, subject: log.ok ? log.stdout.trim() : sha};
}

async function exists(dir: string): Promise<boolean> {
	try {
		return (await stat(dir)).isDirectory();
	} catch {
		return false;
	}
}

/**
 * Fills a GitRepository's storage with what its URL serves now, without touching its status: for a world set
 * up as if source-controller had been running (its artifacts, the last fetched included, are in storage).
 */
export async function primeSourceStorage(options: {git: Git; cacheDir: string; namespace: string; name: string; url: string}): Promise<void> {
	const outcome = await fetchAndResolve({git: options.git, location: mirrorLocation(options.cacheDir, options.namespace, options.name), url: options.url, ref: undefined, timeoutMs: 60_000});
	// Resolving `master` fails on a `main` repository; only the fetch itself matters here.
	if (!outcome.ok && !outcome.message.includes("couldn't find")) throw new Error(`cannot fill the source storage of ${options.namespace}/${options.name}: ${outcome.message}`);
}
