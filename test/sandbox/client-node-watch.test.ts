/**
 * client-node's Watch and informer against the sandbox: event types, bookmarks, 410 Expired, and
 * streams ended by the closeWatches fault.
 */
import {CoreV1Api, KubeConfig, Watch, makeInformer, type V1ConfigMap} from '@kubernetes/client-node';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startSandboxHarness, waitFor, type SandboxHarness} from '../support/sandbox-harness.js';

let harness: SandboxHarness;
let config: KubeConfig;
let core: CoreV1Api;
const namespace = 'watched';
const path = `/api/v1/namespaces/${namespace}/configmaps`;
const body = (name: string, value = '1'): V1ConfigMap => ({apiVersion: 'v1', kind: 'ConfigMap', metadata: {name, namespace}, data: {value}});

beforeAll(async () => {
	harness = await startSandboxHarness({watchHistory: 10, bookmarkIntervalMs: 200});
	config = new KubeConfig();
	config.loadFromString(harness.sandbox.kubeconfig());
	core = config.makeApiClient(CoreV1Api);
	await core.createNamespace({body: {apiVersion: 'v1', kind: 'Namespace', metadata: {name: namespace}}});
});
afterAll(() => harness?.stop());

/** Starts a client-node watch collecting events; `done` records how it ended. */
async function watch(query: Record<string, string | boolean | number>) {
	const events: Array<{type: string; object: any}> = []; // eslint-disable-line @typescript-eslint/no-explicit-any
	const state: {done: boolean; error: unknown} = {done: false, error: undefined};
	const controller = await new Watch(config).watch(
		path,
		query,
		(type, object) => events.push({type, object}),
		error => {
			state.done = true;
			state.error = error;
		},
	);
	return {events, state, abort: () => controller.abort()};
}

describe('client-node Watch', () => {
	it('receives ADDED, MODIFIED, DELETED and BOOKMARK events', async () => {
		const {metadata} = await core.listNamespacedConfigMap({namespace});
		const stream = await watch({resourceVersion: metadata!.resourceVersion!, allowWatchBookmarks: true});
		await core.createNamespacedConfigMap({namespace, body: body('w1')});
		// client-node's generated patch sends application/json-patch+json.
		await core.patchNamespacedConfigMap({name: 'w1', namespace, body: [{op: 'replace', path: '/data/value', value: '2'}]});
		await core.deleteNamespacedConfigMap({name: 'w1', namespace});
		await waitFor(() => stream.events.filter(e => e.type !== 'BOOKMARK').length >= 3 && stream.events.some(e => e.type === 'BOOKMARK'));
		stream.abort();
		expect(stream.events.filter(e => e.type !== 'BOOKMARK').map(e => `${e.type} ${e.object.metadata.name} ${e.object.data.value}`)).toEqual(['ADDED w1 1', 'MODIFIED w1 2', 'DELETED w1 2']);
		const bookmark = stream.events.find(e => e.type === 'BOOKMARK')!;
		expect(bookmark.object).toEqual({kind: 'ConfigMap', apiVersion: 'v1', metadata: {resourceVersion: expect.any(String), creationTimestamp: null}});
	});

	it('gets one ERROR 410 Expired event for a resourceVersion older than the history, then the stream ends', async () => {
		for (let i = 0; i < 15; i++) await core.createNamespacedConfigMap({namespace, body: body(`old-${i}`)});
		const stream = await watch({resourceVersion: '1'});
		await waitFor(() => stream.state.done);
		expect(stream.events).toEqual([{type: 'ERROR', object: expect.objectContaining({kind: 'Status', code: 410, reason: 'Expired'})}]);
	});

	it('ends open watches on closeWatches (done is called)', async () => {
		const stream = await watch({});
		await waitFor(() => stream.events.length > 0);
		harness.sandbox.faults.closeWatches();
		await waitFor(() => stream.state.done);
		expect(stream.state.error).toBeFalsy();
	});
});

describe('client-node informer', () => {
	it('sees adds, updates and deletes, and keeps following after watches are closed', async () => {
		const informer = makeInformer(config, path, () => core.listNamespacedConfigMap({namespace}));
		const seen: string[] = [];
		informer.on('add', object => seen.push(`add ${object.metadata?.name}`));
		informer.on('update', object => seen.push(`update ${object.metadata?.name} ${object.data?.['value']}`));
		informer.on('delete', object => seen.push(`delete ${object.metadata?.name}`));
		informer.on('error', () => undefined);
		await informer.start();
		try {
			await core.createNamespacedConfigMap({namespace, body: body('inf')});
			await waitFor(() => seen.includes('add inf'), {describe: () => seen.join(', ')});
			const live = await core.readNamespacedConfigMap({name: 'inf', namespace});
			await core.replaceNamespacedConfigMap({name: 'inf', namespace, body: {...live, data: {value: '2'}}});
			await waitFor(() => seen.includes('update inf 2'), {describe: () => seen.join(', ')});
			harness.sandbox.faults.closeWatches();
			await core.deleteNamespacedConfigMap({name: 'inf', namespace});
			await waitFor(() => seen.includes('delete inf'), {describe: () => seen.join(', ')});
			expect(informer.list().some(o => o.metadata?.name === 'inf')).toBe(false);
		} finally {
			await informer.stop();
		}
	});
});
