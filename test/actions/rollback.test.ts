/**
 * Rollback with the Git server down: the remote refusing connections, then hanging. Everything comes from the
 * local clone (no git network verb runs, the hanging server sees no connection), auto-sync is paused with the
 * reason `rollback to <sha>`, objects are applied as the controller's field manager, and the app ends Healthy on
 * the old image. Resume then clears the pause.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {KubeObject} from '../../source/domain/kube-object.js';
import {gitSync, silentServer} from '../support/repo-helpers.js';
import {repoObjects} from '../support/scenario-cluster.js';
import {scenarioApp} from '../support/scenario-cli.js';
import {startActionHarness, target, type ActionHarness} from '../support/action-harness.js';

let harness: ActionHarness;
let hanging: Awaited<ReturnType<typeof silentServer>>;
let initial: string;
beforeAll(async () => {
	harness = await startActionHarness();
	hanging = await silentServer();
	initial = harness.scenario.deployed;
}, 60_000);
afterAll(async () => {
	await hanging?.close();
	await harness?.stop();
});

const networkVerbs = ['fetch', 'clone', 'pull', 'ls-remote', 'remote-https', 'push'];
const image = (deployment: KubeObject | undefined) => (deployment?.['spec'] as {template: {spec: {containers: Array<{image: string}>}}} | undefined)?.template.spec.containers[0]?.image;
const managersOf = (object: KubeObject | undefined) => object?.metadata.managedFields?.map(entry => entry.manager) ?? [];

/** Commits a new image for an app and deploys it as its controller would, recording the deployed revision. */
async function deployNewImage(app: 'web' | 'api', file: string, from: string, to: string, manager: string): Promise<string> {
	const text = gitSync(harness.scenario.repo.dir, harness.scenario.repo.env, ['show', `HEAD:${file}`]).replace(from, to);
	const sha = harness.scenario.repo.commit({[file]: text}, `${app}: ${to}`);
	await harness.repo.refresh();
	const namespace = app === 'api' ? ['-n', 'api'] : [];
	const labels = app === 'web' ? 'kustomize.toolkit.fluxcd.io/name: web, kustomize.toolkit.fluxcd.io/namespace: flux-system' : 'app.kubernetes.io/instance: api';
	const manifest = text.replace(/metadata:\n  name: (\w+)\n/, `metadata:\n  name: $1\n  labels: {${labels}}\n`);
	const applied = await harness.scenario.kubectl(['apply', '--server-side', `--field-manager=${manager}`, '-f', '-', ...namespace], manifest);
	expect(applied.code, applied.stderr).toBe(0);
	return sha;
}

describe('rollback with the Git server down', () => {
	it('Flux, remote refusing: the revision before the deployed one, paused, applied as kustomize-controller, Healthy on the old image', async () => {
		const head = await deployNewImage('web', 'apps/web/deployment.yaml', 'nginx:1.27', 'nginx:1.28', 'kustomize-controller');
		const kustomization = harness.stored('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'flux-system', 'web')!;
		harness.scenario.sandbox.seed([{...kustomization, metadata: {name: 'web', namespace: 'flux-system'}, status: {...(kustomization['status'] as object), lastAppliedRevision: `main@sha1:${head}`}}]);
		const verbsBefore = harness.gitVerbs().length;
		const started = Date.now();
		const {result, events} = await harness.run({kind: 'rollback', target: target('web'), timeoutMs: 30_000});
		expect(result.outcome, result.message).toBe('done');
		expect(Date.now() - started).toBeLessThan(30_000);
		expect(harness.gitVerbs().slice(verbsBefore).filter(verb => networkVerbs.includes(verb))).toEqual([]);
		const planned = events.find(event => event.stage === 'planned');
		if (planned?.stage !== 'planned') throw new Error('no plan');
		expect(planned.plan.revision).toMatchObject({sha: initial, source: 'clone'});
		expect(planned.plan.fieldManager).toBe('kustomize-controller');
		expect(planned.plan.steps.join('\n')).toContain('as field manager kustomize-controller');
		expect(planned.plan.objects.find(object => object.key.kind === 'Deployment')?.diff).toMatch(/^-\s+- image: nginx:1\.28$/m);
		const paused = harness.stored('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'flux-system', 'web')!;
		expect(paused['spec']).toMatchObject({suspend: true});
		expect(paused.metadata.annotations?.['gitops-tui.io/pause-reason']).toBe(`rollback to ${initial.slice(0, 7)}`);
		const deployment = harness.stored('apps/v1', 'Deployment', 'shop', 'web');
		expect(image(deployment)).toBe('nginx:1.27');
		expect(managersOf(deployment)).toContain('kustomize-controller');
		expect(managersOf(deployment)).not.toContain('gitops-tui');
		expect(result.after).toMatchObject({health: 'Healthy', revision: initial});
		expect(harness.journal.entries.at(-1)).toMatchObject({action: 'rollback', parameters: {revision: initial, fieldManager: 'kustomize-controller', source: 'clone'}, outcome: {status: 'done'}});

		const resumed = await harness.run({kind: 'resume', target: target('web')});
		expect(resumed.result.outcome).toBe('done');
		expect(harness.stored('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'flux-system', 'web')?.['spec']).toMatchObject({suspend: false});
	}, 60_000);

	it('Argo CD, remote hanging: no connection is even tried; automated removed with the rollback reason; applied as argocd-controller', async () => {
		gitSync(harness.scenario.repo.dir, harness.scenario.repo.env, ['remote', 'set-url', 'origin', `http://127.0.0.1:${hanging.port}/org/config.git`]);
		await harness.repo.refresh();
		const before = await deployNewImage('api', 'apps/api/deployment.yaml', 'api:2.4.1', 'api:2.5.0', 'argocd-controller');
		expect(before).not.toBe(initial);
		const started = Date.now();
		const {result} = await harness.run({kind: 'rollback', target: target('api'), revision: initial.slice(0, 10), timeoutMs: 30_000});
		expect(result.outcome, result.message).toBe('done');
		expect(Date.now() - started).toBeLessThan(30_000);
		expect(hanging.connections()).toBe(0);
		const application = harness.stored('argoproj.io/v1alpha1', 'Application', 'argocd', 'api')!;
		expect((application['spec'] as {syncPolicy: Record<string, unknown>}).syncPolicy['automated']).toBeUndefined();
		expect(application.metadata.annotations).toMatchObject({'gitops-tui.io/pause-reason': `rollback to ${initial.slice(0, 7)}`, 'gitops-tui.io/paused-automated': '{"prune":true,"selfHeal":true}'});
		const deployment = harness.stored('apps/v1', 'Deployment', 'api', 'api');
		expect(image(deployment)).toBe('ghcr.io/example/api:2.4.1');
		expect(managersOf(deployment)).not.toContain('gitops-tui');
	}, 60_000);

	it('plain: no pause, applied as gitops-tui with the old revision mark; another --field-manager conflicts unless forced', async () => {
		harness.scenario.repo.commit({'apps/worker/settings.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: worker-settings\n  namespace: batch\ndata:\n  batchSize: "80"\n'}, 'worker: bigger batches');
		await harness.repo.refresh();
		expect((await harness.run({kind: 'reconcile', target: target('worker')})).result.outcome).toBe('done');
		const other = await harness.run({kind: 'rollback', target: target('worker'), fieldManager: 'ops-rollback'});
		expect(other.result.outcome).toBe('failed');
		expect(other.result.objects.find(object => object.key.name === 'worker-settings')?.conflicts).toContainEqual({field: '.data.batchSize', manager: 'gitops-tui'});

		const {result, events} = await harness.run({kind: 'rollback', target: target('worker')});
		expect(result.outcome, result.message).toBe('done');
		const planned = events.find(event => event.stage === 'planned');
		expect(planned?.stage === 'planned' && planned.plan.revision?.sha).toBe(initial);
		expect(planned?.stage === 'planned' && planned.plan.fieldManager).toBe('gitops-tui');
		expect(planned?.stage === 'planned' && planned.plan.warnings.join(' ')).not.toContain('auto-sync');
		const settings = harness.stored('v1', 'ConfigMap', 'batch', 'worker-settings');
		expect(settings?.['data']).toMatchObject({batchSize: '50'});
		expect(settings?.metadata.annotations?.['gitops-tui.io/revision']).toBe(initial);
		expect(managersOf(settings)).not.toContain('ops-rollback');
	}, 60_000);

	it('a revision the clone lacks comes from the last-known-good store (Secrets left as they are, and said so)', async () => {
		const lost = 'feedfacefeedfacefeedfacefeedfacefeedface';
		const manifests = repoObjects(harness.scenario.repo, scenarioApp('worker')).map(object =>
			object.kind === 'ConfigMap' ? {...object, data: {batchSize: '7'}} : object,
		);
		await harness.lastKnownGood.keep({engine: 'plain', context: 'sandbox', namespace: 'batch', app: 'worker'}, lost, manifests);
		const {result, events} = await harness.run({kind: 'rollback', target: target('worker'), revision: lost.slice(0, 8)});
		expect(result.outcome, result.message).toBe('done');
		const planned = events.find(event => event.stage === 'planned');
		if (planned?.stage !== 'planned') throw new Error('no plan');
		expect(planned.plan.revision).toMatchObject({sha: lost, source: 'last-known-good'});
		expect(planned.plan.warnings.join('\n')).toContain('the last-known-good store keeps no Secrets: batch/worker-creds');
		expect(planned.plan.objects.some(object => object.key.kind === 'Secret')).toBe(false);
		const settings = harness.stored('v1', 'ConfigMap', 'batch', 'worker-settings');
		expect(settings?.['data']).toMatchObject({batchSize: '7'});
		expect(settings?.metadata.annotations?.['gitops-tui.io/revision']).toBe(lost);
	});

	it('Flux, deployed revision not in the clone: the default comes from the last-known-good store', async () => {
		const unknown = 'cafecafecafecafecafecafecafecafecafecafe';
		const kept = 'beefbeefbeefbeefbeefbeefbeefbeefbeefbeef';
		const manifests = repoObjects(harness.scenario.repo, scenarioApp('web')).map(object =>
			object.kind === 'Deployment' ? (JSON.parse(JSON.stringify(object).replace(/nginx:1\.2\d/, 'nginx:1.20')) as KubeObject) : object,
		);
		await harness.lastKnownGood.keep({engine: 'flux', context: 'sandbox', namespace: 'flux-system', app: 'web'}, kept, manifests);
		const kustomization = harness.stored('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'flux-system', 'web')!;
		harness.scenario.sandbox.seed([{...kustomization, metadata: {name: 'web', namespace: 'flux-system'}, status: {...(kustomization['status'] as object), lastAppliedRevision: `main@sha1:${unknown}`}}]);
		const {result, events} = await harness.run({kind: 'rollback', target: target('web'), timeoutMs: 30_000});
		expect(result.outcome, result.message).toBe('done');
		const planned = events.find(event => event.stage === 'planned');
		expect(planned?.stage === 'planned' && planned.plan.revision).toMatchObject({sha: kept, source: 'last-known-good'});
		expect(image(harness.stored('apps/v1', 'Deployment', 'shop', 'web'))).toBe('nginx:1.20');
		expect(harness.journal.entries.at(-1)?.parameters['requested']).toContain('last-known-good store');
	}, 60_000);

	it('a revision neither in the clone nor in the last-known-good store fails before any write', async () => {
		harness.scenario.sandbox.clearRequests();
		const {result} = await harness.run({kind: 'rollback', target: target('worker'), revision: 'deadbeefdeadbeef'});
		expect(result.outcome).toBe('failed');
		expect(result.message).toContain('not in the local clone');
		expect(harness.writes()).toEqual([]);
	});
});
