/**
 * `gitops-tui sandbox` and `demo`: start, print where they listen and the kubeconfig, serve kubectl,
 * and stop cleanly when told to (the signal wait is injected).
 */
import {execFile} from 'node:child_process';
import {existsSync, writeFileSync} from 'node:fs';
import {mkdtemp, rm} from 'node:fs/promises';
import {connect} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {PassThrough} from 'node:stream';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {CommandIo} from '../../source/commands/command.js';
import {createSandboxCommand, type SandboxRunner} from '../../source/commands/sandbox.js';
import {startSandbox} from '../../source/sandbox/index.js';
import {commitFiles, initRepo, repoTestEnv} from '../support/repo-helpers.js';
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

	it('with --gitops also runs the simulated Flux controllers: a Kustomization applied with kubectl deploys its path', async () => {
		const work = path.join(dir, 'config');
		const env = repoTestEnv(dir);
		initRepo(work, env);
		commitFiles(work, env, {'apps/web/settings.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  colour: blue\n'}, {message: 'web', date: '2026-01-01T00:00:00Z'});
		const manifests = path.join(dir, 'flux.yaml');
		writeFileSync(
			manifests,
			[
				'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: flux-system\n',
				'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: web\n',
				`apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: fleet\n  namespace: flux-system\nspec:\n  interval: 1m\n  url: file://${work}\n  ref:\n    branch: main\n`,
				'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: web\n  namespace: flux-system\nspec:\n  interval: 5m\n  path: ./apps/web\n  prune: true\n  targetNamespace: web\n  sourceRef:\n    kind: GitRepository\n    name: fleet\n',
			].join('---\n'),
		);
		const {runner, stop} = stoppableRunner();
		const terminal = io();
		const kubeconfig = path.join(dir, 'gitops.kubeconfig');
		const exit = createSandboxCommand(runner).run({args: [], flags: {kubeconfigOut: 'gitops.kubeconfig', gitops: true}, io: terminal.io});
		await waitFor(() => terminal.output().includes('Press Ctrl-C'), {describe: terminal.output});
		expect(terminal.output()).toContain('GitOps controllers running: Flux source-controller and kustomize-controller, Argo CD application controller.');
		const applied = await kubectl(kubeconfig, ['apply', '-f', manifests]);
		expect(applied.code, applied.stdout).toBe(0);
		let colour = '';
		await waitFor(
			async () => {
				colour = (await kubectl(kubeconfig, ['get', 'configmap', 'settings', '-n', 'web', '-o', 'jsonpath={.data.colour}'])).stdout;
				return colour === 'blue';
			},
			{timeoutMs: 30_000, intervalMs: 250, describe: () => `the ConfigMap deployed by kustomize-controller (colour ${colour || 'none'}); ${terminal.output()}`},
		);
		const labels = await kubectl(kubeconfig, ['get', 'configmap', 'settings', '-n', 'web', '-o', 'jsonpath={.metadata.labels}']);
		expect(labels.stdout).toContain('"kustomize.toolkit.fluxcd.io/name":"web"');
		stop('SIGINT');
		expect(await exit).toBe(0);
	}, 60_000);

	it('prints its help, fault endpoint included', async () => {
		const terminal = io();
		expect(await createSandboxCommand().run({args: ['help'], flags: {}, io: terminal.io})).toBe(0);
		expect(terminal.output()).toContain('Usage: gitops-tui sandbox [--port N] [--kubeconfig-out FILE] [--gitops]');
		expect(terminal.output()).toContain('POST /sandbox/v1/faults/close-watches');
	});
});
