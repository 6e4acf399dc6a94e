/**
 * The repository's files at any revision, materialised into a cache directory keyed by commit sha so
 * renderers (and kustomize and helm) can read a plain folder. Extraction uses a private index file and
 * `checkout-index`: no worktree is registered, the operator's checkout is never touched, and nothing
 * goes over the network when the revision is in the local clone.
 */
import {randomBytes} from 'node:crypto';
import {mkdir, rename, rm, stat} from 'node:fs/promises';
import path from 'node:path';
import type {Git, GitFailure} from './git-runner.js';
import type {RepoLocation} from './repo-open.js';

export type ResolveResult = {ok: true; sha: string} | {ok: false; error: GitFailure};

export type TreeAtResult = {ok: true; sha: string; dir: string} | {ok: false; error: GitFailure};

/**
 * Resolves a revision to a full commit sha: `HEAD`, a branch, a tag, a (short) sha, or Flux's
 * `main@sha1:<sha>` / `sha1:<sha>`. A branch only known as a remote-tracking ref (`origin/<name>`) is
 * found too, since a local checkout may not have every branch the controllers deploy from.
 */
export async function resolveRevision(options: {location: RepoLocation; git: Git; revision: string}): Promise<ResolveResult> {
	const revision = fluxSha(options.revision) ?? options.revision.trim();
	if (revision === '' || revision.startsWith('-')) {
		return {ok: false, error: {kind: 'not-found', message: `invalid revision ${JSON.stringify(options.revision)}`}};
	}
	const resolve = async (candidate: string) => {
		const result = await options.git({args: ['rev-parse', '--verify', '--quiet', `${candidate}^{commit}`], cwd: options.location.gitDir});
		return result.ok && result.stdout.trim() ? result.stdout.trim() : undefined;
	};
	// The revision as given first: the remotes are asked for (one more git process) only when it is not known.
	const direct = await resolve(revision);
	if (direct) return {ok: true, sha: direct};
	if (options.location.kind === 'local' && !revision.includes('/')) {
		const remotes = await options.git({args: ['remote'], cwd: options.location.gitDir});
		for (const remote of remotes.ok ? remotes.stdout.split('\n').filter(Boolean) : []) {
			const sha = await resolve(`refs/remotes/${remote}/${revision}`);
			if (sha) return {ok: true, sha};
		}
	}
	return {ok: false, error: {kind: 'not-found', message: `unknown revision ${options.revision} in ${options.location.source}`}};
}

/** Materialises the tree of a revision (reused when already extracted) and returns its folder. */
export async function treeAt(options: {location: RepoLocation; git: Git; revision: string; timeoutMs?: number}): Promise<TreeAtResult> {
	const resolved = await resolveRevision(options);
	if (!resolved.ok) return resolved;
	const {sha} = resolved;
	const dir = path.join(options.location.treesDir, sha);
	if (await isDirectory(dir)) return {ok: true, sha, dir};
	await mkdir(options.location.treesDir, {recursive: true});
	const temporary = `${dir}.tmp-${randomBytes(4).toString('hex')}`;
	const env = {
		GIT_INDEX_FILE: `${temporary}.index`,
		// LFS pointers stay pointers: downloading objects would need the network.
		GIT_LFS_SKIP_SMUDGE: '1',
	};
	const cwd = options.location.gitDir;
	const timeoutMs = options.timeoutMs ?? 60_000;
	try {
		await mkdir(temporary);
		const read = await options.git({args: ['read-tree', sha], cwd, env, timeoutMs});
		if (!read.ok) return read;
		const checkout = await options.git({
			args: ['-c', 'core.autocrlf=false', `--work-tree=${temporary}`, 'checkout-index', '--all', '--force'],
			cwd,
			env,
			timeoutMs,
		});
		if (!checkout.ok) return checkout;
		try {
			await rename(temporary, dir);
		} catch {
			// Another render extracted the same sha first; theirs is identical.
			if (!(await isDirectory(dir))) throw new Error(`cannot move the tree of ${sha} into ${dir}`);
		}
		return {ok: true, sha, dir};
	} finally {
		await rm(temporary, {recursive: true, force: true});
		await rm(`${temporary}.index`, {force: true});
	}
}

/** The sha in Flux's revision forms (`main@sha1:<sha>`, `sha1:<sha>`), else undefined. */
function fluxSha(revision: string): string | undefined {
	return /(?:^|@)sha1:([0-9a-f]{7,40})$/.exec(revision.trim())?.[1];
}

async function isDirectory(dir: string): Promise<boolean> {
	try {
		return (await stat(dir)).isDirectory();
	} catch {
		return false;
	}
}
