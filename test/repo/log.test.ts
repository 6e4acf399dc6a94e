import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {commitsTouching, countCommitsBetween} from '../../source/repo/log.js';
import {openRepo, type RepoLocation} from '../../source/repo/repo-open.js';
import {commitFiles, initRepo, makeRepoTempDir, recordingGit, repoTestEnv} from '../support/repo-helpers.js';

const temp = makeRepoTempDir();
const env = repoTestEnv(temp.dir);
const work = path.join(temp.dir, 'work');
const now = () => new Date('2024-05-01T10:00:00Z');
const shas: Record<string, string> = {};
let location: RepoLocation;

beforeAll(async () => {
	initRepo(work, env);
	shas.web1 = commitFiles(work, env, {'apps/web/deploy.yaml': 'v: 1\n'}, {message: 'web: first', date: '2024-01-01T10:00:00+01:00', author: 'Alice'});
	shas.api1 = commitFiles(work, env, {'apps/api/deploy.yaml': 'v: 1\n'}, {message: 'api: first', date: '2024-01-02T10:00:00Z', author: 'Bob'});
	shas.web2 = commitFiles(work, env, {'apps/web/deploy.yaml': 'v: 2\n'}, {message: 'web: scale | up', date: '2024-01-03T10:00:00Z', author: 'Carol'});
	shas.both = commitFiles(work, env, {'apps/web/svc.yaml': 's: 1\n', 'apps/api/svc.yaml': 's: 1\n'}, {message: 'both: services', date: '2024-01-04T10:00:00Z'});
	const {git} = recordingGit(env);
	const opened = await openRepo({source: work, cacheDir: path.join(temp.dir, 'cache'), git, cwd: temp.dir, now});
	if (!opened.ok) throw new Error(opened.error.message);
	location = opened.location;
});
afterAll(() => temp.cleanup());

describe('commitsTouching', () => {
	it('lists the commits touching a path, newest first, with author, date and subject', async () => {
		const {git} = recordingGit(env);
		const result = await commitsTouching({location, git, path: 'apps/web'});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.commits.map(c => c.sha)).toEqual([shas.both, shas.web2, shas.web1]);
		expect(result.commits[1]).toEqual({sha: shas.web2, author: 'Carol', email: 'author@example.com', date: '2024-01-03T10:00:00+00:00', subject: 'web: scale | up'});
		expect(result.commits[2]!.date).toBe('2024-01-01T10:00:00+01:00');
	});

	it('accepts ./path/ spellings, a limit, a starting revision, and the whole repository', async () => {
		const {git} = recordingGit(env);
		const limited = await commitsTouching({location, git, path: './apps/web/', limit: 1});
		expect(limited.ok && limited.commits.map(c => c.sha)).toEqual([shas.both]);
		const older = await commitsTouching({location, git, path: 'apps/web', revision: shas.api1});
		expect(older.ok && older.commits.map(c => c.sha)).toEqual([shas.web1]);
		const all = await commitsTouching({location, git});
		expect(all.ok && all.commits).toHaveLength(4);
	});

	it('returns nothing for a path no commit touched, and an error for an unknown revision', async () => {
		const {git} = recordingGit(env);
		expect(await commitsTouching({location, git, path: 'apps/none'})).toEqual({ok: true, commits: []});
		const unknown = await commitsTouching({location, git, path: 'apps/web', revision: 'no-such-branch'});
		expect(unknown.ok).toBe(false);
	});

	it('returns no commits for an empty repository', async () => {
		const empty = path.join(temp.dir, 'empty');
		initRepo(empty, env);
		const {git} = recordingGit(env);
		const opened = await openRepo({source: empty, cacheDir: path.join(temp.dir, 'cache'), git, cwd: temp.dir, now});
		if (!opened.ok) throw new Error(opened.error.message);
		expect(await commitsTouching({location: opened.location, git, path: 'apps'})).toEqual({ok: true, commits: []});
	});
});

describe('countCommitsBetween', () => {
	it('counts the commits on a path between a deployed sha and HEAD', async () => {
		const {git} = recordingGit(env);
		expect(await countCommitsBetween({location, git, from: shas.web1!, to: 'HEAD', path: 'apps/web'})).toEqual({ok: true, count: 2});
		expect(await countCommitsBetween({location, git, from: shas.web1!, to: 'HEAD', path: 'apps/api'})).toEqual({ok: true, count: 2});
		expect(await countCommitsBetween({location, git, from: shas.both!, to: 'HEAD'})).toEqual({ok: true, count: 0});
	});
});

describe('option-like revisions', () => {
	it('are refused before reaching git', async () => {
		const {git, calls} = recordingGit(env);
		expect((await commitsTouching({location, git, revision: '--output=/tmp/x'})).ok).toBe(false);
		expect((await countCommitsBetween({location, git, from: '--all', to: 'HEAD'})).ok).toBe(false);
		expect(calls).toEqual([]);
	});
});
