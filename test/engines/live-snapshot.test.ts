import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {ContextClient} from '../../source/cluster/context-client.js';
import {createLiveSnapshot} from '../../source/engines/live-snapshot.js';
import {allVerbs} from '../../source/sandbox/auth.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {deadPort} from '../support/cluster-http-server.js';
import {extraContext, joinKubeconfigs, openTestClients, prefixKubeconfig} from '../support/cluster-sandbox.js';

const configMap = {group: '', version: 'v1', kind: 'ConfigMap'};
const deployment = {group: 'apps', version: 'v1', kind: 'Deployment'};
const widget = {group: 'example.com', version: 'v1', kind: 'Widget'};

let sandbox: Sandbox;
let clients: Map<string, ContextClient>;
let close: () => Promise<void>;

beforeAll(async () => {
	sandbox = await startSandbox({
		simulate: false,
		users: [
			{name: 'admin', token: 'admin-token', groups: ['system:masters'], verbs: ['*']},
			{name: 'getter', token: 'getter-token', groups: [], verbs: ['get']},
		],
	});
	sandbox.seed([
		{apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'one', namespace: 'a'}, data: {k: 'v'}},
		{apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'two', namespace: 'b'}, data: {k: 'v'}},
	]);
	const kubeconfig = joinKubeconfigs([prefixKubeconfig(sandbox.kubeconfig(), ''), extraContext('dead', `https://127.0.0.1:${await deadPort()}`)]);
	const opened = await openTestClients(kubeconfig, ['sandbox', 'sandbox-getter', 'dead'], {timeoutMs: 2000});
	clients = new Map(opened.clients.map(client => [client.name, client]));
	close = opened.close;
	expect(allVerbs).toContain('list');
});

afterAll(async () => {
	await close?.();
	await sandbox?.stop();
});

describe('the one-shot live snapshot', () => {
	it('lists each kind once across all namespaces, and says which kinds the cluster does not serve', async () => {
		const snapshot = createLiveSnapshot({clients});
		sandbox.clearRequests();
		await snapshot.ensure('sandbox', [configMap, deployment, widget]);
		await snapshot.ensure('sandbox', [configMap, deployment]);
		const lists = sandbox.requests().filter(request => request.method === 'GET' && /\/(configmaps|deployments)$/.test(request.path));
		expect(lists.map(request => request.path).sort()).toEqual(['/api/v1/configmaps', '/apis/apps/v1/deployments']);
		const state = snapshot.kind('sandbox', '', 'ConfigMap');
		expect(state?.ok && state.objects.map(object => object.key).sort()).toEqual(['/ConfigMap/a/one', '/ConfigMap/b/two']);
		expect(state?.ok && state.namespaced).toBe(true);
		expect(snapshot.kind('sandbox', 'example.com', 'Widget')).toEqual({ok: false, kind: 'not-served', message: 'Widget (example.com/v1) is not served by context sandbox'});
		expect(snapshot.contextFailure('sandbox')).toBeUndefined();
		expect(snapshot.listedKinds('sandbox').map(kind => kind.kind).sort()).toEqual(['ConfigMap', 'Deployment', 'Widget']);
	});

	it('lists a kind asked for again while its list is running once, and both callers see it', async () => {
		const snapshot = createLiveSnapshot({clients});
		sandbox.clearRequests();
		let firstDone = false;
		const first = snapshot.ensure('sandbox', [configMap]).then(() => (firstDone = true));
		await snapshot.ensure('sandbox', [configMap, deployment]);
		// The second call returns only once the ConfigMaps it asked for are there.
		expect(snapshot.kind('sandbox', '', 'ConfigMap')?.ok).toBe(true);
		await first;
		expect(firstDone).toBe(true);
		const lists = sandbox.requests().filter(request => request.method === 'GET' && /\/(configmaps|deployments)$/.test(request.path));
		expect(lists.map(request => request.path).sort()).toEqual(['/api/v1/configmaps', '/apis/apps/v1/deployments']);
	});

	it('lists a kind with the field selector asked for it, the others whole', async () => {
		const snapshot = createLiveSnapshot({clients, fieldSelectorFor: ref => (ref.kind === 'ConfigMap' ? 'metadata.name=two' : undefined)});
		sandbox.clearRequests();
		await snapshot.ensure('sandbox', [configMap, deployment]);
		const state = snapshot.kind('sandbox', '', 'ConfigMap');
		expect(state?.ok && state.objects.map(object => object.key)).toEqual(['/ConfigMap/b/two']);
		const lists = sandbox.requests().filter(request => request.method === 'GET' && /\/(configmaps|deployments)$/.test(request.path));
		expect(lists.map(request => [request.path, request.query['fieldSelector']]).sort()).toEqual([['/api/v1/configmaps', 'metadata.name=two'], ['/apis/apps/v1/deployments', undefined]]);
	});

	it('keeps a forbidden kind to itself, and gives up on a dead context after its first failure', async () => {
		const snapshot = createLiveSnapshot({clients});
		await snapshot.ensure('sandbox-getter', [configMap]);
		expect(snapshot.kind('sandbox-getter', '', 'ConfigMap')).toMatchObject({ok: false, kind: 'forbidden'});
		expect(snapshot.contextFailure('sandbox-getter')).toBeUndefined();

		await snapshot.ensure('dead', [configMap]);
		expect(snapshot.contextFailure('dead')).toMatchObject({kind: 'unreachable'});
		const started = performance.now();
		await snapshot.ensure('dead', [deployment]);
		// No second round of connection attempts and back-off (a refused port answers in a millisecond; the bound
		// is loose because the machine is shared: it only has to tell "asked again with back-off" apart).
		expect(performance.now() - started).toBeLessThan(1000);
		expect(snapshot.kind('dead', 'apps', 'Deployment')).toMatchObject({ok: false, kind: 'unreachable'});
	});

	it('treats a context without a client as failed from the start', async () => {
		const snapshot = createLiveSnapshot({clients: new Map(), failures: new Map([['broken', {kind: 'kubeconfig', message: 'cluster "x" is not defined'}]])});
		await snapshot.ensure('broken', [configMap]);
		expect(snapshot.contextFailure('broken')).toEqual({kind: 'kubeconfig', message: 'cluster "x" is not defined'});
		expect(snapshot.kind('broken', '', 'ConfigMap')).toEqual({ok: false, kind: 'unreachable', message: 'cluster "x" is not defined'});
	});
});
