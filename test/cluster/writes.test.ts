import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {ContextClient} from '../../source/cluster/context-client.js';
import {deleteObject, mergePatch, patchAnnotations, patchSyncPolicy, serverSideApply, setSuspend} from '../../source/cluster/writes.js';
import type {KubeObject} from '../../source/domain/kube-object.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {openTestClients} from '../support/cluster-sandbox.js';

const kustomization: KubeObject = {
	apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
	kind: 'Kustomization',
	metadata: {name: 'shop', namespace: 'flux-system'},
	spec: {interval: '5m', path: './apps/shop', prune: true, sourceRef: {kind: 'GitRepository', name: 'fleet'}},
};

const application: KubeObject = {
	apiVersion: 'argoproj.io/v1alpha1',
	kind: 'Application',
	metadata: {name: 'shop', namespace: 'argocd'},
	spec: {
		project: 'default',
		source: {repoURL: 'https://git.example/fleet.git', path: 'apps/shop', targetRevision: 'main'},
		destination: {server: 'https://kubernetes.default.svc', namespace: 'shop'},
		syncPolicy: {automated: {prune: true, selfHeal: true}},
	},
};

function configMap(name: string, data: Record<string, string>, namespace = 'shop'): KubeObject {
	return {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name, namespace}, data};
}

let sandbox: Sandbox;
let connection: Awaited<ReturnType<typeof openTestClients>>;
let admin: ContextClient;
let viewer: ContextClient;

beforeAll(async () => {
	sandbox = await startSandbox({simulate: false, seed: [kustomization, application, configMap('existing', {a: '1'})]});
	connection = await openTestClients(sandbox.kubeconfig(), ['sandbox', 'sandbox-viewer']);
	[admin, viewer] = connection.clients as [ContextClient, ContextClient];
});

afterAll(async () => {
	await connection?.close();
	await sandbox?.stop();
});

const stored = (kind: string, apiVersion: string, namespace: string, name: string) => sandbox.objects.get(sandbox.objects.resourceType(apiVersion, kind)!, namespace, name);

describe('server-side apply', () => {
	it('creates the object as field manager gitops-tui; applying it again changes nothing', async () => {
		const first = await serverSideApply(admin, configMap('applied', {color: 'blue'}));
		expect(first.ok).toBe(true);
		if (!first.ok) return;
		expect(first.value.metadata.managedFields?.map(entry => [entry.manager, entry.operation])).toEqual([['gitops-tui', 'Apply']]);
		const again = await serverSideApply(admin, configMap('applied', {color: 'blue'}));
		expect(again.ok && again.value.metadata.resourceVersion).toBe(first.value.metadata.resourceVersion);
		const patch = sandbox.requests().find(request => request.method === 'PATCH' && request.path.endsWith('/configmaps/applied'));
		expect(patch?.query).toMatchObject({fieldManager: 'gitops-tui'});
		expect(patch?.query).not.toHaveProperty('force');
	});

	it('dry-run answers with the result and stores nothing', async () => {
		const result = await serverSideApply(admin, configMap('existing', {a: '2'}), {dryRun: true, force: true});
		expect(result.ok && result.value['data']).toEqual({a: '2'});
		expect(stored('ConfigMap', 'v1', 'shop', 'existing')?.['data']).toEqual({a: '1'});
	});

	it('a conflict names the fields and the managers that own them; force takes them over', async () => {
		const other = await serverSideApply(admin, configMap('contested', {owner: 'theirs'}), {fieldManager: 'helm'});
		expect(other.ok).toBe(true);
		const conflict = await serverSideApply(admin, configMap('contested', {owner: 'ours'}));
		expect(conflict.ok).toBe(false);
		if (conflict.ok) return;
		expect(conflict.error.kind).toBe('conflict');
		expect(conflict.error.conflicts).toEqual([{field: '.data.owner', manager: 'helm'}]);
		const forced = await serverSideApply(admin, configMap('contested', {owner: 'ours'}), {force: true});
		expect(forced.ok && forced.value['data']).toEqual({owner: 'ours'});
	});

	it('puts namespaced objects without a namespace in the context namespace', async () => {
		const result = await serverSideApply(admin, {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'no-namespace'}, data: {}});
		expect(result.ok && result.value.metadata.namespace).toBe('default');
	});

	it('rejects an invalid object with the causes', async () => {
		const result = await serverSideApply(admin, configMap('Bad_Name', {}));
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.error.kind).toBe('invalid');
		expect(result.error.causes?.[0]?.field).toBe('metadata.name');
	});

	it('is forbidden for the viewer', async () => {
		const result = await serverSideApply(viewer, configMap('viewer-try', {}));
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.error.kind).toBe('forbidden');
			expect(result.error.message).toContain('viewer');
		}
	});

	it('fails for a kind the server does not serve', async () => {
		const result = await serverSideApply(admin, {apiVersion: 'example.com/v1', kind: 'Widget', metadata: {name: 'w'}});
		expect(!result.ok && result.error.kind).toBe('not-found');
	});
});

describe('merge patches', () => {
	it('sets and removes annotations', async () => {
		const ref = {apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'existing'};
		const set = await patchAnnotations(admin, ref, {'gitops-tui/paused-by': 'alice', 'gitops-tui/reason': 'incident'});
		expect(set.ok && set.value.metadata.annotations).toEqual({'gitops-tui/paused-by': 'alice', 'gitops-tui/reason': 'incident'});
		const removed = await patchAnnotations(admin, ref, {'gitops-tui/reason': null});
		expect(removed.ok && removed.value.metadata.annotations).toEqual({'gitops-tui/paused-by': 'alice'});
	});

	it('suspends and resumes a Flux Kustomization', async () => {
		const ref = {apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', namespace: 'flux-system', name: 'shop'};
		const suspended = await setSuspend(admin, ref, true);
		expect(suspended.ok && (suspended.value['spec'] as {suspend?: boolean}).suspend).toBe(true);
		expect((stored('Kustomization', 'kustomize.toolkit.fluxcd.io/v1', 'flux-system', 'shop')?.['spec'] as {suspend?: boolean}).suspend).toBe(true);
		const resumed = await setSuspend(admin, ref, false);
		expect(resumed.ok && (resumed.value['spec'] as {suspend?: boolean}).suspend).toBe(false);
	});

	it('removes and restores an Argo CD automated sync policy', async () => {
		const ref = {apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace: 'argocd', name: 'shop'};
		const paused = await patchSyncPolicy(admin, ref, {automated: null});
		expect(paused.ok && (paused.value['spec'] as {syncPolicy?: unknown}).syncPolicy).toEqual({});
		const resumed = await patchSyncPolicy(admin, ref, {automated: {prune: true, selfHeal: true}});
		expect(resumed.ok && (resumed.value['spec'] as {syncPolicy?: unknown}).syncPolicy).toEqual({automated: {prune: true, selfHeal: true}});
	});

	it('dry-run patches store nothing, and a missing object is not-found', async () => {
		const ref = {apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'existing'};
		const dry = await mergePatch(admin, ref, {data: {a: 'dry'}}, {dryRun: true});
		expect(dry.ok && dry.value['data']).toEqual({a: 'dry'});
		expect(stored('ConfigMap', 'v1', 'shop', 'existing')?.['data']).toEqual({a: '1'});
		const missing = await mergePatch(admin, {...ref, name: 'nope'}, {data: {}});
		expect(!missing.ok && missing.error.kind).toBe('not-found');
	});
});

describe('delete', () => {
	it('deletes, and says not-found the second time', async () => {
		await serverSideApply(admin, configMap('doomed', {}));
		const ref = {apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'doomed'};
		expect((await deleteObject(admin, ref)).ok).toBe(true);
		expect(stored('ConfigMap', 'v1', 'shop', 'doomed')).toBeUndefined();
		const again = await deleteObject(admin, ref);
		expect(!again.ok && again.error.kind).toBe('not-found');
	});
});
