/**
 * The installed kubectl against the sandbox, through a written kubeconfig: get, server-side apply,
 * server-side diff, watch, auth can-i, managed fields, and the request log's users.
 */
import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startSandboxHarness, type SandboxHarness} from '../support/sandbox-harness.js';

let harness: SandboxHarness;
let manifest: string;

const deploymentYaml = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: ${image}
          ports: [{containerPort: 8080}]
          resources: {limits: {cpu: 1000m, memory: 0.5Gi}}
`;

beforeAll(async () => {
	harness = await startSandboxHarness({simulate: true});
	harness.sandbox.seed([{apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'shop'}}]);
	manifest = path.join(harness.dir, 'deployment.yaml');
	await writeFile(manifest, deploymentYaml('nginx:1.25'));
});
afterAll(() => harness?.stop());

describe('kubectl', () => {
	it('reports the server version and lists namespaces as a table and as JSON', async () => {
		const version = await harness.kubectl(['version', '-o', 'json']);
		expect(JSON.parse(version.stdout).serverVersion).toMatchObject({major: '1', minor: '32'});
		const table = await harness.kubectl(['get', 'namespaces']);
		expect(table.code).toBe(0);
		expect(table.stdout).toMatch(/^NAME\s+STATUS\s+AGE\n/);
		expect(table.stdout).toMatch(/\nshop\s+Active\s+\d+s\n/);
		const json = await harness.kubectl(['get', 'namespace', 'shop', '-o', 'json']);
		expect(JSON.parse(json.stdout)).toMatchObject({kind: 'Namespace', metadata: {name: 'shop', labels: {'kubernetes.io/metadata.name': 'shop'}}});
	});

	it('applies server-side, and a second apply changes nothing', async () => {
		const first = await harness.kubectl(['apply', '--server-side', '--field-manager=wire-sample', '-f', manifest]);
		expect(first).toMatchObject({code: 0, stdout: 'deployment.apps/web serverside-applied\n'});
		const before = JSON.parse((await harness.kubectl(['get', 'deployment', 'web', '-n', 'shop', '-o', 'json'])).stdout);
		const second = await harness.kubectl(['apply', '--server-side', '--field-manager=wire-sample', '-f', manifest]);
		expect(second.code).toBe(0);
		const after = JSON.parse((await harness.kubectl(['get', 'deployment', 'web', '-n', 'shop', '-o', 'json'])).stdout);
		expect(after.metadata.generation).toBe(1);
		expect(after.spec).toEqual(before.spec);
		const applies = harness.sandbox.requests().filter(r => r.method === 'PATCH' && r.path === '/apis/apps/v1/namespaces/shop/deployments/web');
		expect(applies.at(-1)?.query).toMatchObject({fieldManager: 'wire-sample', fieldValidation: 'Strict', force: 'false'});
	});

	it('a repeated server-side apply of an unchanged object keeps its resourceVersion', async () => {
		const file = path.join(harness.dir, 'settings.yaml');
		await writeFile(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: shop}\ndata: {a: "1"}\n');
		expect((await harness.kubectl(['apply', '--server-side', '-f', file])).stdout).toBe('configmap/settings serverside-applied\n');
		const version = async () => (await harness.kubectl(['get', 'configmap', 'settings', '-n', 'shop', '-o', 'jsonpath={.metadata.resourceVersion}'])).stdout;
		const first = await version();
		expect((await harness.kubectl(['apply', '--server-side', '-f', file])).code).toBe(0);
		expect(await version()).toBe(first);
	});

	it('diffs server-side: exit 0 for the unchanged manifest (defaults do not show), exit 1 for a new image', async () => {
		const same = await harness.kubectl(['diff', '--server-side', '--field-manager=wire-sample', '-f', manifest]);
		expect(same).toMatchObject({code: 0, stdout: ''});
		const changed = path.join(harness.dir, 'changed.yaml');
		await writeFile(changed, deploymentYaml('nginx:1.26'));
		const diff = await harness.kubectl(['diff', '--server-side', '--field-manager=wire-sample', '-f', changed]);
		expect(diff.code).toBe(1);
		expect(diff.stdout).toContain('-      - image: nginx:1.25');
		expect(diff.stdout).toContain('+      - image: nginx:1.26');
		expect(diff.stdout).not.toMatch(/^[-+]\s+(imagePullPolicy|terminationMessagePath|progressDeadlineSeconds)/m);
		const live = JSON.parse((await harness.kubectl(['get', 'deployment', 'web', '-n', 'shop', '-o', 'json'])).stdout);
		expect(live.spec.template.spec.containers[0].image).toBe('nginx:1.25');
	});

	it('shows the applier in managedFields', async () => {
		const yaml = await harness.kubectl(['get', 'deployment', 'web', '-n', 'shop', '-o', 'yaml', '--show-managed-fields']);
		expect(yaml.stdout).toMatch(/manager: wire-sample\n\s+operation: Apply/);
		expect(yaml.stdout).toContain('k:{"containerPort":8080,"protocol":"TCP"}');
	});

	it('get -w prints changes made while it runs', async () => {
		harness.sandbox.seed([{apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'first', namespace: 'shop'}, data: {a: '1'}}]);
		const watch = harness.spawnKubectl(['get', 'configmaps', '-n', 'shop', '-w']);
		try {
			await watch.waitForOutput(/first\s+1\s+/);
			const type = harness.sandbox.objects.resourceType('v1', 'ConfigMap')!;
			harness.sandbox.objects.create(type, {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'second', namespace: 'shop'}, data: {a: '1', b: '2'}}, {manager: 'test'});
			await watch.waitForOutput(/second\s+2\s+/);
		} finally {
			await watch.stop();
		}
	});

	it('auth can-i says yes to the admin (exit 0) and no to the viewer (exit 1)', async () => {
		const admin = await harness.kubectl(['auth', 'can-i', 'patch', 'deployments', '-n', 'shop']);
		expect(admin).toMatchObject({code: 0, stdout: 'yes\n'});
		const viewer = await harness.kubectl(['--context', 'sandbox-viewer', 'auth', 'can-i', 'patch', 'deployments', '-n', 'shop']);
		expect(viewer).toMatchObject({code: 1, stdout: 'no\n'});
		const whoami = await harness.kubectl(['--context', 'sandbox-viewer', 'auth', 'whoami', '-o', 'json']);
		expect(JSON.parse(whoami.stdout).status.userInfo.username).toBe('viewer');
	});

	it('creates typed objects (kubectl sends them as protobuf) and never shows Secret values', async () => {
		const canary = 'canary-3f9d2a71';
		expect((await harness.kubectl(['create', 'namespace', 'typed'])).stdout).toBe('namespace/typed created\n');
		expect((await harness.kubectl(['create', 'configmap', 'plain', '-n', 'typed', '--from-literal=a=b'])).code).toBe(0);
		expect((await harness.kubectl(['create', 'secret', 'generic', 'creds', '-n', 'typed', `--from-literal=password=${canary}`])).code).toBe(0);
		expect((await harness.kubectl(['create', 'deployment', 'api', '-n', 'typed', '--image=nginx:1.25', '--replicas=0'])).code).toBe(0);
		const secret = JSON.parse((await harness.kubectl(['get', 'secret', 'creds', '-n', 'typed', '-o', 'json'])).stdout);
		expect(Buffer.from(secret.data.password, 'base64').toString()).toBe(canary);
		expect(secret.type).toBe('Opaque');
		const deployment = JSON.parse((await harness.kubectl(['get', 'deployment', 'api', '-n', 'typed', '-o', 'json'])).stdout);
		expect(deployment.spec).toMatchObject({replicas: 0, selector: {matchLabels: {app: 'api'}}, template: {spec: {containers: [{name: 'nginx', image: 'nginx:1.25'}]}}});
		const table = await harness.kubectl(['get', 'secrets', '-n', 'typed']);
		expect(table.stdout).toMatch(/creds\s+Opaque\s+1\s+/);
		const encoded = Buffer.from(canary).toString('base64');
		for (const text of [table.stdout, JSON.stringify(harness.sandbox.requests())]) {
			expect(text).not.toContain(canary);
			expect(text).not.toContain(encoded);
		}
	});

	it('is refused as the viewer, and the request log names the user of every request', async () => {
		harness.sandbox.clearRequests();
		const refused = await harness.kubectl(['--context', 'sandbox-viewer', 'delete', 'configmap', 'first', '-n', 'shop']);
		expect(refused.code).toBe(1);
		expect(refused.stderr).toContain('Error from server (Forbidden): configmaps "first" is forbidden: User "viewer" cannot delete resource "configmaps" in API group "" in the namespace "shop"');
		const log = harness.sandbox.requests();
		expect(log.length).toBeGreaterThan(0);
		expect(log.every(entry => entry.user === 'viewer')).toBe(true);
		expect(log.find(entry => entry.method === 'DELETE')).toMatchObject({path: '/api/v1/namespaces/shop/configmaps/first', status: 403});
	});
});
