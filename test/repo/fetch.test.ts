import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startFetcher} from '../../source/repo/fetch.js';
import {readRepoInfo} from '../../source/repo/repo-info.js';
import {openRepo, type RepoLocation} from '../../source/repo/repo-open.js';
import {createRepoState, type GitState} from '../../source/repo/repo-state.js';
import {closedPort, commitFiles, gitSync, initRepo, makeRepoTempDir, manualScheduler, recordingGit, repoTestEnv, silentServer} from '../support/repo-helpers.js';

const temp = makeRepoTempDir();
const env = repoTestEnv(temp.dir);
const work = path.join(temp.dir, 'work');
const remote = path.join(temp.dir, 'remote.git');
let clock = new Date('2024-05-01T10:00:00Z');
const now = () => clock;
let location: RepoLocation;

beforeAll(async () => {
	initRepo(work, env);
	commitFiles(work, env, {'a.yaml': 'a: 1\n'}, {message: 'first', date: '2024-01-01T00:00:00Z'});
	gitSync(temp.dir, env, ['clone', '--quiet', '--bare', work, remote]);
	gitSync(work, env, ['remote', 'add', 'origin', remote]);
	const {git} = recordingGit(env);
	const opened = await openRepo({source: `file://${remote}`, cacheDir: path.join(temp.dir, 'cache'), git, cwd: temp.dir, now});
	if (!opened.ok) throw new Error(opened.error.message);
	location = opened.location;
});
afterAll(() => temp.cleanup());

async function newState() {
	const {git} = recordingGit(env);
	return createRepoState((await readRepoInfo({location, git})).state);
}

function setOrigin(url: string) {
	gitSync(location.gitDir, env, ['remote', 'set-url', 'origin', url]);
}

describe('startFetcher', () => {
	it('fetches at once, moves HEAD and records the time of success', async () => {
		const state = await newState();
		const before = state.get().head;
		const sha = commitFiles(work, env, {'b.yaml': 'b: 2\n'}, {message: 'second', date: '2024-01-02T00:00:00Z'});
		gitSync(work, env, ['push', '--quiet', 'origin', 'main']);
		const {git, verbs} = recordingGit(env);
		const {scheduler, pending} = manualScheduler();
		clock = new Date('2024-05-01T10:05:00Z');
		const fetcher = startFetcher({location, git, state, now, scheduler});
		const result = await fetcher.fetchNow(); // joins the fetch started on start
		fetcher.stop();
		expect(result).toEqual({ok: true, time: '2024-05-01T10:05:00.000Z', remote: 'origin'});
		expect(verbs().filter(verb => verb === 'fetch')).toHaveLength(1);
		expect(state.get()).toMatchObject({head: sha, branch: 'main', lastFetch: '2024-05-01T10:05:00.000Z', reachable: true, lastError: undefined, fetching: false});
		expect(before).not.toBe(sha);
		expect(pending()).toEqual([]); // stopped: nothing left scheduled
	});

	it('reports a refused connection as unreachable, keeping the last success and the local clone', async () => {
		const state = await newState();
		state.update({lastFetch: '2024-05-01T09:00:00.000Z', reachable: true});
		const head = state.get().head;
		const port = await closedPort();
		setOrigin(`http://127.0.0.1:${port}/x.git`);
		try {
			const {git} = recordingGit(env);
			const started = Date.now();
			const fetcher = startFetcher({location, git, state, now, scheduler: manualScheduler().scheduler, timeoutMs: 5000});
			const result = await fetcher.fetchNow();
			fetcher.stop();
			expect(Date.now() - started).toBeLessThan(5000);
			expect(result.ok).toBe(false);
			if (result.ok) return;
			expect(result.error.kind).toBe('unreachable');
			expect(result.error.message).toContain(`cannot fetch origin (http://127.0.0.1:${port}/x.git)`);
			expect(state.get()).toMatchObject({reachable: false, lastFetch: '2024-05-01T09:00:00.000Z', head, fetching: false});
			expect(state.get().lastError?.kind).toBe('unreachable');
		} finally {
			setOrigin(`file://${remote}`);
		}
	});

	it('gives up on a server that accepts and never answers, within the timeout', async () => {
		const server = await silentServer();
		setOrigin(`http://127.0.0.1:${server.port}/x.git`);
		try {
			const state = await newState();
			const {git} = recordingGit(env);
			const started = Date.now();
			const fetcher = startFetcher({location, git, state, now, scheduler: manualScheduler().scheduler, timeoutMs: 1000});
			const result = await fetcher.fetchNow();
			fetcher.stop();
			const elapsed = Date.now() - started;
			expect(elapsed).toBeGreaterThanOrEqual(900);
			expect(elapsed).toBeLessThan(8000);
			expect(server.connections()).toBeGreaterThan(0);
			expect(result).toMatchObject({ok: false, error: {kind: 'timeout'}});
			expect(state.get().lastError?.message).toContain('git fetch timed out after 1s');
			expect(state.get().reachable).toBe(false);
		} finally {
			setOrigin(`file://${remote}`);
			await server.close();
		}
	});

	it('fetches again every interval, and a success clears the outage', async () => {
		const state = await newState();
		state.update({reachable: false, lastError: {kind: 'unreachable', message: 'down', time: '2024-05-01T09:00:00.000Z'}});
		const {git, verbs} = recordingGit(env);
		const manual = manualScheduler();
		const fetcher = startFetcher({location, git, state, now, scheduler: manual.scheduler, intervalMs: 60_000});
		await fetcher.fetchNow();
		expect(state.get()).toMatchObject({reachable: true, lastError: undefined});
		expect(manual.pending()).toEqual([{ms: 60_000}]);
		clock = new Date('2024-05-01T10:10:00Z');
		expect(manual.runNext()).toBe(true);
		await fetcher.fetchNow();
		expect(verbs().filter(verb => verb === 'fetch')).toHaveLength(2);
		expect(state.get().lastFetch).toBe('2024-05-01T10:10:00.000Z');
		fetcher.stop();
		expect(manual.pending()).toEqual([]);
	});

	it('tells subscribers about the fetch, and no more after they unsubscribe', async () => {
		const state = await newState();
		const seen: GitState[] = [];
		const unsubscribe = state.subscribe(next => seen.push(next));
		const {git} = recordingGit(env);
		const fetcher = startFetcher({location, git, state, now, scheduler: manualScheduler().scheduler});
		await fetcher.fetchNow();
		fetcher.stop();
		expect(seen.map(s => s.fetching)).toEqual([true, false]);
		unsubscribe();
		state.update({fetching: true});
		expect(seen).toHaveLength(2);
	});

	it('waits one interval before the first fetch when asked (right after a clone)', async () => {
		const state = await newState();
		const {git, verbs} = recordingGit(env);
		const manual = manualScheduler();
		const fetcher = startFetcher({location, git, state, now, scheduler: manual.scheduler, fetchOnStart: false});
		expect(verbs()).toEqual([]);
		expect(manual.pending()).toEqual([{ms: 60_000}]);
		fetcher.stop();
	});

	it('has nothing to fetch in a repository without remotes', async () => {
		const lonely = path.join(temp.dir, 'lonely');
		initRepo(lonely, env);
		commitFiles(lonely, env, {'x.yaml': 'x: 1\n'}, {message: 'x', date: '2024-01-01T00:00:00Z'});
		const {git, verbs} = recordingGit(env);
		const opened = await openRepo({source: lonely, cacheDir: path.join(temp.dir, 'cache'), git, cwd: temp.dir, now});
		if (!opened.ok) throw new Error(opened.error.message);
		const state = createRepoState();
		const fetcher = startFetcher({location: opened.location, git, state, now, scheduler: manualScheduler().scheduler});
		const result = await fetcher.fetchNow();
		fetcher.stop();
		expect(result).toMatchObject({ok: true, remote: undefined});
		expect(verbs()).not.toContain('fetch');
		expect(state.get()).toMatchObject({reachable: undefined, branch: 'main', remotes: []});
	});
});
