import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {createExecCredentialSource, parseExecCredential} from '../../source/cluster/exec-credentials.js';
import type {ExecConfig, KubeconfigCluster} from '../../source/cluster/kubeconfig-types.js';
import {clusterTempDir} from '../support/cluster-kubeconfig.js';
import {writeExecPlugin, type ExecPlugin} from '../support/cluster-plugins.js';
import {manualClockRuntime, testRuntime} from '../support/cluster-runtime.js';
import {waitFor} from '../support/wait-for.js';

const cluster: KubeconfigCluster = {name: 'c', server: 'https://c.example:6443', insecureSkipTlsVerify: false, certificateAuthorityData: 'Q0E=', file: '/k'};
let temp: Awaited<ReturnType<typeof clusterTempDir>>;
let plugin: ExecPlugin;

function execConfig(overrides: Partial<ExecConfig> = {}): ExecConfig {
	return {
		command: plugin.command,
		args: plugin.args,
		env: [{name: 'PLUGIN_EXTRA', value: 'from-kubeconfig'}],
		apiVersion: 'client.authentication.k8s.io/v1',
		provideClusterInfo: false,
		interactiveMode: 'Never',
		...overrides,
	};
}

beforeEach(async () => {
	temp = await clusterTempDir();
	plugin = await writeExecPlugin(temp.dir);
});
afterEach(async () => temp.remove());

describe('exec credential plugins', () => {
	it('run asynchronously: a 2-second plugin leaves the event loop free', async () => {
		await plugin.set('delay-ms', '2000');
		const source = createExecCredentialSource({exec: execConfig(), cluster, runtime: testRuntime()});
		const ticks: number[] = [];
		const timer = setInterval(() => ticks.push(performance.now()), 20);
		const started = performance.now();
		const result = await source.get();
		clearInterval(timer);
		expect(result.ok && result.value.token).toBe('plugin-token-1');
		expect(performance.now() - started).toBeGreaterThanOrEqual(1900);
		// A blocked loop (execSync) would show one gap as long as the plugin (≥ 1.9 s) and almost no ticks; the
		// bounds leave room for a loaded machine's scheduling without letting that through.
		expect(ticks.length).toBeGreaterThan(20);
		const gaps = ticks.slice(1).map((tick, index) => tick - ticks[index]!);
		expect(Math.max(...gaps)).toBeLessThan(1500);
	});

	it('passes args, env and KUBERNETES_EXEC_INFO (never interactive; cluster info only when asked), with no terminal', async () => {
		await createExecCredentialSource({exec: execConfig(), cluster, runtime: testRuntime()}).get();
		await createExecCredentialSource({exec: execConfig({provideClusterInfo: true}), cluster, runtime: testRuntime()}).get();
		const [plain, withCluster] = await plugin.calls();
		expect(plain!.args).toEqual(['get-token']);
		expect(plain!.extra).toBe('from-kubeconfig');
		expect(plain!.stdinIsTTY).toBe(false);
		expect(JSON.parse(plain!.info!)).toEqual({apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', spec: {interactive: false}});
		expect(JSON.parse(withCluster!.info!).spec).toEqual({
			interactive: false,
			cluster: {server: 'https://c.example:6443', 'certificate-authority-data': 'Q0E='},
		});
	});

	it('caches the credential until its expiry minus the margin, refreshing ahead of it in the background', async () => {
		const runtime = manualClockRuntime();
		const start = runtime.now();
		await plugin.set('expiry', new Date(start + 5 * 60_000).toISOString());
		const source = createExecCredentialSource({exec: execConfig(), cluster, runtime, marginMs: 30_000, refreshAheadMs: 60_000});
		const first = await source.get();
		expect(first.ok && first.value.token).toBe('plugin-token-1');

		runtime.advance(60_000);
		const cached = await source.get();
		expect(cached.ok && cached.value.token).toBe('plugin-token-1');
		expect(await plugin.calls()).toHaveLength(1);

		// 80 s before expiry: inside margin + refresh-ahead. The cached token is still served, a refresh starts.
		await plugin.set('expiry', new Date(start + 10 * 60_000).toISOString());
		runtime.set(start + 5 * 60_000 - 80_000);
		const early = await source.get();
		expect(early.ok && early.value.token).toBe('plugin-token-1');
		await waitFor(async () => (await plugin.calls()).length === 2, {describe: () => 'the background refresh'});
		await waitFor(async () => {
			const next = await source.get();
			return next.ok && next.value.token === 'plugin-token-2';
		});

		// Past the new expiry minus the margin: the next request waits for a fresh credential.
		runtime.set(start + 10 * 60_000 - 10_000);
		const renewed = await source.get();
		expect(renewed.ok && renewed.value.token).toBe('plugin-token-3');
	});

	it('concurrent callers share one plugin run', async () => {
		await plugin.set('delay-ms', '200');
		const source = createExecCredentialSource({exec: execConfig(), cluster, runtime: testRuntime()});
		const results = await Promise.all([source.get(), source.get(), source.get()]);
		expect(results.map(result => result.ok && result.value.token)).toEqual(['plugin-token-1', 'plugin-token-1', 'plugin-token-1']);
		expect(await plugin.calls()).toHaveLength(1);
	});

	it('a credential without expiry is kept until invalidated (after a 401)', async () => {
		const source = createExecCredentialSource({exec: execConfig(), cluster, runtime: testRuntime()});
		await source.get();
		await source.get();
		expect(await plugin.calls()).toHaveLength(1);
		source.invalidate();
		const again = await source.get();
		expect(again.ok && again.value.token).toBe('plugin-token-2');
	});

	it('reports a failing plugin with the end of its stderr', async () => {
		await plugin.set('exit-code', '3');
		const result = await createExecCredentialSource({exec: execConfig(), cluster, runtime: testRuntime()}).get();
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.error).toEqual({kind: 'credentials', message: `exec plugin ${plugin.command} exited with code 3: login expired run "sso login" first`});
	});

	it('reports a missing plugin with its install hint', async () => {
		const exec = execConfig({command: '/nonexistent/aws-iam-authenticator', installHint: 'Install it from https://example.invalid'});
		const result = await createExecCredentialSource({exec, cluster, runtime: testRuntime()}).get();
		expect(!result.ok && result.error.message).toBe('exec plugin /nonexistent/aws-iam-authenticator not found: Install it from https://example.invalid');
	});

	it('kills a plugin that hangs', async () => {
		await plugin.set('delay-ms', '60000');
		const source = createExecCredentialSource({exec: execConfig(), cluster, runtime: testRuntime(), timeoutMs: 300});
		const result = await source.get();
		expect(!result.ok && result.error.message).toBe(`exec plugin ${plugin.command} did not finish within 0.3 s`);
	});

	it('kills a hanging plugin together with its children, even one holding its output open', async () => {
		await plugin.set('delay-ms', '60000');
		await plugin.set('spawn-child', 'yes');
		const source = createExecCredentialSource({exec: execConfig(), cluster, runtime: testRuntime(), timeoutMs: 500});
		const started = performance.now();
		const result = await source.get();
		expect(!result.ok && result.error.message).toBe(`exec plugin ${plugin.command} did not finish within 0.5 s`);
		expect(performance.now() - started).toBeLessThan(5000);
		const childPid = Number(await readFile(path.join(temp.dir, 'child-pid'), 'utf8'));
		const alive = () => {
			try {
				process.kill(childPid, 0);
				return true;
			} catch {
				return false;
			}
		};
		await waitFor(() => !alive(), {timeoutMs: 5000, describe: () => `the plugin's child ${childPid} to be gone`});
	});

	it('close() stops a plugin still running, so a finished command can exit', async () => {
		await plugin.set('delay-ms', '60000');
		const source = createExecCredentialSource({exec: execConfig(), cluster, runtime: testRuntime()});
		const pending = source.get();
		await waitFor(async () => (await plugin.calls()).length === 1);
		const started = performance.now();
		source.close();
		const result = await pending;
		expect(performance.now() - started).toBeLessThan(1000);
		expect(!result.ok && result.error.message).toBe(`exec plugin ${plugin.command} was stopped`);
	});

	it('refuses interactiveMode Always without running anything', async () => {
		const result = await createExecCredentialSource({exec: execConfig({interactiveMode: 'Always'}), cluster, runtime: testRuntime()}).get();
		expect(!result.ok && result.error.kind).toBe('credentials');
		expect(await plugin.calls()).toHaveLength(0);
	});

	it('checks the answer it gets back', async () => {
		await plugin.set('api-version', 'client.authentication.k8s.io/v1beta1');
		const result = await createExecCredentialSource({exec: execConfig(), cluster, runtime: testRuntime()}).get();
		expect(!result.ok && result.error.message).toContain('printed apiVersion "client.authentication.k8s.io/v1beta1", but the kubeconfig asks for client.authentication.k8s.io/v1');
	});
});

describe('parseExecCredential', () => {
	const v1 = 'client.authentication.k8s.io/v1';
	it('accepts a token, or a client certificate and key, with an expiry', () => {
		const token = parseExecCredential(JSON.stringify({apiVersion: v1, kind: 'ExecCredential', status: {token: 't', expirationTimestamp: '2030-01-01T00:00:00Z'}}), v1, 'p');
		expect(token).toEqual({ok: true, value: {token: 't', expiresAt: Date.parse('2030-01-01T00:00:00Z')}});
		const cert = parseExecCredential(JSON.stringify({apiVersion: v1, kind: 'ExecCredential', status: {clientCertificateData: 'C', clientKeyData: 'K'}}), v1, 'p');
		expect(cert).toEqual({ok: true, value: {clientCertificateData: 'C', clientKeyData: 'K'}});
	});

	it.each([
		['not json', 'is not an ExecCredential JSON object'],
		[JSON.stringify({apiVersion: v1, kind: 'Other'}), 'printed kind "Other"'],
		[JSON.stringify({apiVersion: v1, kind: 'ExecCredential', status: {}}), 'neither a token nor a client certificate and key'],
		[JSON.stringify({apiVersion: v1, kind: 'ExecCredential', status: {token: 't', expirationTimestamp: 'soon'}}), 'unreadable expirationTimestamp'],
	])('rejects %s', (stdout, message) => {
		const result = parseExecCredential(stdout, v1, 'p');
		expect(!result.ok && result.error.message).toContain(message);
	});
});
