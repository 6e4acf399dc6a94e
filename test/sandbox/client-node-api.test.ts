/**
 * @kubernetes/client-node's real code path against the sandbox: KubeConfig from the sandbox's
 * kubeconfig, generated API clients and KubernetesObjectApi for server-side apply.
 */
import {AppsV1Api, ApiException, CoreV1Api, KubeConfig, KubernetesObjectApi, PatchStrategy, type V1ConfigMap, type V1Deployment} from '@kubernetes/client-node';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startSandboxHarness, type SandboxHarness} from '../support/sandbox-harness.js';

let harness: SandboxHarness;
let core: CoreV1Api;
let apps: AppsV1Api;
let objects: KubernetesObjectApi;
let viewerCore: CoreV1Api;
const namespace = 'client';

function clients(context?: string) {
	const config = new KubeConfig();
	config.loadFromString(harness.sandbox.kubeconfig());
	if (context) config.setCurrentContext(context);
	return config;
}

/** The ApiException a call rejects with, with the Status body parsed. */
async function failure(call: Promise<unknown>): Promise<{code: number; body: any; headers: Record<string, string>}> { // eslint-disable-line @typescript-eslint/no-explicit-any
	try {
		await call;
	} catch (error) {
		if (error instanceof ApiException) return {code: error.code, body: typeof error.body === 'string' ? JSON.parse(error.body) : error.body, headers: error.headers};
		throw error;
	}
	throw new Error('expected the call to fail');
}

const configMap = (name: string, labels: Record<string, string> = {}): V1ConfigMap => ({apiVersion: 'v1', kind: 'ConfigMap', metadata: {name, namespace, labels}, data: {key: name}});
const deployment = (image: string): V1Deployment => ({
	apiVersion: 'apps/v1',
	kind: 'Deployment',
	metadata: {name: 'web', namespace},
	spec: {replicas: 2, selector: {matchLabels: {app: 'web'}}, template: {metadata: {labels: {app: 'web'}}, spec: {containers: [{name: 'web', image}]}}},
});

beforeAll(async () => {
	harness = await startSandboxHarness();
	const admin = clients();
	core = admin.makeApiClient(CoreV1Api);
	apps = admin.makeApiClient(AppsV1Api);
	objects = KubernetesObjectApi.makeApiClient(admin);
	viewerCore = clients('sandbox-viewer').makeApiClient(CoreV1Api);
	await core.createNamespace({body: {apiVersion: 'v1', kind: 'Namespace', metadata: {name: namespace}}});
});
afterAll(() => harness?.stop());

describe('client-node CRUD', () => {
	it('creates, gets, replaces and deletes', async () => {
		const created = await core.createNamespacedConfigMap({namespace, body: configMap('crud')});
		expect(created.metadata?.uid).toBeDefined();
		const read = await core.readNamespacedConfigMap({name: 'crud', namespace});
		expect(read.data).toEqual({key: 'crud'});
		const replaced = await core.replaceNamespacedConfigMap({name: 'crud', namespace, body: {...read, data: {key: 'changed'}}});
		expect(replaced.data).toEqual({key: 'changed'});
		expect(Number(replaced.metadata?.resourceVersion)).toBeGreaterThan(Number(read.metadata?.resourceVersion));
		const stale = await failure(core.replaceNamespacedConfigMap({name: 'crud', namespace, body: {...read, data: {key: 'stale'}}}));
		expect(stale.code).toBe(409);
		expect(stale.body.reason).toBe('Conflict');
		await core.deleteNamespacedConfigMap({name: 'crud', namespace});
		expect((await failure(core.readNamespacedConfigMap({name: 'crud', namespace}))).body).toMatchObject({code: 404, message: 'configmaps "crud" not found'});
	});

	it('lists with label selectors and pages with limit and continue', async () => {
		for (const name of ['a1', 'a2', 'a3', 'b1']) await core.createNamespacedConfigMap({namespace, body: configMap(name, {group: name[0]!})});
		const selected = await core.listNamespacedConfigMap({namespace, labelSelector: 'group=a'});
		expect(selected.items.map(i => i.metadata?.name)).toEqual(['a1', 'a2', 'a3']);
		const notA = await core.listNamespacedConfigMap({namespace, labelSelector: 'group notin (a)'});
		expect(notA.items.map(i => i.metadata?.name)).toEqual(['b1']);
		const first = await core.listNamespacedConfigMap({namespace, limit: 2});
		expect(first.items).toHaveLength(2);
		expect(first.metadata?.remainingItemCount).toBe(2);
		const rest = await core.listNamespacedConfigMap({namespace, limit: 2, _continue: first.metadata?._continue});
		expect([...first.items, ...rest.items].map(i => i.metadata?.name)).toEqual(['a1', 'a2', 'a3', 'b1']);
		expect(rest.metadata?._continue).toBeUndefined();
		const all = await core.listConfigMapForAllNamespaces({fieldSelector: 'metadata.name=b1'});
		expect(all.items.map(i => `${i.metadata?.namespace}/${i.metadata?.name}`)).toEqual(['client/b1']);
	});
});

describe('client-node server-side apply', () => {
	it('applies, previews with dryRun without storing, and reports conflicts as 409 with causes', async () => {
		const applied = await objects.patch(deployment('nginx:1.25'), undefined, undefined, 'wire-sample', false, PatchStrategy.ServerSideApply);
		expect(applied.metadata?.managedFields?.[0]).toMatchObject({manager: 'wire-sample', operation: 'Apply'});
		const preview = await objects.patch(deployment('nginx:1.26'), undefined, 'All', 'wire-sample', false, PatchStrategy.ServerSideApply);
		expect(preview.spec?.template.spec?.containers[0]?.image).toBe('nginx:1.26');
		const live = await apps.readNamespacedDeployment({name: 'web', namespace});
		expect(live.spec?.template.spec?.containers[0]?.image).toBe('nginx:1.25');
		expect(live.metadata?.resourceVersion).toBe(applied.metadata?.resourceVersion);
		const conflict = await failure(objects.patch(deployment('nginx:1.27'), undefined, undefined, 'other-tool', false, PatchStrategy.ServerSideApply));
		expect(conflict.code).toBe(409);
		expect(conflict.body.details.causes).toEqual([{reason: 'FieldManagerConflict', message: 'conflict with "wire-sample"', field: '.spec.template.spec.containers[name="web"].image'}]);
		const forced = await objects.patch(deployment('nginx:1.27'), undefined, undefined, 'other-tool', true, PatchStrategy.ServerSideApply);
		expect(forced.spec?.template.spec?.containers[0]?.image).toBe('nginx:1.27');
	});
});

describe('client-node auth and faults', () => {
	it('gets 401 with an unknown token and 403 as the viewer', async () => {
		const config = clients();
		const user = config.getCurrentUser()!;
		(user as {token?: string}).token = 'wrong';
		const anonymous = await failure(config.makeApiClient(CoreV1Api).listNamespace());
		// client-node's generated code keeps no body for 401 (the Status is on the wire; see server-http.test.ts).
		expect(anonymous.code).toBe(401);
		const forbidden = await failure(viewerCore.createNamespacedConfigMap({namespace, body: configMap('nope')}));
		expect(forbidden.code).toBe(403);
		expect(forbidden.body.message).toBe('configmaps is forbidden: User "viewer" cannot create resource "configmaps" in API group "" in the namespace "client"');
		expect((await viewerCore.listNamespacedConfigMap({namespace})).items.length).toBeGreaterThan(0);
	});

	it('failNext answers 429 with Retry-After, then recovers', async () => {
		harness.sandbox.faults.failNext(1, 429, 3);
		const throttled = await failure(core.listNamespace());
		expect(throttled.code).toBe(429);
		expect(throttled.headers['retry-after']).toBe('3');
		expect(throttled.body).toMatchObject({reason: 'TooManyRequests', details: {retryAfterSeconds: 3}});
		harness.sandbox.faults.failNext(1, 500);
		expect((await failure(core.listNamespace())).code).toBe(500);
		expect((await core.listNamespace()).items.length).toBeGreaterThan(0);
	});

	it('refuseConnections drops and refuses connections, then serves again on the same port', async () => {
		const port = harness.sandbox.port;
		const refusing = harness.sandbox.faults.refuseConnections(400);
		await expect(core.listNamespace()).rejects.toThrow(/ECONNREFUSED|ECONNRESET|socket hang up|fetch/i);
		await refusing;
		expect(harness.sandbox.port).toBe(port);
		expect((await core.listNamespace()).items.map(n => n.metadata?.name)).toContain(namespace);
	});

	it('logs every request with its user', async () => {
		harness.sandbox.clearRequests();
		await viewerCore.readNamespace({name: namespace});
		await core.readNamespace({name: namespace});
		expect(harness.sandbox.requests().map(r => `${r.user} ${r.method} ${r.path} ${r.status}`)).toEqual([`viewer GET /api/v1/namespaces/${namespace} 200`, `admin GET /api/v1/namespaces/${namespace} 200`]);
	});
});
