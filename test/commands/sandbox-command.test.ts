/**
 * `gitops-tui sandbox` and `demo`: start, print where they listen and the kubeconfig, serve kubectl,
 * and stop cleanly when told to (the signal wait is injected).
 */
import {execFile} from 'node:child_process';
import {existsSync} from 'node:fs';
import {mkdtemp, rm} from 'node:fs/promises';
import {connect} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {PassThrough} from 'node:stream';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {CommandIo} from '../../source/commands/command.js';
import {createSandboxCommand, type SandboxRunner} from '../../source/commands/sandbox.js';
import {startSandbox} from '../../source/sandbox/index.js';
import {kubectlBinary, waitFor} from '../support/sandbox-harness.js';

let dir: string;
beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'gitops-tui-sandbox-command-'));
});
afterAll(() => rm(dir, {recursive: true, force: true}));

function io() {
	const stdout = new PassThrough();
	const stderr = new PassThrough();
	let out = '';
	stdout.on('data', chunk => (out += String(chunk)));
	stderr.on('data', chunk => (out += String(chunk)));
	const value: CommandIo = {stdout, stderr, env: {}, cwd: dir};
	return {io: value, output: () => out};
}

function stoppableRunner() {
	let stop: (reason: string) => void = () => undefined;
	const runner: SandboxRunner = {start: startSandbox, untilStopped: () => new Promise(resolve => (stop = resolve))};
	return {runner, stop: (reason: string) => stop(reason)};
}

const kubectl = (kubeconfig: string, args: string[]) =>
	new Promise<{code: number; stdout: string}>(resolve => {
		execFile(kubectlBinary, ['--kubeconfig', kubeconfig, '--cache-dir', path.join(dir, 'cache'), ...args], {env: {...process.env, HOME: dir}, timeout: 30_000}, (error, stdout) =>
			resolve({code: error ? Number(error.code ?? 1) : 0, stdout}),
		);
	});

const portOpen = (port: number) =>
	new Promise<boolean>(resolve => {
		const socket = connect(port, '127.0.0.1');
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});

describe('gitops-tui sandbox', () => {
	it('runs until stopped, printing the URL, the kubeconfig and the fault endpoint; kubectl works against it', async () => {
		const {runner, stop} = stoppableRunner();
		const terminal = io();
		const kubeconfig = path.join(dir, 'sandbox.kubeconfig');
		const exit = createSandboxCommand(runner).run({args: [], flags: {kubeconfigOut: 'sandbox.kubeconfig'}, io: terminal.io});
		await waitFor(() => terminal.output().includes('Press Ctrl-C'), {describe: terminal.output});
		const url = /listening on (https:\/\/127\.0\.0\.1:(\d+))/.exec(terminal.output());
		expect(url).not.toBeNull();
		expect(terminal.output()).toContain(`Kubeconfig: ${kubeconfig}`);
		expect(terminal.output()).toContain('/sandbox/v1/faults/fail-next?count=N&code=500|429&retryAfter=S');
		const namespaces = await kubectl(kubeconfig, ['get', 'namespaces', '-o', 'name']);
		expect(namespaces.code).toBe(0);
		stop('SIGTERM');
		expect(await exit).toBe(0);
		expect(terminal.output()).toContain('Stopping the sandbox (SIGTERM)');
		expect(await portOpen(Number(url![2]))).toBe(false);
		expect(existsSync(kubeconfig)).toBe(true);
	});

	it('prints its help, fault endpoint included', async () => {
		const terminal = io();
		expect(await createSandboxCommand().run({args: ['help'], flags: {}, io: terminal.io})).toBe(0);
		expect(terminal.output()).toContain('Usage: gitops-tui sandbox [--port N] [--kubeconfig-out FILE]');
		expect(terminal.output()).toContain('POST /sandbox/v1/faults/close-watches');
	});
});
