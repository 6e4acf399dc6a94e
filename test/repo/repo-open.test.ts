import {existsSync, mkdirSync, readdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {defaultCacheDir, isRepoUrl, openRepo, repoSlug} from '../../source/repo/repo-open.js';
import {closedPort, commitFiles, gitSync, initRepo, makeRepoTempDir, recordingGit, repoTestEnv} from '../support/repo-helpers.js';

const temp = makeRepoTempDir();
const env = repoTestEnv(temp.dir);
const work = path.join(temp.dir, 'work');
const remote = path.join(temp.dir, 'remote.git');
const now = () => new Date('2024-05-01T10:00:00Z');

beforeAll(() => {
	initRepo(work, env);
	commitFiles(work, env, {'apps/web/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\n'}, {message: 'add web', date: '2024-01-01T00:00:00Z'});
	gitSync(temp.dir, env, ['clone', '--quiet', '--bare', work, remote]);
});
afterAll(() => temp.cleanup());

describe('isRepoUrl', () => {
	it.each(['https://github.com/o/r', 'file:///srv/r.git', 'ssh://git@h/o/r', 'git@github.com:o/r.git', 'host.example:o/r'])('%s is a URL', source => {
		expect(isRepoUrl(source)).toBe(true);
	});
	it.each(['/srv/repo', './repo', '../repo', 'repo', 'C:\\repo', './a:b'])('%s is a path', source => {
		expect(isRepoUrl(source)).toBe(false);
	});
});

describe('defaultCacheDir', () => {
	it('follows XDG_CACHE_HOME when it is absolute, else ~/.cache', () => {
		expect(defaultCacheDir({XDG_CACHE_HOME: '/var/cache/me'}, '/home/me')).toBe('/var/cache/me/gitops-tui');
		expect(defaultCacheDir({XDG_CACHE_HOME: 'relative'}, '/home/me')).toBe('/home/me/.cache/gitops-tui');
		expect(defaultCacheDir({}, '/home/me')).toBe('/home/me/.cache/gitops-tui');
	});
});

describe('repoSlug', () => {
	it('is readable and distinguishes URLs that normalise alike', () => {
		const a = repoSlug('https://github.com/org/repo.git');
		const b = repoSlug('git@github.com:org/repo');
		expect(a).toMatch(/^github\.com-org-repo-[0-9a-f]{10}$/);
		expect(b).not.toBe(a);
	});
});

describe('openRepo with a local path', () => {
	it('reads the repository in place, from its top level even when given a subdirectory', async () => {
		const {git} = recordingGit(env);
		const result = await openRepo({source: path.join('work', 'apps'), cacheDir: path.join(temp.dir, 'cache'), git, cwd: temp.dir, now});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.location).toMatchObject({kind: 'local', gitDir: work});
		expect(result.location.treesDir.startsWith(path.join(temp.dir, 'cache', 'trees', 'local-work-'))).toBe(true);
		expect(result.location.clonedAt).toBeUndefined();
	});

	it('opens a bare repository', async () => {
		const {git} = recordingGit(env);
		const result = await openRepo({source: remote, cacheDir: path.join(temp.dir, 'cache'), git, cwd: temp.dir, now});
		expect(result.ok && result.location.gitDir).toBe(remote);
	});

	it('refuses a missing directory and a directory that is not a repository', async () => {
		const {git} = recordingGit(env);
		const missing = await openRepo({source: 'nope', cacheDir: temp.dir, git, cwd: temp.dir, now});
		expect(missing).toEqual({ok: false, error: {kind: 'not-a-repo', message: 'nope: no such directory'}});
		const plain = path.join(temp.dir, 'plain-dir');
		mkdirSync(plain);
		const notRepo = await openRepo({source: plain, cacheDir: temp.dir, git, cwd: temp.dir, now});
		expect(notRepo.ok === false && notRepo.error.kind).toBe('not-a-repo');
	});
});

describe('openRepo with a URL', () => {
	const cacheDir = path.join(temp.dir, 'url-cache');
	const url = `file://${remote}`;

	it('clones into the cache directory once, then reuses the clone without the network', async () => {
		const first = recordingGit(env);
		const opened = await openRepo({source: url, cacheDir, git: first.git, cwd: temp.dir, now});
		expect(opened.ok).toBe(true);
		if (!opened.ok) return;
		expect(opened.location).toMatchObject({kind: 'clone', url, clonedAt: '2024-05-01T10:00:00.000Z'});
		expect(opened.location.gitDir).toBe(path.join(cacheDir, 'repos', repoSlug(url)));
		expect(first.verbs()).toContain('clone');
		expect(gitSync(opened.location.gitDir, env, ['config', 'remote.origin.fetch'])).toBe('+refs/heads/*:refs/heads/*');
		expect(readdirSync(path.join(cacheDir, 'repos'))).toEqual([repoSlug(url)]);

		const second = recordingGit(env);
		const reopened = await openRepo({source: url, cacheDir, git: second.git, cwd: temp.dir, now});
		expect(reopened.ok && reopened.location.clonedAt).toBeUndefined();
		expect(second.verbs()).not.toContain('clone');
		expect(second.verbs()).not.toContain('fetch');
	});

	it('replaces a broken cache folder with a fresh clone', async () => {
		const broken = path.join(cacheDir, 'repos', repoSlug(`${url}/`));
		mkdirSync(broken, {recursive: true});
		writeFileSync(path.join(broken, 'junk'), 'x');
		const {git} = recordingGit(env);
		const opened = await openRepo({source: `${url}/`, cacheDir, git, cwd: temp.dir, now});
		expect(opened.ok).toBe(true);
		expect(existsSync(path.join(broken, 'junk'))).toBe(false);
	});

	it('never repeats a credential from the URL in a failure', async () => {
		const canary = 'CANARY-token-7f3a';
		const port = await closedPort();
		const {git} = recordingGit(env);
		const opened = await openRepo({source: `http://deploy:${canary}@127.0.0.1:${port}/fleet.git`, cacheDir, git, cwd: temp.dir, now});
		expect(opened.ok).toBe(false);
		expect(JSON.stringify(opened)).not.toContain(canary);
		expect(opened.ok === false && opened.error.message).toContain(`http://***@127.0.0.1:${port}/fleet.git`);
	});

	it('reports a clone that fails, leaving no folder behind', async () => {
		const {git} = recordingGit(env);
		const missingUrl = `file://${path.join(temp.dir, 'missing.git')}`;
		const opened = await openRepo({source: missingUrl, cacheDir, git, cwd: temp.dir, now});
		expect(opened.ok).toBe(false);
		if (opened.ok) return;
		expect(opened.error.message).toContain(`cannot clone ${missingUrl}`);
		expect(readdirSync(path.join(cacheDir, 'repos')).some(name => name.startsWith(repoSlug(missingUrl)))).toBe(false);
	});
});
