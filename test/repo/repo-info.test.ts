import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {listRemotes, readRepoInfo} from '../../source/repo/repo-info.js';
import type {RepoLocation} from '../../source/repo/repo-open.js';
import {commitFiles, gitSync, initRepo, makeRepoTempDir, recordingGit, repoTestEnv} from '../support/repo-helpers.js';

const temp = makeRepoTempDir();
const env = repoTestEnv(temp.dir);
const work = path.join(temp.dir, 'work');
const location = (): RepoLocation => ({kind: 'local', source: work, gitDir: work, treesDir: path.join(temp.dir, 'trees')});
let sha: string;

beforeAll(() => {
	initRepo(work, env);
	sha = commitFiles(work, env, {'a.yaml': 'a: 1\n'}, {message: 'a', date: '2024-01-01T00:00:00Z'});
});
afterAll(() => temp.cleanup());

describe('readRepoInfo', () => {
	it('reads HEAD and the branch of a repository without remotes', async () => {
		const {git} = recordingGit(env);
		expect(await readRepoInfo({location: location(), git})).toEqual({state: {head: sha, branch: 'main', remotes: []}, fetchRemote: undefined});
	});

	it("fetches from the branch's upstream remote, else origin, else the first one", async () => {
		const {git} = recordingGit(env);
		gitSync(work, env, ['remote', 'add', 'mirror', 'https://mirror.example/fleet.git']);
		expect((await readRepoInfo({location: location(), git})).fetchRemote).toBe('mirror');
		gitSync(work, env, ['remote', 'add', 'origin', 'git@github.com:org/fleet.git']);
		expect((await readRepoInfo({location: location(), git})).fetchRemote).toBe('origin');
		gitSync(work, env, ['config', 'branch.main.remote', 'mirror']);
		expect((await readRepoInfo({location: location(), git})).fetchRemote).toBe('mirror');
		expect(await listRemotes({location: location(), git})).toEqual([
			{name: 'mirror', url: 'https://mirror.example/fleet.git'},
			{name: 'origin', url: 'git@github.com:org/fleet.git'},
		]);
	});

	it('reports a detached HEAD as no branch', async () => {
		gitSync(work, env, ['checkout', '--quiet', '--detach']);
		const {git} = recordingGit(env);
		const info = await readRepoInfo({location: location(), git});
		expect(info.state).toMatchObject({head: sha, branch: undefined});
	});
});
