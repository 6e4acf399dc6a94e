import {existsSync, readFileSync, readdirSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {openRepo, type RepoLocation} from '../../source/repo/repo-open.js';
import {resolveRevision, treeAt} from '../../source/repo/tree-at.js';
import {commitFiles, gitSync, initRepo, makeRepoTempDir, recordingGit, repoTestEnv} from '../support/repo-helpers.js';

const temp = makeRepoTempDir();
const env = repoTestEnv(temp.dir);
const work = path.join(temp.dir, 'work');
const remote = path.join(temp.dir, 'remote.git');
const now = () => new Date('2024-05-01T10:00:00Z');
let first: string;
let second: string;
let local: RepoLocation;
let clone: RepoLocation;

beforeAll(async () => {
	initRepo(work, env);
	first = commitFiles(work, env, {'apps/web/cm.yaml': 'version: 1\n', 'README.md': 'hi\n'}, {message: 'one', date: '2024-01-01T00:00:00Z'});
	gitSync(work, env, ['tag', 'v1']);
	second = commitFiles(work, env, {'apps/web/cm.yaml': 'version: 2\n', 'README.md': null}, {message: 'two', date: '2024-01-02T00:00:00Z'});
	gitSync(temp.dir, env, ['clone', '--quiet', '--bare', work, remote]);
	// A branch only the remote has: a local checkout knows it as origin/release.
	gitSync(remote, env, ['branch', 'release', first]);
	gitSync(work, env, ['remote', 'add', 'origin', remote]);
	gitSync(work, env, ['fetch', '--quiet', 'origin']);
	const {git} = recordingGit(env);
	const openedLocal = await openRepo({source: work, cacheDir: path.join(temp.dir, 'cache'), git, cwd: temp.dir, now});
	const openedClone = await openRepo({source: `file://${remote}`, cacheDir: path.join(temp.dir, 'cache'), git, cwd: temp.dir, now});
	if (!openedLocal.ok || !openedClone.ok) throw new Error('open failed');
	local = openedLocal.location;
	clone = openedClone.location;
});
afterAll(() => temp.cleanup());

describe('resolveRevision', () => {
	it.each([
		['HEAD', () => second],
		['main', () => second],
		['v1', () => first],
		['short sha', () => first, () => first.slice(0, 7)],
		["Flux's main@sha1:<sha>", () => first, () => `main@sha1:${first}`],
		["Flux's sha1:<sha>", () => second, () => `sha1:${second}`],
		['a remote-only branch of a local checkout', () => first, () => 'release'],
	])('%s', async (name, expected, revision = () => name) => {
		const {git} = recordingGit(env);
		expect(await resolveRevision({location: local, git, revision: revision()})).toEqual({ok: true, sha: expected()});
	});

	it('finds branches of a clone directly', async () => {
		const {git} = recordingGit(env);
		expect(await resolveRevision({location: clone, git, revision: 'release'})).toEqual({ok: true, sha: first});
	});

	it('refuses unknown revisions and option-like input', async () => {
		const {git} = recordingGit(env);
		const unknown = await resolveRevision({location: local, git, revision: 'nope'});
		expect(unknown).toEqual({ok: false, error: {kind: 'not-found', message: `unknown revision nope in ${work}`}});
		const option = await resolveRevision({location: local, git, revision: '--all'});
		expect(option.ok).toBe(false);
	});
});

describe('treeAt', () => {
	it('materialises the files of any revision into a folder keyed by sha, without touching the work tree', async () => {
		const {git, verbs} = recordingGit(env);
		const old = await treeAt({location: local, git, revision: first.slice(0, 8)});
		expect(old.ok).toBe(true);
		if (!old.ok) return;
		expect(old.sha).toBe(first);
		expect(old.dir).toBe(path.join(local.treesDir, first));
		expect(readFileSync(path.join(old.dir, 'apps/web/cm.yaml'), 'utf8')).toBe('version: 1\n');
		expect(readFileSync(path.join(old.dir, 'README.md'), 'utf8')).toBe('hi\n');
		expect(readFileSync(path.join(work, 'apps/web/cm.yaml'), 'utf8')).toBe('version: 2\n');
		expect(gitSync(work, env, ['status', '--porcelain'])).toBe('');
		expect(gitSync(work, env, ['worktree', 'list']).split('\n')).toHaveLength(1);
		expect(verbs()).not.toContain('fetch');
		// No temporary folders or index files are left behind.
		expect(readdirSync(local.treesDir)).toEqual([first]);
	});

	it('reuses an extracted tree without running git again beyond resolving the revision', async () => {
		const {git, verbs} = recordingGit(env);
		await treeAt({location: clone, git, revision: 'HEAD'});
		const again = recordingGit(env);
		const result = await treeAt({location: clone, git: again.git, revision: 'HEAD'});
		expect(result.ok && existsSync(path.join(result.dir, 'apps/web/cm.yaml'))).toBe(true);
		expect(result.ok && existsSync(path.join(result.dir, 'README.md'))).toBe(false);
		expect(verbs()).toContain('checkout-index');
		expect(again.verbs()).toEqual(['rev-parse']);
	});

	it('extracts the same sha concurrently without clashing', async () => {
		const {git} = recordingGit(env);
		const results = await Promise.all([1, 2, 3].map(() => treeAt({location: clone, git, revision: 'v1'})));
		expect(results.every(r => r.ok && r.sha === first)).toBe(true);
		expect(readdirSync(clone.treesDir).sort()).toEqual([first, second].sort());
	});

	it('fails as a value for an unknown revision', async () => {
		const {git} = recordingGit(env);
		const result = await treeAt({location: clone, git, revision: 'does-not-exist'});
		expect(result.ok === false && result.error.kind).toBe('not-found');
	});
});
