/**
 * The simulated Argo CD application controller through client-node: comparison (sync status, per-resource
 * status and health, revision), the refresh annotation, automated sync with selfHeal undoing drift, a sync
 * `operation` with history, and ComparisonError when the repository cannot be fetched.
 */
import {afterEach, describe, expect, it} from 'vitest';
import type {KubeObject} from '../../../source/domain/kube-object.js';
import type {Git} from '../../../source/repo/git-runner.js';
import {closedPort, recordingGit} from '../../support/repo-helpers.js';
import {crds, startGitOpsWorld, type GitOpsWorld} from '../../support/gitops-world.js';

let world: GitOpsWorld | undefined;
afterEach(async () => {
	await world?.stop();
	world = undefined;
});

const configMap = (colour: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  colour: ${colour}\n`;
const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  selector: {app: api}\n  ports:\n    - port: 80\n';

type AppStatus = {
	sync?: {status: string; revision?: string};
	health?: {status: string};
	resources?: Array<{kind: string; name: string; status: string; health?: {status: string}; requiresPruning?: boolean}>;
	conditions?: Array<{type: string; message: string}>;
	operationState?: {phase: string; message: string; syncResult?: {revision: string}};
	history?: Array<{id: number; revision: string; deployedAt: string; deployStartedAt: string; initiatedBy: Record<string, unknown>}>;
};
const statusOf = (app: KubeObject) => (app['status'] ?? {}) as AppStatus;

async function start(syncPolicy?: Record<string, unknown>, url?: string, git?: Git, extra: Record<string, unknown> = {}): Promise<GitOpsWorld> {
	world = await startGitOpsWorld({files: {'apps/api/settings.yaml': configMap('blue'), 'apps/api/service.yaml': service}, gitops: {argo: {resyncMs: 60_000, selfHealTimeoutMs: 5000}, ...(git ? {git} : {})}});
	for (const name of ['argocd', 'api']) await world.core.createNamespace({body: {apiVersion: 'v1', kind: 'Namespace', metadata: {name}}});
	await world.create(crds.application, {
		apiVersion: 'argoproj.io/v1alpha1',
		kind: 'Application',
		metadata: {name: 'api', namespace: 'argocd'},
		spec: {
			project: 'default',
			source: {repoURL: url ?? world.url, path: 'apps/api', targetRevision: 'main'},
			destination: {server: 'https://kubernetes.default.svc', namespace: 'api'},
			...(syncPolicy ? {syncPolicy} : {}),
			...extra,
		},
	});
	await world.gitops.settle();
	return world;
}

const read = (w: GitOpsWorld) => w.read(crds.application, 'argocd', 'api');

describe('Argo CD application controller', () => {
	it('compares without syncing when not automated: OutOfSync, Missing resources, the resolved revision', async () => {
		const w = await start();
		const app = await read(w);
		expect(statusOf(app).sync).toMatchObject({status: 'OutOfSync', revision: expect.stringMatching(/^[0-9a-f]{40}$/)});
		expect(statusOf(app).health?.status).toBe('Missing');
		expect(statusOf(app).resources?.map(resource => `${resource.kind}/${resource.name} ${resource.status} ${resource.health?.status ?? '-'}`)).toEqual(['ConfigMap/settings OutOfSync Missing', 'Service/api OutOfSync Missing']);
		await expect(w.core.readNamespacedConfigMap({name: 'settings', namespace: 'api'})).rejects.toThrow(/404|not found/i);
	});

	it('runs a sync operation: Running then Succeeded, history appended, operation cleared, then Synced', async () => {
		const w = await start();
		await w.edit(crds.application, 'argocd', 'api', object => {
			object['operation'] = {sync: {revision: 'main', prune: true}, initiatedBy: {username: 'alice@example.com'}};
		});
		await w.gitops.settle();
		const app = await read(w);
		const status = statusOf(app);
		expect(app['operation']).toBeUndefined();
		expect(status.operationState).toMatchObject({phase: 'Succeeded', message: 'successfully synced (all tasks run)', syncResult: {revision: status.sync?.revision}});
		expect(status.history).toEqual([expect.objectContaining({id: 0, revision: status.sync?.revision, initiatedBy: {username: 'alice@example.com'}, deployedAt: expect.any(String), deployStartedAt: expect.any(String)})]);
		expect(status.sync?.status).toBe('Synced');
		expect(status.health?.status).toBe('Healthy');
		const settings = await w.core.readNamespacedConfigMap({name: 'settings', namespace: 'api'});
		expect(settings.metadata?.labels?.['app.kubernetes.io/instance']).toBe('api');
		expect(settings.metadata?.annotations?.['argocd.argoproj.io/tracking-id']).toBe('api:/ConfigMap:api/settings');
		expect(settings.metadata?.managedFields?.map(entry => entry.manager)).toContain('argocd-controller');
	});

	it('refreshes when asked through the annotation, which it then removes', async () => {
		const w = await start({automated: {prune: true}});
		const before = statusOf(await read(w)).sync?.revision;
		const next = w.commit({'apps/api/settings.yaml': configMap('green')}, 'green');
		await w.edit(crds.application, 'argocd', 'api', object => {
			object.metadata.annotations = {'argocd.argoproj.io/refresh': 'normal'};
		});
		await w.gitops.settle();
		const app = await read(w);
		expect(before).not.toBe(next);
		expect(app.metadata.annotations?.['argocd.argoproj.io/refresh']).toBeUndefined();
		expect(statusOf(app).sync).toMatchObject({status: 'Synced', revision: next});
		expect(statusOf(app).history?.map(entry => entry.revision)).toEqual([before, next]);
		expect((await w.core.readNamespacedConfigMap({name: 'settings', namespace: 'api'})).data).toEqual({colour: 'green'});
	});

	it('self-heals drift after the self-heal timeout when selfHeal is on; prunes what left Git', async () => {
		const w = await start({automated: {prune: true, selfHeal: true}});
		await w.core.patchNamespacedConfigMap({name: 'settings', namespace: 'api', fieldManager: 'kubectl-edit', body: [{op: 'replace', path: '/data/colour', value: 'hand-edited'}]});
		await w.gitops.settle();
		expect(statusOf(await read(w)).sync?.status).toBe('OutOfSync');
		await w.advance(5000);
		expect((await w.core.readNamespacedConfigMap({name: 'settings', namespace: 'api'})).data).toEqual({colour: 'blue'});
		expect(statusOf(await read(w)).sync?.status).toBe('Synced');

		w.commit({'apps/api/service.yaml': null}, 'drop the service');
		await w.advance(60_000);
		await expect(w.core.readNamespacedService({name: 'api', namespace: 'api'})).rejects.toThrow(/404|not found/i);
		expect(statusOf(await read(w)).resources?.map(resource => resource.kind)).toEqual(['ConfigMap']);
	});

	it('sees drift on a tracked resource at once, comparing with the manifests it has (no new fetch)', async () => {
		const recorder = recordingGit({...process.env, GIT_CONFIG_NOSYSTEM: '1'});
		const w = await start({automated: {prune: true}}, undefined, recorder.git);
		const fetches = () => recorder.verbs().filter(verb => verb === 'fetch').length;
		const before = fetches();
		await w.core.patchNamespacedConfigMap({name: 'settings', namespace: 'api', fieldManager: 'kubectl-edit', body: [{op: 'replace', path: '/data/colour', value: 'hand-edited'}]});
		await w.gitops.settle();
		const app = await read(w);
		expect(statusOf(app).resources?.find(resource => resource.kind === 'ConfigMap')?.status).toBe('OutOfSync');
		expect(fetches()).toBe(before);
		await w.advance(60_000);
		expect(fetches()).toBeGreaterThan(before);
	});

	it('does not count, nor self-heal, differences its ignoreDifferences name', async () => {
		const ignoreDifferences = [{kind: 'ConfigMap', name: 'settings', jsonPointers: ['/data/colour']}, {kind: 'Service', managedFieldsManagers: ['kubectl-edit']}];
		const w = await start({automated: {prune: true, selfHeal: true}}, undefined, undefined, {ignoreDifferences});
		await w.core.patchNamespacedConfigMap({name: 'settings', namespace: 'api', fieldManager: 'kubectl-patch', body: [{op: 'replace', path: '/data/colour', value: 'hand-edited'}]});
		await w.core.patchNamespacedService({name: 'api', namespace: 'api', fieldManager: 'kubectl-edit', body: [{op: 'replace', path: '/spec/selector/app', value: 'api-canary'}]});
		await w.advance(60_000);
		expect((await w.core.readNamespacedConfigMap({name: 'settings', namespace: 'api'})).data).toEqual({colour: 'hand-edited'});
		expect((await w.core.readNamespacedService({name: 'api', namespace: 'api'})).spec?.selector).toEqual({app: 'api-canary'});
		expect(statusOf(await read(w)).sync?.status).toBe('Synced');
	});

	it('leaves drift alone without selfHeal: the revision was already synced', async () => {
		const w = await start({automated: {prune: true}});
		await w.core.patchNamespacedConfigMap({name: 'settings', namespace: 'api', fieldManager: 'kubectl-edit', body: [{op: 'replace', path: '/data/colour', value: 'hand-edited'}]});
		await w.advance(2 * 60_000);
		expect((await w.core.readNamespacedConfigMap({name: 'settings', namespace: 'api'})).data).toEqual({colour: 'hand-edited'});
		const app = await read(w);
		expect(statusOf(app).sync?.status).toBe('OutOfSync');
		expect(statusOf(app).resources?.find(resource => resource.kind === 'ConfigMap')?.status).toBe('OutOfSync');
	});

	it('syncs at once when automated sync is turned (back) on', async () => {
		const w = await start();
		expect(statusOf(await read(w)).sync?.status).toBe('OutOfSync');
		await w.edit(crds.application, 'argocd', 'api', object => {
			(object['spec'] as {syncPolicy?: unknown}).syncPolicy = {automated: {prune: true}};
		});
		await w.gitops.settle();
		const app = await read(w);
		expect(statusOf(app).sync?.status).toBe('Synced');
		expect(statusOf(app).history?.[0]?.initiatedBy).toEqual({automated: true});
	});

	it('reports ComparisonError with the git error when the repository cannot be fetched', async () => {
		const port = await closedPort();
		const w = await start({automated: {prune: true}}, `git://127.0.0.1:${port}/fleet.git`);
		const app = await read(w);
		expect(statusOf(app).sync?.status).toBe('Unknown');
		expect(statusOf(app).conditions).toEqual([expect.objectContaining({type: 'ComparisonError', message: expect.stringMatching(/^Failed to load target state: .*connection refused/i)})]);
		expect(statusOf(app).operationState).toBeUndefined();
	});
});
