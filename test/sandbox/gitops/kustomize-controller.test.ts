/**
 * The simulated kustomize-controller through client-node: it applies a real repository's path at the source's
 * revision as `kustomize-controller` with Flux's labels, writes inventory and revisions, undoes a hand edit by
 * `kubectl-edit` on its interval (Flux takes over kubectl's fields), prunes what left Git, stops while
 * suspended, answers requestedAt, honours `reconcile: disabled` and `ssa: Ignore|IfNotPresent|Merge` as Flux does, and
 * says ArtifactFailed without a source.
 */
import {afterEach, describe, expect, it} from 'vitest';
import type {KubeObject} from '../../../source/domain/kube-object.js';
import {condition, crds, startGitOpsWorld, type GitOpsWorld} from '../../support/gitops-world.js';

let world: GitOpsWorld | undefined;
afterEach(async () => {
	await world?.stop();
	world = undefined;
});

const deployment = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: ${image}
`;
const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  colour: ${COLOUR}\n';

async function start(kustomization: Record<string, unknown> = {}): Promise<GitOpsWorld> {
	world = await startGitOpsWorld({files: {'apps/web/deployment.yaml': deployment('nginx:1.25'), 'apps/web/settings.yaml': configMap}});
	for (const name of ['flux-system', 'web']) await world.core.createNamespace({body: {apiVersion: 'v1', kind: 'Namespace', metadata: {name}}});
	await world.create(crds.gitRepository, {
		apiVersion: 'source.toolkit.fluxcd.io/v1',
		kind: 'GitRepository',
		metadata: {name: 'fleet', namespace: 'flux-system'},
		spec: {interval: '1m', url: world.url, ref: {branch: 'main'}},
	});
	await world.create(crds.kustomization, {
		apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
		kind: 'Kustomization',
		metadata: {name: 'web', namespace: 'flux-system'},
		spec: {interval: '2m', path: './apps/web', prune: true, sourceRef: {kind: 'GitRepository', name: 'fleet'}, targetNamespace: 'web', postBuild: {substitute: {COLOUR: 'blue'}}, ...kustomization},
	});
	await world.gitops.settle();
	return world;
}

const statusOf = (object: KubeObject) => object['status'] as {lastAppliedRevision?: string; lastAttemptedRevision?: string; lastHandledReconcileAt?: string; observedGeneration?: number; inventory?: {entries: Array<{id: string; v: string}>}};
const image = async (w: GitOpsWorld) => (await w.apps.readNamespacedDeployment({name: 'web', namespace: 'web'})).spec?.template.spec?.containers[0]?.image;

async function handEdit(w: GitOpsWorld): Promise<void> {
	await w.apps.patchNamespacedDeployment({
		name: 'web',
		namespace: 'web',
		fieldManager: 'kubectl-edit',
		body: [
			{op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'nginx:hand-edited'},
			{op: 'add', path: '/metadata/labels/edited-by', value: 'alice'},
		],
	});
}

describe('kustomize-controller', () => {
	it('applies the path at the source revision with Flux labels, inventory and revisions', async () => {
		const w = await start();
		const source = await w.read(crds.gitRepository, 'flux-system', 'fleet');
		const revision = (source['status'] as {artifact: {revision: string}}).artifact.revision;
		const ks = await w.read(crds.kustomization, 'flux-system', 'web');
		expect(condition(ks, 'Ready')).toEqual(expect.objectContaining({status: 'True', reason: 'ReconciliationSucceeded', message: `Applied revision: ${revision}`}));
		expect(condition(ks, 'Reconciling')).toBeUndefined();
		expect(statusOf(ks)).toMatchObject({lastAppliedRevision: revision, lastAttemptedRevision: revision, observedGeneration: 1});
		expect(statusOf(ks).inventory?.entries).toEqual([
			{id: 'web_settings__ConfigMap', v: 'v1'},
			{id: 'web_web_apps_Deployment', v: 'v1'},
		]);
		const live = await w.apps.readNamespacedDeployment({name: 'web', namespace: 'web'});
		expect(live.metadata?.labels).toMatchObject({'kustomize.toolkit.fluxcd.io/name': 'web', 'kustomize.toolkit.fluxcd.io/namespace': 'flux-system'});
		expect(live.metadata?.managedFields?.map(entry => `${entry.manager}/${entry.operation}`)).toContain('kustomize-controller/Apply');
		const settings = await w.core.readNamespacedConfigMap({name: 'settings', namespace: 'web'});
		expect(settings.data).toEqual({colour: 'blue'});
	});

	it('undoes a hand edit by kubectl-edit on its next interval, taking over kubectl’s fields', async () => {
		const w = await start();
		await handEdit(w);
		await w.gitops.settle();
		expect(await image(w)).toBe('nginx:hand-edited');
		await w.advance(2 * 60_000);
		const live = await w.apps.readNamespacedDeployment({name: 'web', namespace: 'web'});
		expect(live.spec?.template.spec?.containers[0]?.image).toBe('nginx:1.25');
		expect(live.metadata?.labels?.['edited-by']).toBeUndefined();
		expect(live.metadata?.managedFields?.map(entry => entry.manager)).not.toContain('kubectl-edit');
	});

	it('leaves objects marked reconcile: disabled alone', async () => {
		const w = await start();
		await w.apps.patchNamespacedDeployment({
			name: 'web',
			namespace: 'web',
			fieldManager: 'kubectl-annotate',
			body: [{op: 'add', path: '/metadata/annotations', value: {'kustomize.toolkit.fluxcd.io/reconcile': 'disabled'}}],
		});
		await handEdit(w);
		await w.advance(2 * 60_000);
		expect(await image(w)).toBe('nginx:hand-edited');
	});

	it('never applies an object marked ssa: Ignore in Git, not even to create it (any case of the value)', async () => {
		const w = await start();
		const ignored = (name: string, value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  annotations:\n    kustomize.toolkit.fluxcd.io/ssa: ${value}\ndata:\n  a: b\n`;
		w.commit({'apps/web/ignored.yaml': ignored('ignored', 'Ignore'), 'apps/web/lower.yaml': ignored('lower', 'ignore')}, 'two ignored ConfigMaps');
		await w.advance(60_000);
		const ks = await w.read(crds.kustomization, 'flux-system', 'web');
		expect(condition(ks, 'Ready')).toMatchObject({status: 'True', reason: 'ReconciliationSucceeded'});
		for (const name of ['ignored', 'lower']) await expect(w.core.readNamespacedConfigMap({name, namespace: 'web'})).rejects.toThrow(/404|not found/i);
		expect(statusOf(ks).inventory?.entries.map(entry => entry.id)).toEqual(['web_settings__ConfigMap', 'web_web_apps_Deployment']);
	});

	it('creates an object marked ssa: IfNotPresent, then never touches it again', async () => {
		const w = await start();
		w.commit({'apps/web/deployment.yaml': deployment('nginx:1.25').replace('  name: web\n', '  name: web\n  annotations:\n    kustomize.toolkit.fluxcd.io/ssa: IfNotPresent\n')}, 'web: IfNotPresent');
		await w.advance(60_000);
		await handEdit(w);
		await w.advance(2 * 60_000);
		expect(await image(w)).toBe('nginx:hand-edited');
		await w.apps.deleteNamespacedDeployment({name: 'web', namespace: 'web'});
		await w.advance(2 * 60_000);
		expect(await image(w)).toBe('nginx:1.25');
	});

	it('leaves other managers’ fields alone on an object marked ssa: Merge (no takeover), still reverting the fields Git sets', async () => {
		const w = await start();
		await w.apps.patchNamespacedDeployment({
			name: 'web',
			namespace: 'web',
			fieldManager: 'kubectl-annotate',
			body: [{op: 'add', path: '/metadata/annotations', value: {'kustomize.toolkit.fluxcd.io/ssa': 'merge'}}],
		});
		await handEdit(w);
		await w.advance(2 * 60_000);
		const live = await w.apps.readNamespacedDeployment({name: 'web', namespace: 'web'});
		expect(live.spec?.template.spec?.containers[0]?.image).toBe('nginx:1.25');
		expect(live.metadata?.labels?.['edited-by']).toBe('alice');
		expect(live.metadata?.managedFields?.map(entry => entry.manager)).toContain('kubectl-edit');
	});

	it('prunes what left Git even when marked ssa: Ignore live, but not when marked reconcile: disabled', async () => {
		const w = await start();
		w.commit({'apps/web/extra.yaml': configMap.replace('name: settings', 'name: extra')}, 'add extra');
		await w.advance(60_000);
		for (const [name, key, value] of [['settings', 'kustomize.toolkit.fluxcd.io/ssa', 'Ignore'], ['extra', 'kustomize.toolkit.fluxcd.io/reconcile', 'disabled']] as const) {
			await w.core.patchNamespacedConfigMap({name, namespace: 'web', fieldManager: 'kubectl-annotate', body: [{op: 'add', path: '/metadata/annotations', value: {[key]: value}}]});
		}
		w.commit({'apps/web/settings.yaml': null, 'apps/web/extra.yaml': null}, 'drop both');
		await w.advance(60_000);
		await expect(w.core.readNamespacedConfigMap({name: 'settings', namespace: 'web'})).rejects.toThrow(/404|not found/i);
		expect((await w.core.readNamespacedConfigMap({name: 'extra', namespace: 'web'})).data).toEqual({colour: 'blue'});
	});

	it('prunes what left Git once the source brings the new revision', async () => {
		const w = await start();
		const next = w.commit({'apps/web/settings.yaml': null, 'apps/web/deployment.yaml': deployment('nginx:1.26')}, 'drop settings, nginx 1.26');
		await w.advance(60_000);
		const ks = await w.read(crds.kustomization, 'flux-system', 'web');
		expect(statusOf(ks).lastAppliedRevision).toBe(`main@sha1:${next}`);
		expect(statusOf(ks).inventory?.entries).toEqual([{id: 'web_web_apps_Deployment', v: 'v1'}]);
		await expect(w.core.readNamespacedConfigMap({name: 'settings', namespace: 'web'})).rejects.toThrow(/404|not found/i);
		expect(await image(w)).toBe('nginx:1.26');
		const events = await w.core.listNamespacedEvent({namespace: 'flux-system'});
		expect(events.items.map(event => event.message).join('\n')).toContain('ConfigMap/web/settings deleted');
	});

	it('applies nothing while suspended; requestedAt after resuming reconciles at once', async () => {
		const w = await start();
		await w.edit(crds.kustomization, 'flux-system', 'web', object => {
			(object['spec'] as {suspend?: boolean}).suspend = true;
		});
		await handEdit(w);
		await w.advance(10 * 60_000);
		expect(await image(w)).toBe('nginx:hand-edited');
		await w.edit(crds.kustomization, 'flux-system', 'web', object => {
			(object['spec'] as {suspend?: boolean}).suspend = false;
			object.metadata.annotations = {'reconcile.fluxcd.io/requestedAt': 'resume-1'};
		});
		await w.gitops.settle();
		expect(await image(w)).toBe('nginx:1.25');
		expect(statusOf(await w.read(crds.kustomization, 'flux-system', 'web')).lastHandledReconcileAt).toBe('resume-1');
	});

	it('waits for dependsOn to be Ready at the source revision, then goes', async () => {
		const w = await start({dependsOn: [{name: 'infra'}]});
		const ks = await w.read(crds.kustomization, 'flux-system', 'web');
		expect(condition(ks, 'Ready')).toMatchObject({status: 'False', reason: 'DependencyNotReady', message: "dependency 'flux-system/infra' not found"});
		await w.create(crds.kustomization, {
			apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
			kind: 'Kustomization',
			metadata: {name: 'infra', namespace: 'flux-system'},
			spec: {interval: '10m', path: './apps/web', prune: false, sourceRef: {kind: 'GitRepository', name: 'fleet'}, targetNamespace: 'web', postBuild: {substitute: {COLOUR: 'blue'}}},
		});
		await w.gitops.settle();
		expect(condition(await w.read(crds.kustomization, 'flux-system', 'web'), 'Ready')).toMatchObject({status: 'True', reason: 'ReconciliationSucceeded'});
	});

	it('deleted with prune, takes what it applied with it (Flux finalizer)', async () => {
		const w = await start();
		expect((await w.read(crds.kustomization, 'flux-system', 'web')).metadata.finalizers).toEqual(['finalizers.fluxcd.io']);
		await w.custom.deleteNamespacedCustomObject({...crds.kustomization, namespace: 'flux-system', name: 'web'});
		await w.gitops.settle();
		await expect(w.read(crds.kustomization, 'flux-system', 'web')).rejects.toThrow(/404|not found/i);
		await expect(w.apps.readNamespacedDeployment({name: 'web', namespace: 'web'})).rejects.toThrow(/404|not found/i);
		await expect(w.core.readNamespacedConfigMap({name: 'settings', namespace: 'web'})).rejects.toThrow(/404|not found/i);
	});

	it('builds with its own images and patches (Flux writes them into the build as a kustomize overlay)', async () => {
		const w = await start({
			images: [{name: 'nginx', newTag: '1.99'}],
			patches: [{target: {kind: 'Deployment', name: 'web'}, patch: '- op: replace\n  path: /spec/replicas\n  value: 3\n'}],
		});
		const ks = await w.read(crds.kustomization, 'flux-system', 'web');
		expect(condition(ks, 'Ready')).toMatchObject({status: 'True'});
		const live = await w.apps.readNamespacedDeployment({name: 'web', namespace: 'web'});
		expect(live.spec?.template.spec?.containers[0]?.image).toBe('nginx:1.99');
		expect(live.spec?.replicas).toBe(3);
	});

	it('is Ready False with ArtifactFailed when its source does not exist', async () => {
		const w = await start({sourceRef: {kind: 'GitRepository', name: 'nope'}});
		const ks = await w.read(crds.kustomization, 'flux-system', 'web');
		expect(condition(ks, 'Ready')).toMatchObject({status: 'False', reason: 'ArtifactFailed', message: "Source 'GitRepository/flux-system/nope' not found"});
	});
});
