import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {loadKubeconfig} from '../../source/cluster/kubeconfig-load.js';
import {clusterTempDir, kubeconfigYaml} from '../support/cluster-kubeconfig.js';

let temp: Awaited<ReturnType<typeof clusterTempDir>>;
beforeEach(async () => {
	temp = await clusterTempDir();
});
afterEach(async () => temp.remove());

const read = async (file: string) => readFile(file, 'utf8');

describe('loadKubeconfig', () => {
	it('merges KUBECONFIG files: the first to set current-context wins, and the first to name an entry', async () => {
		const first = await temp.write('a.yaml', kubeconfigYaml([{name: 'prod', server: 'https://prod.example:6443', userName: 'shared', user: {token: 'from-a'}}], 'prod'));
		const second = await temp.write(
			'b.yaml',
			kubeconfigYaml(
				[
					{name: 'prod', server: 'https://other.example:6443', clusterName: 'prod-cluster'},
					{name: 'dev', server: 'https://dev.example:6443', userName: 'shared', user: {token: 'from-b'}},
				],
				'dev',
			),
		);
		const result = await loadKubeconfig({kubeconfigEnv: `${first}:${second}`, homeDir: '/nowhere', cwd: temp.dir, readFile: read, delimiter: ':'});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const config = result.value;
		// client-node would take b's current-context; kubectl takes the first file's.
		expect(config.currentContext).toEqual({name: 'prod', file: first});
		expect([...config.contexts.keys()]).toEqual(['prod', 'dev']);
		expect(config.clusters.get('prod-cluster')?.server).toBe('https://prod.example:6443');
		expect(config.users.get('shared')?.token).toBe('from-a');
		expect(config.contexts.get('dev')?.file).toBe(second);
		expect(config.files).toEqual([first, second]);
	});

	it('skips KUBECONFIG entries that do not exist, with a warning', async () => {
		const real = await temp.write('real.yaml', kubeconfigYaml([{name: 'one', server: 'https://one.example'}], 'one'));
		const missing = path.join(temp.dir, 'missing.yaml');
		const result = await loadKubeconfig({kubeconfigEnv: `${missing}::${real}:${real}`, homeDir: '/nowhere', cwd: temp.dir, readFile: read, delimiter: ':'});
		expect(result.ok && result.value.files).toEqual([real]);
		expect(result.ok && result.value.warnings).toEqual([`KUBECONFIG lists ${missing}, which does not exist`]);
	});

	it('fails when no KUBECONFIG file exists, naming them', async () => {
		const result = await loadKubeconfig({kubeconfigEnv: '/no/a.yaml:/no/b.yaml', homeDir: '/nowhere', cwd: temp.dir, readFile: read, delimiter: ':'});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.error.kind).toBe('kubeconfig');
		expect(result.error.message).toContain('/no/a.yaml');
		expect(result.error.message).toContain('/no/b.yaml');
	});

	it('--kubeconfig reads only that file, relative to the working directory, and it must exist', async () => {
		await temp.write('only.yaml', kubeconfigYaml([{name: 'only', server: 'https://only.example'}], 'only'));
		const other = await temp.write('other.yaml', kubeconfigYaml([{name: 'other', server: 'https://other.example'}], 'other'));
		const result = await loadKubeconfig({explicitFile: 'only.yaml', kubeconfigEnv: other, homeDir: '/nowhere', cwd: temp.dir, readFile: read});
		expect(result.ok && [...result.value.contexts.keys()]).toEqual(['only']);
		const missing = await loadKubeconfig({explicitFile: 'gone.yaml', homeDir: '/nowhere', cwd: temp.dir, readFile: read});
		expect(missing.ok).toBe(false);
		if (missing.ok) return;
		expect(missing.error.message).toBe(`kubeconfig ${path.join(temp.dir, 'gone.yaml')} does not exist`);
		expect(missing.error.file).toBe(path.join(temp.dir, 'gone.yaml'));
	});

	it('falls back to ~/.kube/config', async () => {
		const result = await loadKubeconfig({homeDir: temp.dir, cwd: '/', readFile: read});
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.error.message).toContain(path.join(temp.dir, '.kube', 'config'));
	});

	it('names the file and the problem for invalid YAML', async () => {
		const file = await temp.write('broken.yaml', 'clusters: [\n  - name: x\n');
		const result = await loadKubeconfig({explicitFile: file, homeDir: '/nowhere', cwd: '/', readFile: read});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.error.kind).toBe('kubeconfig');
		expect(result.error.file).toBe(file);
		expect(result.error.message).toMatch(new RegExp(`^kubeconfig ${file}: not valid YAML`));
	});

	it.each([
		['clusters: {a: 1}', 'clusters must be a list'],
		['clusters: [{cluster: {server: "https://x"}}]', 'clusters[0].name is missing'],
		['clusters: [{name: c, cluster: {}}]', 'clusters[0] "c": server is missing'],
		['clusters: [{name: c, cluster: {server: "ftp://x"}}]', 'clusters[0] "c": server "ftp://x" is not an http(s) URL'],
		['contexts: [{name: x, context: {user: u}}]', 'contexts[0] "x": cluster is missing'],
		['users: [{name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1}}}]', 'users[0] "u": exec.command is missing'],
		['users: [{name: u, user: {exec: {command: x}}}]', 'users[0] "u": exec.apiVersion is missing'],
		['users: [{name: u, user: {token: 12}}]', 'users[0] "u": token must be a string'],
		['- just\n- a list', 'expected a mapping with clusters, users and contexts'],
	])('rejects %j: %s', async (text, problem) => {
		const file = await temp.write('bad.yaml', text);
		const result = await loadKubeconfig({explicitFile: file, homeDir: '/nowhere', cwd: '/', readFile: read});
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.error.message).toBe(`kubeconfig ${file}: ${problem}`);
	});

	it('resolves relative file references against the file that names them, as kubectl', async () => {
		const text = kubeconfigYaml(
			[
				{
					name: 'c',
					server: 'https://c.example/',
					cluster: {'certificate-authority': 'certs/ca.pem', 'insecure-skip-tls-verify': true, 'tls-server-name': 'api.internal'},
					user: {
						'client-certificate': 'certs/me.pem',
						'client-key': '/abs/me.key',
						tokenFile: 'token',
						exec: {command: './bin/plugin', apiVersion: 'client.authentication.k8s.io/v1', args: ['get-token'], env: [{name: 'A', value: 'b'}], interactiveMode: 'Never'},
					},
				},
			],
			'c',
		);
		const file = await temp.write('rel.yaml', text);
		const result = await loadKubeconfig({explicitFile: file, homeDir: '/nowhere', cwd: '/', readFile: read});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const cluster = result.value.clusters.get('c-cluster')!;
		expect(cluster).toMatchObject({server: 'https://c.example', certificateAuthority: path.join(temp.dir, 'certs/ca.pem'), insecureSkipTlsVerify: true, tlsServerName: 'api.internal'});
		const user = result.value.users.get('c-user')!;
		expect(user.clientCertificate).toBe(path.join(temp.dir, 'certs/me.pem'));
		expect(user.clientKey).toBe('/abs/me.key');
		expect(user.tokenFile).toBe(path.join(temp.dir, 'token'));
		expect(user.exec).toEqual({
			command: path.join(temp.dir, 'bin/plugin'),
			args: ['get-token'],
			env: [{name: 'A', value: 'b'}],
			apiVersion: 'client.authentication.k8s.io/v1',
			provideClusterInfo: false,
			interactiveMode: 'Never',
		});
	});

	it('leaves a bare exec command to PATH lookup', async () => {
		const file = await temp.write('path.yaml', kubeconfigYaml([{name: 'c', server: 'https://c', user: {exec: {command: 'aws', apiVersion: 'client.authentication.k8s.io/v1beta1'}}}]));
		const result = await loadKubeconfig({explicitFile: file, homeDir: '/nowhere', cwd: '/', readFile: read});
		expect(result.ok && result.value.users.get('c-user')?.exec?.command).toBe('aws');
	});

	it.each(['', '# only a comment\n'])('accepts an empty file (%j) as an empty kubeconfig', async text => {
		const file = await temp.write('empty.yaml', text);
		const result = await loadKubeconfig({explicitFile: file, homeDir: '/nowhere', cwd: '/', readFile: read});
		expect(result.ok && result.value.contexts.size).toBe(0);
	});
});
