import {readFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {loadGitRepo} from '../../source/repo/repo.js';
import type {GitState} from '../../source/repo/repo-state.js';
import {waitFor} from '../support/wait-for.js';
import {closedPort, commitFiles, gitSync, initRepo, makeRepoTempDir, manualScheduler, recordingGit, repoTestEnv} from '../support/repo-helpers.js';

const temp = makeRepoTempDir();
const env = repoTestEnv(temp.dir);
const work = path.join(temp.dir, 'work');
const remote = path.join(temp.dir, 'remote.git');
const now = () => new Date('2024-05-01T10:00:00Z');
let first: string;
let second: string;

beforeAll(() => {
	initRepo(work, env);
	first = commitFiles(work, env, {'apps/web/cm.yaml': 'v: 1\n'}, {message: 'one', date: '2024-01-01T00:00:00Z'});
	second = commitFiles(work, env, {'apps/web/cm.yaml': 'v: 2\n'}, {message: 'two', date: '2024-01-02T00:00:00Z'});
	gitSync(temp.dir, env, ['clone', '--quiet', '--bare', work, remote]);
});
afterAll(() => temp.cleanup());

describe('loadGitRepo', () => {
	it('clones a URL and keeps working from the clone when the remote dies', async () => {
		const {git, verbs} = recordingGit(env);
		const manual = manualScheduler();
		const loaded = await loadGitRepo({source: `file://${remote}`, cacheDir: path.join(temp.dir, 'cache'), cwd: temp.dir, git, now, scheduler: manual.scheduler, fetchTimeoutMs: 5000});
		expect(loaded.ok).toBe(true);
		if (!loaded.ok) return;
		const {repo} = loaded;
		expect(repo.getState()).toMatchObject({head: second, branch: 'main', lastFetch: '2024-05-01T10:00:00.000Z', reachable: true});
		expect(repo.remoteUrls()).toEqual([`file://${remote}`]);

		// Just cloned: the loop waits one interval before its first fetch.
		repo.startFetching();
		expect(manual.pending()).toEqual([{ms: 60_000}]);
		expect(verbs()).not.toContain('fetch');

		// The Git server goes away.
		const port = await closedPort();
		gitSync(repo.location.gitDir, env, ['remote', 'set-url', 'origin', `http://127.0.0.1:${port}/fleet.git`]);
		await repo.refresh();
		const states: GitState[] = [];
		const unsubscribe = repo.subscribe(state => states.push(state));
		manual.runNext();
		await waitFor(() => repo.getState().reachable === false && !repo.getState().fetching, {describe: () => JSON.stringify(repo.getState())});
		unsubscribe();
		expect(repo.getState().lastError?.kind).toBe('unreachable');
		expect(repo.getState().lastFetch).toBe('2024-05-01T10:00:00.000Z');
		expect(states.at(-1)?.reachable).toBe(false);

		// History and trees still come from the clone, with no network.
		const before = verbs().filter(verb => verb === 'fetch').length;
		const history = await repo.commitsTouching('apps/web');
		expect(history.ok && history.commits.map(c => c.sha)).toEqual([second, first]);
		const tree = await repo.treeAt(first);
		expect(tree.ok && readFileSync(path.join(tree.dir, 'apps/web/cm.yaml'), 'utf8')).toBe('v: 1\n');
		expect(await repo.countCommitsBetween(first, 'HEAD', 'apps/web')).toEqual({ok: true, count: 1});
		expect(verbs().filter(verb => verb === 'fetch').length).toBe(before);
		repo.stop();
		expect(manual.pending()).toEqual([]);
	});

	it('opens a local path in place and fetches it on demand', async () => {
		gitSync(work, env, ['remote', 'add', 'origin', remote]);
		const {git, verbs} = recordingGit(env);
		const loaded = await loadGitRepo({source: work, cacheDir: path.join(temp.dir, 'cache'), cwd: temp.dir, git, now, scheduler: manualScheduler().scheduler});
		if (!loaded.ok) throw new Error(loaded.error.message);
		expect(loaded.repo.location.kind).toBe('local');
		expect(loaded.repo.getState()).toMatchObject({head: second, branch: 'main', reachable: undefined, lastFetch: undefined});
		const result = await loaded.repo.fetchNow();
		expect(result).toMatchObject({ok: true, remote: 'origin'});
		expect(verbs()).toContain('fetch');
		expect(loaded.repo.getState().reachable).toBe(true);
	});

	it('fails as a value when the URL cannot be cloned', async () => {
		const port = await closedPort();
		const {git} = recordingGit(env);
		const loaded = await loadGitRepo({
			source: `http://127.0.0.1:${port}/fleet.git`,
			cacheDir: path.join(temp.dir, 'cache'),
			cwd: temp.dir,
			git,
			now,
			scheduler: manualScheduler().scheduler,
			cloneTimeoutMs: 5000,
		});
		expect(loaded.ok).toBe(false);
		if (!loaded.ok) expect(loaded.error.kind).toBe('unreachable');
	});
});
