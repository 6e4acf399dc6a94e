/**
 * One app's live objects read alone (app-live-reads.ts) against the sandbox over HTTPS: by label selector and by
 * name when its ownership can be selected, a kind listed whole when it cannot (Helm's release annotations, an
 * Argo CD app whose controller listed no resources yet); a missing object is simply absent, never an error.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {ContextClient} from '../../source/cluster/context-client.js';
import type {KubeObject} from '../../source/domain/kube-object.js';
import {readAppsLive} from '../../source/engines/app-live-reads.js';
import type {AppDefinition, OwnershipRule} from '../../source/engines/engine.js';
import {createLiveSnapshot} from '../../source/engines/live-snapshot.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {openTestClients, prefixKubeconfig, joinKubeconfigs} from '../support/cluster-sandbox.js';

let sandbox: Sandbox;
let clients: Map<string, ContextClient>;
let close: () => Promise<void>;

const cm = (name: string, metadata: Partial<KubeObject['metadata']> = {}): KubeObject => ({apiVersion: 'v1', kind: 'ConfigMap', metadata: {name, namespace: 'shop', ...metadata}, data: {k: 'v'}});

beforeAll(async () => {
	sandbox = await startSandbox({simulate: false});
	sandbox.seed([
		cm('web', {labels: {'gitops-tui.io/app': 'web'}}),
		cm('web-extra', {labels: {'gitops-tui.io/app': 'web'}}),
		cm('web-unlabelled'),
		cm('chart-made', {annotations: {'meta.helm.sh/release-name': 'web', 'meta.helm.sh/release-namespace': 'shop'}}),
		cm('someone-else', {labels: {'gitops-tui.io/app': 'other'}}),
	]);
	const opened = await openTestClients(joinKubeconfigs([prefixKubeconfig(sandbox.kubeconfig(), '')]), ['sandbox'], {timeoutMs: 5000});
	clients = new Map(opened.clients.map(client => [client.name, client]));
	close = opened.close;
});

afterAll(async () => {
	await close?.();
	await sandbox?.stop();
});

const app = (ownership: OwnershipRule[], extra: Partial<AppDefinition> = {}): AppDefinition =>
	({name: 'web', context: 'sandbox', defaultNamespace: 'shop', ownership, liveKinds: [], ...extra}) as unknown as AppDefinition;

async function read(definition: AppDefinition, desired: KubeObject[]) {
	sandbox.clearRequests();
	const base = createLiveSnapshot({clients});
	const view = await readAppsLive([{app: definition, objects: desired}], {clients, base});
	const state = view.kind('sandbox', '', 'ConfigMap');
	const gets = sandbox.requests().filter(request => request.method === 'GET' && request.path.includes('configmaps'));
	return {names: state?.ok ? state.objects.map(entry => entry.object.metadata.name) : state, gets: gets.map(request => `${request.path}${request.query['labelSelector'] ? `?${request.query['labelSelector']}` : ''}`)};
}

describe('readAppsLive', () => {
	it('a labelled app: one selected list per kind, a read by name for a desired object the selector missed, nothing absent reported', async () => {
		const {names, gets} = await read(app([{kind: 'labels', values: {'gitops-tui.io/app': 'web'}}]), [cm('web'), cm('web-unlabelled'), cm('not-there')]);
		expect(names).toEqual(['web', 'web-extra', 'web-unlabelled']);
		expect(gets.filter(path => path.startsWith('/api/v1/configmaps'))).toEqual(['/api/v1/configmaps?gitops-tui.io/app=web']);
		expect(gets.filter(path => path.includes('/namespaces/')).sort()).toEqual(['/api/v1/namespaces/shop/configmaps/not-there', '/api/v1/namespaces/shop/configmaps/web-unlabelled']);
	});

	it('a Flux inventory: only reads by name', async () => {
		const {names, gets} = await read(app([{kind: 'inventory', ids: ['/ConfigMap/shop/web-extra']}]), [cm('web')]);
		expect(names).toEqual(['web', 'web-extra']);
		expect(gets.every(path => path.includes('/namespaces/shop/configmaps/'))).toBe(true);
	});

	it("Argo CD's resource list is read by name; without one, and for Helm's annotations, the kind is listed whole", async () => {
		const tracked: OwnershipRule = {kind: 'argo-tracking-id', appNames: ['web']};
		const listed = await read(app([tracked], {listedIds: ['/ConfigMap/shop/chart-made']}), []);
		expect(listed.names).toEqual(['chart-made']);
		const unlisted = await read(app([tracked]), []);
		expect(unlisted.gets).toEqual(['/api/v1/configmaps']);
		expect(unlisted.names).toHaveLength(5);
		const helm = await read(app([{kind: 'annotations', values: {'meta.helm.sh/release-name': 'web'}}]), []);
		expect(helm.gets).toEqual(['/api/v1/configmaps']);
	});
});
