/**
 * History from the local clone (so it works offline): the commits touching an app's path, newest first,
 * and how many commits a deployed revision is behind.
 */
import type {Git, GitFailure} from './git-runner.js';
import type {RepoLocation} from './repo-open.js';

/** One commit, as the History view lists it. */
export type Commit = {
	sha: string;
	author: string;
	email: string;
	/** Author date, strict ISO 8601 with the author's offset. */
	date: string;
	subject: string;
};

export type LogResult = {ok: true; commits: Commit[]} | {ok: false; error: GitFailure};

export type CommitsTouchingOptions = {
	location: RepoLocation;
	git: Git;
	/** A path inside the repository; empty or `.` for the whole repository. */
	path?: string;
	/** Where history starts; default HEAD. */
	revision?: string;
	/** At most this many commits; default 50. */
	limit?: number;
};

const fieldSeparator = '\x1f';

/** The commits touching a path, newest first. An empty repository has none. */
export async function commitsTouching(options: CommitsTouchingOptions): Promise<LogResult> {
	const revision = options.revision ?? 'HEAD';
	if (revision.startsWith('-')) return invalidRevision(revision);
	const limit = Math.max(1, Math.floor(options.limit ?? 50));
	const result = await options.git({
		args: [
			'-c',
			'log.showSignature=false',
			'log',
			'-z',
			`--max-count=${limit}`,
			`--format=%H${fieldSeparator}%an${fieldSeparator}%ae${fieldSeparator}%aI${fieldSeparator}%s`,
			revision,
			'--',
			...pathspec(options.path),
		],
		cwd: options.location.gitDir,
	});
	if (!result.ok) {
		if (revision === 'HEAD' && (await isEmptyRepo(options))) return {ok: true, commits: []};
		return result;
	}
	const commits = result.stdout
		.split('\0')
		.filter(Boolean)
		.map(record => {
			const [sha = '', author = '', email = '', date = '', subject = ''] = record.split(fieldSeparator);
			return {sha: sha.trim(), author, email, date, subject};
		});
	return {ok: true, commits};
}

/** How many commits touching `path` are in `to` but not in `from` (a deployed sha vs HEAD). */
export async function countCommitsBetween(options: {
	location: RepoLocation;
	git: Git;
	from: string;
	to: string;
	path?: string;
}): Promise<{ok: true; count: number} | {ok: false; error: GitFailure}> {
	if (options.from.startsWith('-') || options.to.startsWith('-')) return invalidRevision(`${options.from}..${options.to}`);
	const result = await options.git({
		args: ['rev-list', '--count', `${options.from}..${options.to}`, '--', ...pathspec(options.path)],
		cwd: options.location.gitDir,
	});
	if (!result.ok) return result;
	return {ok: true, count: Number.parseInt(result.stdout.trim(), 10) || 0};
}

/** A commit and the paths it changed (none for a merge: git log shows merges without a diff). */
export type ChangedPaths = {sha: string; paths: string[]};

/**
 * Every commit in `to` but not in `from`, with the paths each changed: one git process answers "how many
 * commits behind" for every app deployed at `from`, whatever its path (see pathTouched).
 */
export async function commitsBetweenWithPaths(options: {
	location: RepoLocation;
	git: Git;
	from: string;
	to: string;
}): Promise<{ok: true; commits: ChangedPaths[]} | {ok: false; error: GitFailure}> {
	if (options.from.startsWith('-') || options.to.startsWith('-')) return invalidRevision(`${options.from}..${options.to}`);
	const result = await options.git({
		args: ['-c', 'log.showSignature=false', 'log', '-z', '--no-renames', '--name-only', '--format=%x01%H', `${options.from}..${options.to}`],
		cwd: options.location.gitDir,
	});
	if (!result.ok) return result;
	// Each record: SHA NUL, then (when it changed files) a newline and NUL-terminated paths.
	const commits = result.stdout
		.split('\x01')
		.filter(Boolean)
		.map(record => {
			const [sha = '', ...paths] = record.split('\0');
			return {sha: sha.trim(), paths: paths.map(entry => entry.replace(/^\n/, '')).filter(Boolean)};
		});
	return {ok: true, commits};
}

/** Whether a commit counts for a repository path as `git rev-list -- :(literal)PATH` counts it (the root: every commit). */
export function pathTouched(commit: ChangedPaths, repoPath: string | undefined): boolean {
	const [spec] = pathspec(repoPath);
	if (!spec) return true;
	const clean = spec.slice(':(literal)'.length);
	return commit.paths.some(changed => changed === clean || changed.startsWith(`${clean}/`));
}

/** Revisions never start with `-`; refusing them keeps input from being read as a git option. */
function invalidRevision(revision: string): {ok: false; error: GitFailure} {
	return {ok: false, error: {kind: 'not-found', message: `invalid revision ${JSON.stringify(revision)}`}};
}

/** A repository path as a pathspec: `./apps/web/` becomes `apps/web`; the root becomes no pathspec. */
function pathspec(repoPath: string | undefined): string[] {
	const clean = (repoPath ?? '').replace(/^\.\/+/, '').replace(/\/+$/, '');
	return clean === '' || clean === '.' ? [] : [`:(literal)${clean}`];
}

async function isEmptyRepo(options: {location: RepoLocation; git: Git}): Promise<boolean> {
	const head = await options.git({args: ['rev-parse', '--verify', '--quiet', 'HEAD'], cwd: options.location.gitDir});
	if (head.ok) return false;
	const refs = await options.git({args: ['for-each-ref', '--count=1'], cwd: options.location.gitDir});
	return refs.ok && refs.stdout.trim() === '';
}
