import {PassThrough} from 'node:stream';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {contextsCommand, type ContextReport} from '../../source/commands/contexts.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {deadPort, startScriptedServer, type ScriptedServer} from '../support/cluster-http-server.js';
import {clusterTempDir} from '../support/cluster-kubeconfig.js';
import {writeExecPlugin} from '../support/cluster-plugins.js';
import {extraContext, joinKubeconfigs, prefixKubeconfig} from '../support/cluster-sandbox.js';

let sandbox: Sandbox;
let hanging: ScriptedServer;
let temp: Awaited<ReturnType<typeof clusterTempDir>>;
let kubeconfig: string;

beforeAll(async () => {
	sandbox = await startSandbox({simulate: false});
	hanging = await startScriptedServer(() => {
		// Accepts and never answers: a cluster behind a black-holing load balancer.
	});
	temp = await clusterTempDir();
	const plugin = await writeExecPlugin(temp.dir);
	await plugin.set('token', sandbox.users.find(user => user.name === 'admin')!.token);
	await plugin.set('numbered', 'no');
	await plugin.set('delay-ms', '300');
	const base = prefixKubeconfig(sandbox.kubeconfig(), '');
	const viaPlugin = {
		clusters: [],
		users: [{name: 'exec-user', user: {exec: {command: plugin.command, args: plugin.args, apiVersion: 'client.authentication.k8s.io/v1', interactiveMode: 'Never'}}}],
		contexts: [{name: 'sandbox-exec', context: {cluster: base.clusters[0]!.name, user: 'exec-user', namespace: 'shop'}}],
	};
	kubeconfig = await temp.write(
		'kubeconfig',
		joinKubeconfigs([
			base,
			viaPlugin,
			extraContext('dead', `https://127.0.0.1:${await deadPort()}`),
			extraContext('hanging', hanging.url),
			extraContext('revoked', sandbox.url, 'revoked-token'),
		]),
	);
});

afterAll(async () => {
	await hanging?.close();
	await sandbox?.stop();
	await temp?.remove();
});

async function run(flags: Record<string, unknown>, env: Record<string, string> = {}): Promise<{code: number; stdout: string; stderr: string; ms: number}> {
	const stdout = new PassThrough();
	const stderr = new PassThrough();
	let out = '';
	let err = '';
	stdout.on('data', chunk => (out += chunk));
	stderr.on('data', chunk => (err += chunk));
	const started = performance.now();
	const code = await contextsCommand.run({args: [], flags, io: {stdout, stderr, env: {PATH: process.env['PATH'], HOME: temp.dir, ...env}, cwd: temp.dir}});
	return {code, stdout: out, stderr: err, ms: performance.now() - started};
}

describe('gitops-tui contexts', () => {
	it('reports live and dead contexts together, within one request timeout, and exits 1', async () => {
		const result = await run({kubeconfig, allContexts: true, requestTimeout: '1s', output: 'json'});
		expect(result.code).toBe(1);
		expect(result.ms).toBeLessThan(2500);
		const list = JSON.parse(result.stdout) as {apiVersion: string; kind: string; contexts: ContextReport[]};
		expect(list.apiVersion).toBe('gitops-tui/v1');
		expect(list.kind).toBe('ContextList');
		const byName = Object.fromEntries(list.contexts.map(report => [report.name, report]));
		expect(Object.keys(byName)).toEqual(['sandbox', 'sandbox-viewer', 'sandbox-exec', 'dead', 'hanging', 'revoked']);
		expect(byName['sandbox']).toMatchObject({current: true, server: sandbox.url, user: 'sandbox-admin', namespace: 'default', reachable: true, state: 'ready', whoami: {username: 'admin', source: 'server'}});
		expect(byName['sandbox']!.version).toMatch(/^v1\.\d+\.\d+/);
		expect(byName['sandbox-viewer']).toMatchObject({current: false, reachable: true, whoami: {username: 'viewer'}});
		expect(byName['sandbox-exec']).toMatchObject({reachable: true, namespace: 'shop', whoami: {username: 'admin'}});
		expect(byName['dead']).toMatchObject({reachable: false, state: 'unreachable', error: {kind: 'unreachable'}});
		expect(byName['dead']!.error!.message).toContain('ECONNREFUSED');
		expect(byName['revoked']).toMatchObject({reachable: false, state: 'unauthorized', error: {kind: 'unauthorized'}});
		expect(byName['hanging']).toMatchObject({reachable: false, state: 'timed-out', error: {kind: 'timeout', message: `${hanging.url}: no answer within 1 s`}});
	});

	it('prints a table', async () => {
		const result = await run({kubeconfig, context: ['sandbox', 'dead'], requestTimeout: '1s'});
		expect(result.code).toBe(1);
		const lines = result.stdout.trimEnd().split('\n');
		expect(lines[0]).toMatch(/^CONTEXT\s+CURRENT\s+SERVER\s+USER\s+NAMESPACE\s+REACHABLE\s+VERSION\s+WHOAMI$/);
		expect(lines[1]).toMatch(new RegExp(`^sandbox\\s+\\*\\s+${sandbox.url.replaceAll('.', '\\.')}\\s+sandbox-admin\\s+default\\s+yes\\s+v1\\.\\d+\\.\\d+\\S*\\s+admin$`));
		expect(lines[2]).toMatch(/^dead\s+https:\/\/127\.0\.0\.1:\d+\s+dead\s+default\s+no \(unreachable: .*ECONNREFUSED/);
	});

	it('exits 0 when every selected context is reachable; the default is the current context', async () => {
		const result = await run({}, {KUBECONFIG: kubeconfig});
		expect(result.code).toBe(0);
		expect(result.stdout.trimEnd().split('\n')).toHaveLength(2);
	});

	it('exits 2 naming the file when the kubeconfig is bad', async () => {
		const broken = await temp.write('broken.yaml', 'clusters: [');
		const result = await run({kubeconfig: broken});
		expect(result.code).toBe(2);
		expect(result.stderr).toContain(broken);
		expect(result.stdout).toBe('');
		const missing = await run({kubeconfig: `${temp.dir}/missing.yaml`});
		expect(missing.code).toBe(2);
		expect(missing.stderr).toContain(`${temp.dir}/missing.yaml does not exist`);
	});

	it('exits 2 for an unknown context or output format', async () => {
		expect((await run({kubeconfig, context: ['nope']})).code).toBe(2);
		expect((await run({kubeconfig, output: 'yaml'})).stderr).toContain('-o yaml is not supported');
	});
});
