import {execFile} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {accepts, freePort, startGitDaemon, type GitDaemon} from '../../../source/sandbox/demo/git-daemon.js';

const run = promisify(execFile);
const dir = mkdtempSync(path.join(os.tmpdir(), 'gitops-tui-demo-daemon-'));
const env = {PATH: process.env.PATH, HOME: dir, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C'};
let daemon: GitDaemon;
const logged: string[] = [];

async function lsRemote(url: string): Promise<{ok: boolean; output: string}> {
	try {
		const {stdout} = await run('git', ['ls-remote', url], {env, cwd: dir, timeout: 10_000});
		return {ok: true, output: stdout};
	} catch (error) {
		return {ok: false, output: String((error as {stderr?: string}).stderr ?? error)};
	}
}

beforeAll(async () => {
	const served = path.join(dir, 'served');
	await run('git', ['init', '--quiet', '--bare', '--initial-branch=main', path.join(served, 'one.git')], {env});
	const work = path.join(dir, 'work');
	await run('git', ['init', '--quiet', '--initial-branch=main', work], {env});
	await run('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', 'commit', '--quiet', '--allow-empty', '-m', 'first'], {env, cwd: work});
	await run('git', ['push', '--quiet', path.join(served, 'one.git'), 'main'], {env, cwd: work});
	daemon = await startGitDaemon({baseDir: served, env, log: line => logged.push(line)});
});

afterAll(async () => {
	await daemon?.close();
	rmSync(dir, {recursive: true, force: true});
});

describe('startGitDaemon', () => {
	it('serves the folder over git:// on loopback', async () => {
		expect(daemon.baseUrl).toBe(`git://127.0.0.1:${daemon.port}/`);
		expect(daemon.running()).toBe(true);
		const listed = await lsRemote(`${daemon.baseUrl}one.git`);
		expect(listed.ok).toBe(true);
		expect(listed.output).toMatch(/^[0-9a-f]{40}\tHEAD$/m);
		// The readiness probe's hang-up is not logged.
		expect(logged.filter(line => line.includes('hung up'))).toEqual([]);
	});

	it('refuses connections once stopped, and serves on the same port when started again', async () => {
		await daemon.stop();
		await daemon.stop();
		expect(daemon.running()).toBe(false);
		expect(await accepts(daemon.port)).toBe(false);
		const refused = await lsRemote(`${daemon.baseUrl}one.git`);
		expect(refused.ok).toBe(false);
		expect(refused.output).toMatch(/Connection refused/i);

		await daemon.start();
		await daemon.start();
		expect(await accepts(daemon.port)).toBe(true);
		expect((await lsRemote(`${daemon.baseUrl}one.git`)).ok).toBe(true);
	});

	it('fails to start with the reason when the port is taken', async () => {
		await expect(startGitDaemon({baseDir: dir, env, port: daemon.port, readyTimeoutMs: 2000})).rejects.toThrow(/git daemon exited on start/);
	});

	it('frees its port on close', async () => {
		const other = await startGitDaemon({baseDir: dir, env});
		expect(await accepts(other.port)).toBe(true);
		await other.close();
		expect(await accepts(other.port)).toBe(false);
	});
});

describe('freePort', () => {
	it('gives a port nothing listens on', async () => {
		const port = await freePort();
		expect(port).toBeGreaterThan(0);
		expect(await accepts(port)).toBe(false);
	});
});
