import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {startGitRemote} from '../../../source/sandbox/demo/git-remote.js';
import {demoGit} from '../../support/demo-helpers.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gitops-tui-demo-remote-'));
const env = {PATH: process.env.PATH, HOME: dir, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null'};

afterAll(() => rmSync(dir, {recursive: true, force: true}));

/** A bare fleet.git with one commit under `remoteDir`, and a clone of `url` in `clone`. */
function seed(remoteDir: string) {
	const bare = path.join(remoteDir, 'fleet.git');
	execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', bare], {env});
	const work = path.join(remoteDir, '..', `${path.basename(remoteDir)}-work`);
	execFileSync('git', ['init', '--quiet', '--initial-branch=main', work], {env});
	execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', 'commit', '--quiet', '--allow-empty', '-m', 'first'], {env, cwd: work});
	execFileSync('git', ['push', '--quiet', bare, 'main'], {env, cwd: work});
}

describe('startGitRemote', () => {
	it('serves through git daemon, refusing connections while down', async () => {
		const remoteDir = path.join(dir, 'daemon');
		const logged: string[] = [];
		const remote = await startGitRemote({dir: remoteDir, env, log: line => logged.push(line)});
		try {
			seed(remoteDir);
			expect(remote.kind).toBe('daemon');
			expect(remote.url).toMatch(/^git:\/\/127\.0\.0\.1:(\d+)\/fleet\.git$/);
			expect(remote.refusal).toBe(`dial tcp 127.0.0.1:${new URL(remote.url).port}: connect: connection refused`);
			expect((await demoGit(dir, ['ls-remote', remote.url])).code).toBe(0);
			await remote.down();
			expect((await demoGit(dir, ['ls-remote', remote.url])).output).toMatch(/connection refused/i);
			await remote.up();
			expect((await demoGit(dir, ['ls-remote', remote.url])).code).toBe(0);
			expect(logged).toEqual([]);
		} finally {
			await remote.close();
		}
	});

	it('falls back to a file:// remote that an outage moves aside when git has no daemon', async () => {
		const remoteDir = path.join(dir, 'file');
		const logged: string[] = [];
		let attempts = 0;
		const remote = await startGitRemote({
			dir: remoteDir,
			env,
			log: line => logged.push(line),
			startDaemon: async () => {
				attempts++;
				throw new Error("git daemon exited on start (port 1): git: 'daemon' is not a git command");
			},
		});
		seed(remoteDir);
		expect(attempts).toBe(2);
		expect(remote.kind).toBe('file');
		expect(remote.url).toBe(`file://${path.join(remoteDir, 'fleet.git')}`);
		expect(logged.join('\n')).toContain("'daemon' is not a git command");
		expect((await demoGit(dir, ['ls-remote', remote.url])).code).toBe(0);
		await remote.down();
		await remote.down();
		expect((await demoGit(dir, ['ls-remote', remote.url])).code).not.toBe(0);
		await remote.up();
		await remote.up();
		expect((await demoGit(dir, ['ls-remote', remote.url])).code).toBe(0);
		await remote.down();
		await remote.close();
		expect((await demoGit(dir, ['ls-remote', remote.url])).code).toBe(0);
	});
});
