import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {ContextClient} from '../../source/cluster/context-client.js';
import type {KindRef} from '../../source/cluster/discovery.js';
import {startLiveStore, type LiveBatch, type LiveStore} from '../../source/cluster/live-store.js';
import {createProjector} from '../../source/cluster/projection.js';
import {listResource} from '../../source/cluster/resource-list.js';
import type {KubeObject} from '../../source/domain/kube-object.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {deadPort, startScriptedServer} from '../support/cluster-http-server.js';
import {testRuntime} from '../support/cluster-runtime.js';
import {extraContext, joinKubeconfigs, openTestClients, prefixKubeconfig} from '../support/cluster-sandbox.js';
import {waitFor} from '../support/wait-for.js';

const configMaps: KindRef = {group: '', version: 'v1', kind: 'ConfigMap'};
const deployments: KindRef = {group: 'apps', version: 'v1', kind: 'Deployment'};

function configMap(name: string, value: string): KubeObject {
	return {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name, namespace: 'shop', labels: {app: 'shop'}}, data: {value}};
}

function deployment(name: string): KubeObject {
	return {
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: {name, namespace: 'shop'},
		spec: {replicas: 1, selector: {matchLabels: {app: name}}, template: {metadata: {labels: {app: name}}, spec: {containers: [{name: 'web', image: `${name}:1`}]}}},
	};
}

let sandbox: Sandbox;
let connection: Awaited<ReturnType<typeof openTestClients>>;
let client: ContextClient;

beforeAll(async () => {
	sandbox = await startSandbox({simulate: false, seed: [...Array.from({length: 30}, (_, i) => configMap(`cm-${i}`, 'v1')), deployment('web'), deployment('api')]});
	connection = await openTestClients(sandbox.kubeconfig(), ['sandbox']);
	client = connection.clients[0]!;
});

afterAll(async () => {
	await connection?.close();
	await sandbox?.stop();
});

/** The store's objects of one kind equal a fresh LIST: same keys, same projected content. */
async function expectEqualsFreshList(store: LiveStore, kind: KindRef): Promise<void> {
	const resource = await client.discovery.resolve(kind);
	if (!resource.ok) throw new Error(resource.error.message);
	let difference = '';
	await waitFor(
		async () => {
			const fresh = await listResource(client, resource.value, {projector: createProjector()});
			if (!fresh.ok) return false;
			const stored = store.resources('sandbox').find(entry => entry.kind.kind === kind.kind)!.state.objects;
			const want = fresh.value.objects.map(object => [object.key, object.object.metadata.resourceVersion]).sort();
			const have = [...stored.values()].map(object => [object.key, object.object.metadata.resourceVersion]).sort();
			difference = `store ${JSON.stringify(have)} vs list ${JSON.stringify(want)}`;
			if (JSON.stringify(want) !== JSON.stringify(have)) return false;
			// Same versions: the projected objects must be equal too.
			for (const object of fresh.value.objects) expect(stored.get(object.key)).toEqual(object);
			return true;
		},
		{timeoutMs: 15_000, describe: () => `the store to equal a fresh LIST: ${difference}`},
	);
}

function objectsType(apiVersion: string, kind: string) {
	const type = sandbox.objects.resourceType(apiVersion, kind);
	if (!type) throw new Error(`sandbox does not serve ${kind}`);
	return type;
}

describe('live store against the sandbox', () => {
	it('lists every kind asked for into lean projections', async () => {
		const store = startLiveStore({clients: [client], kinds: [configMaps, deployments], runtime: testRuntime()});
		try {
			await waitFor(() => store.synced(), {describe: () => 'the initial list'});
			const web = store.get('sandbox', 'apps/Deployment/shop/web');
			expect(web?.object.metadata).not.toHaveProperty('managedFields');
			expect(web?.managers.map(summary => summary.manager)).toContain('sandbox-seed');
			expect(web?.object.kind).toBe('Deployment');
			expect(web?.object.apiVersion).toBe('apps/v1');
			expect(store.objects('sandbox').filter(object => object.object.kind === 'ConfigMap').length).toBeGreaterThanOrEqual(30);
			expect(store.connection('sandbox')?.phase).toBe('ready');
			await expectEqualsFreshList(store, configMaps);
			await expectEqualsFreshList(store, deployments);
		} finally {
			store.stop();
		}
	});

	it('follows changes and tells subscribers in batches, until they unsubscribe', async () => {
		const store = startLiveStore({clients: [client], kinds: [configMaps], runtime: testRuntime()});
		try {
			await waitFor(() => store.synced());
			const batches: LiveBatch[] = [];
			const unsubscribe = store.subscribe(batch => batches.push(batch));
			const type = objectsType('v1', 'ConfigMap');
			for (let i = 0; i < 40; i++) sandbox.objects.create(type, configMap(`burst-${i}`, 'x'), {manager: 'test'});
			sandbox.objects.delete(type, 'shop', 'cm-0');
			await waitFor(() => store.get('sandbox', '/ConfigMap/shop/burst-39') !== undefined && store.get('sandbox', '/ConfigMap/shop/cm-0') === undefined);
			const changes = batches.flatMap(batch => batch.changes);
			expect(changes.filter(change => change.type === 'upsert' && change.key.includes('burst-'))).toHaveLength(40);
			expect(changes).toContainEqual({context: 'sandbox', kind: '/v1/ConfigMap', key: '/ConfigMap/shop/cm-0', type: 'delete'});
			// 41 events, far fewer notifications: they are coalesced per tick.
			expect(batches.length).toBeLessThan(20);
			unsubscribe();
			const seen = batches.length;
			sandbox.objects.create(type, configMap('after-unsubscribe', 'x'), {manager: 'test'});
			await waitFor(() => store.get('sandbox', '/ConfigMap/shop/after-unsubscribe') !== undefined);
			expect(batches.length).toBe(seen);
		} finally {
			store.stop();
		}
	});

	it('broken watches: changes made while the server is away are all there after it returns', async () => {
		const store = startLiveStore({clients: [client], kinds: [configMaps, deployments], runtime: testRuntime()});
		try {
			await waitFor(() => store.synced());
			const type = objectsType('v1', 'ConfigMap');
			const restored = sandbox.faults.refuseConnections(1500);
			sandbox.faults.closeWatches();
			sandbox.objects.create(type, configMap('while-away', 'new'), {manager: 'test'});
			const existing = sandbox.objects.get(type, 'shop', 'cm-5')!;
			sandbox.objects.update(type, {...existing, data: {value: 'changed while away'}}, {manager: 'test'});
			sandbox.objects.delete(type, 'shop', 'cm-6');
			sandbox.objects.delete(objectsType('apps/v1', 'Deployment'), 'shop', 'api');
			await restored;
			await waitFor(() => store.connection('sandbox')?.phase === 'ready');
			await expectEqualsFreshList(store, configMaps);
			await expectEqualsFreshList(store, deployments);
			expect(store.get('sandbox', '/ConfigMap/shop/cm-5')?.object['data']).toEqual({value: 'changed while away'});
			expect(store.get('sandbox', 'apps/Deployment/shop/api')).toBeUndefined();
		} finally {
			store.stop();
		}
	});

	it('relists when the watch answers 410 Expired', async () => {
		const store = startLiveStore({clients: [client], kinds: [configMaps], runtime: testRuntime()});
		try {
			await waitFor(() => store.synced());
			sandbox.clearRequests();
			const type = objectsType('v1', 'ConfigMap');
			sandbox.faults.expireNextWatch();
			sandbox.faults.closeWatches();
			sandbox.objects.create(type, configMap('after-expiry', 'x'), {manager: 'test'});
			await expectEqualsFreshList(store, configMaps);
			expect(store.get('sandbox', '/ConfigMap/shop/after-expiry')).toBeDefined();
			const lists = sandbox.requests().filter(request => request.path === '/api/v1/configmaps' && request.query['watch'] === undefined);
			expect(lists.length).toBeGreaterThanOrEqual(1);
		} finally {
			store.stop();
		}
	});

	it('lists page by page', async () => {
		sandbox.clearRequests();
		const store = startLiveStore({clients: [client], kinds: [configMaps], runtime: testRuntime(), pageSize: 7});
		try {
			await waitFor(() => store.synced());
			const pages = sandbox.requests().filter(request => request.path === '/api/v1/configmaps' && request.query['watch'] === undefined);
			expect(pages.length).toBeGreaterThan(3);
			expect(pages[0]!.query['limit']).toBe('7');
			expect(pages.slice(1).every(page => page.query['continue'])).toBe(true);
			await expectEqualsFreshList(store, configMaps);
		} finally {
			store.stop();
		}
	});

	it('backs off while the server fails, honouring Retry-After, then recovers', async () => {
		const runtime = {...testRuntime(), random: () => 0};
		sandbox.faults.failNext(1, 429, 1);
		const statuses: string[] = [];
		const started = performance.now();
		const store = startLiveStore({clients: [client], kinds: [configMaps], runtime});
		const unsubscribe = store.subscribe(() => {
			const status = store.resources('sandbox')[0]!.status;
			statuses.push(`${status.phase}:${status.error?.kind ?? ''}`);
		});
		try {
			await waitFor(() => store.synced(), {timeoutMs: 10_000});
			// Retry-After (1 s) beats the first backoff step (0.75 s with this random).
			expect(performance.now() - started).toBeGreaterThanOrEqual(950);
			expect(statuses).toContain('waiting:throttled');
			sandbox.faults.failNext(2, 500);
			sandbox.faults.closeWatches();
			await waitFor(() => statuses.includes('waiting:server'));
			await waitFor(() => store.resources('sandbox')[0]!.status.phase === 'watching', {timeoutMs: 10_000});
			await expectEqualsFreshList(store, configMaps);
		} finally {
			unsubscribe();
			store.stop();
		}
	});

	it('a dead or hanging context never delays a live one', async () => {
		const dead = `https://127.0.0.1:${await deadPort()}`;
		const hanging = await startScriptedServer(() => {
			// Accepts and never answers.
		});
		const yaml = joinKubeconfigs([prefixKubeconfig(sandbox.kubeconfig(), ''), extraContext('dead', dead), extraContext('hanging', hanging.url)]);
		const all = await openTestClients(yaml, ['dead', 'hanging', 'sandbox'], {timeoutMs: 1000});
		const store = startLiveStore({clients: all.clients, kinds: [configMaps, deployments], runtime: testRuntime()});
		try {
			const started = performance.now();
			await waitFor(() => store.resources('sandbox').every(resource => resource.state.synced), {timeoutMs: 5000});
			expect(performance.now() - started).toBeLessThan(1000);
			await waitFor(() => store.connection('dead')?.phase === 'unreachable');
			await waitFor(() => store.connection('hanging')?.phase === 'timed-out');
			expect(store.connection('hanging')?.error?.kind).toBe('timeout');
			expect([...store.resources('dead'), ...store.resources('hanging')].every(resource => !resource.state.synced)).toBe(true);
			await waitFor(() => store.resources('dead').every(resource => resource.status.phase === 'waiting' && resource.status.error?.kind === 'unreachable'));
		} finally {
			store.stop();
			await all.close();
			await hanging.close();
		}
	});
});
