/**
 * Opens the config repository given to `--repo`: a local path is read in place (every revision through
 * git, the working tree untouched), a URL is cloned once into the cache directory and reused afterwards.
 * Opening an existing clone needs no network, so the app starts during a Git outage.
 */
import {createHash, randomBytes} from 'node:crypto';
import {mkdir, rename, rm, stat} from 'node:fs/promises';
import path from 'node:path';
import {normaliseRepoUrl, redactCredentials} from '../domain/repo-url.js';
import type {Git, GitFailureKind} from './git-runner.js';

/** Where the repository lives and how it is read. */
export type RepoLocation = {
	/** `local`: the operator's own repository; `clone`: our bare clone of a URL. */
	kind: 'local' | 'clone';
	/** What was passed to `--repo`. */
	source: string;
	/** The directory git runs in: the work tree's top level, or the bare clone. */
	gitDir: string;
	/** Where trees materialised per sha are cached for this repository. */
	treesDir: string;
	/** The URL cloned (clones only). */
	url?: string;
	/** Set when this open made a fresh clone: that was a successful fetch (ISO time). */
	clonedAt?: string;
};

export type RepoOpenFailureKind = GitFailureKind | 'not-a-repo' | 'clone-failed';

export type RepoOpenResult =
	| {ok: true; location: RepoLocation}
	| {ok: false; error: {kind: RepoOpenFailureKind; message: string}};

export type OpenRepoOptions = {
	/** A path or a URL (https, http, ssh, git, file, or scp-like `git@host:org/repo`). */
	source: string;
	/** gitops-tui's cache root, e.g. `$XDG_CACHE_HOME/gitops-tui`; clones go to `repos/<slug>`. */
	cacheDir: string;
	git: Git;
	/** Relative local paths are resolved against this. */
	cwd: string;
	/** The clone's time limit; default 120 s (a first clone of a big repository takes a while). */
	cloneTimeoutMs?: number;
	now: () => Date;
};

/** gitops-tui's cache root: `$XDG_CACHE_HOME/gitops-tui`, else `~/.cache/gitops-tui` (from the env given). */
export function defaultCacheDir(env: NodeJS.ProcessEnv, homeDir: string): string {
	const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(homeDir, '.cache');
	return path.join(base, 'gitops-tui');
}

/** True when `--repo` names a URL rather than a local path. */
export function isRepoUrl(source: string): boolean {
	if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) return true;
	// scp-like `[user@]host:path`, but not `./a:b` or `/a:b`, and not a Windows drive letter.
	return /^(?:[^@/:]+@)?[^/:]{2,}:/.test(source) && !source.startsWith('.') && !source.startsWith('/');
}

/** The cache folder name for a URL: readable, and unique through a hash of the exact URL. */
export function repoSlug(url: string): string {
	const readable = normaliseRepoUrl(url)
		.replace(/[^a-zA-Z0-9._-]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(-60);
	const hash = createHash('sha256').update(url).digest('hex').slice(0, 10);
	return `${readable || 'repo'}-${hash}`;
}

/** Opens (and for a URL, clones if needed) the repository. */
export async function openRepo(options: OpenRepoOptions): Promise<RepoOpenResult> {
	return isRepoUrl(options.source) ? openClone(options) : openLocal(options);
}

async function openLocal(options: OpenRepoOptions): Promise<RepoOpenResult> {
	const dir = path.resolve(options.cwd, options.source);
	if (!(await isDirectory(dir))) return notARepo(`${options.source}: no such directory`);
	// Both questions at once (one git process less to wait for); the top level means nothing in a bare repository.
	const [bare, top] = await Promise.all([options.git({args: ['rev-parse', '--is-bare-repository'], cwd: dir}), options.git({args: ['rev-parse', '--show-toplevel'], cwd: dir})]);
	if (!bare.ok) return notARepo(`${options.source} is not a git repository (${bare.error.message})`);
	let gitDir = dir;
	if (bare.stdout.trim() !== 'true') {
		if (!top.ok) return notARepo(`${options.source} is not a git repository (${top.error.message})`);
		gitDir = top.stdout.trim();
	}
	const slug = `local-${path.basename(gitDir).replace(/[^a-zA-Z0-9._-]+/g, '-')}-${createHash('sha256').update(gitDir).digest('hex').slice(0, 10)}`;
	return {ok: true, location: {kind: 'local', source: options.source, gitDir, treesDir: path.join(options.cacheDir, 'trees', slug)}};
}

async function openClone(options: OpenRepoOptions): Promise<RepoOpenResult> {
	const url = options.source;
	const slug = repoSlug(url);
	const dir = path.join(options.cacheDir, 'repos', slug);
	const location: RepoLocation = {kind: 'clone', source: url, url, gitDir: dir, treesDir: path.join(options.cacheDir, 'trees', slug)};
	if (await isDirectory(dir)) {
		const check = await options.git({args: ['rev-parse', '--is-bare-repository'], cwd: dir});
		if (check.ok && check.stdout.trim() === 'true') return {ok: true, location};
		// A clone interrupted before it was renamed into place never lands here; anything else is junk.
		await rm(dir, {recursive: true, force: true});
	}
	await mkdir(path.dirname(dir), {recursive: true});
	const temporary = `${dir}.tmp-${randomBytes(4).toString('hex')}`;
	const clone = await options.git({
		args: ['clone', '--bare', '--quiet', '--', url, temporary],
		cwd: path.dirname(dir),
		timeoutMs: options.cloneTimeoutMs ?? 120_000,
	});
	if (!clone.ok) {
		await rm(temporary, {recursive: true, force: true});
		return {ok: false, error: {kind: clone.error.kind, message: `cannot clone ${redactCredentials(url)}: ${clone.error.message}`}};
	}
	// A bare clone sets no fetch refspec; map remote branches onto ours so a fetch moves them.
	const refspec = await options.git({args: ['config', 'remote.origin.fetch', '+refs/heads/*:refs/heads/*'], cwd: temporary});
	if (!refspec.ok) {
		await rm(temporary, {recursive: true, force: true});
		return {ok: false, error: {kind: 'clone-failed', message: `cannot configure the clone of ${redactCredentials(url)}: ${refspec.error.message}`}};
	}
	try {
		await rename(temporary, dir);
	} catch {
		// Another process cloned the same URL meanwhile: use theirs.
		await rm(temporary, {recursive: true, force: true});
	}
	return {ok: true, location: {...location, clonedAt: options.now().toISOString()}};
}

function notARepo(message: string): RepoOpenResult {
	return {ok: false, error: {kind: 'not-a-repo', message}};
}

async function isDirectory(dir: string): Promise<boolean> {
	try {
		return (await stat(dir)).isDirectory();
	} catch {
		return false;
	}
}
