/**
 * Actions observed through the simulated controllers' reactions, not only our own writes: Flux handles the
 * reconcile request (lastHandledReconcileAt) and reports Ready; Argo CD runs the sync operation (history grows);
 * with the Git remote gone, rollback puts the old image back and the suspended Flux controller leaves it there;
 * resume has it apply HEAD again (from the artifact it already has).
 */
import {renameSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {ContextClient} from '../../source/cluster/context-client.js';
import {createActionRunner} from '../../source/actions/index.js';
import type {ActionEvent, ActionRequest, ActionResult} from '../../source/domain/action.js';
import {createGit} from '../../source/repo/git-runner.js';
import {createFindBinary, createProcessRunner} from '../../source/repo/process-runner.js';
import {loadGitRepo, type GitRepo} from '../../source/repo/repo.js';
import {lastSeenHealthy} from '../../source/live/healthy-observations.js';
import {openTestClients} from '../support/cluster-sandbox.js';
import {crds, startGitOpsWorld, type GitOpsWorld} from '../support/gitops-world.js';
import {memoryJournal} from '../support/memory-journal.js';
import {makeRepoTempDir, manualScheduler, repoTestEnv} from '../support/repo-helpers.js';

const deployment = (image: string) =>
	`apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: ${image}\n`;
const configMap = (colour: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  colour: ${colour}\n`;

let world: GitOpsWorld;
let repo: GitRepo;
let client: ContextClient;
let closeClients: () => Promise<void>;
const temp = makeRepoTempDir('gitops-tui-actions-controllers-');
const journal = memoryJournal();
let first: string;

beforeAll(async () => {
	world = await startGitOpsWorld({
		files: {'apps/web/deployment.yaml': deployment('nginx:1.25'), 'apps/api/settings.yaml': configMap('blue')},
		simulate: true,
		gitops: {argo: {resyncMs: 60_000, selfHealTimeoutMs: 5000}},
	});
	for (const name of ['flux-system', 'web', 'argocd', 'api']) await world.core.createNamespace({body: {apiVersion: 'v1', kind: 'Namespace', metadata: {name}}});
	await world.create(crds.gitRepository, {apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', metadata: {name: 'fleet', namespace: 'flux-system'}, spec: {interval: '1m', url: world.url, ref: {branch: 'main'}}});
	await world.create(crds.kustomization, {
		apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
		kind: 'Kustomization',
		metadata: {name: 'web', namespace: 'flux-system'},
		spec: {interval: '2m', path: './apps/web', prune: true, sourceRef: {kind: 'GitRepository', name: 'fleet'}, targetNamespace: 'web'},
	});
	await world.create(crds.application, {
		apiVersion: 'argoproj.io/v1alpha1',
		kind: 'Application',
		metadata: {name: 'api', namespace: 'argocd'},
		spec: {project: 'default', source: {repoURL: world.url, path: 'apps/api', targetRevision: 'main'}, destination: {server: 'https://kubernetes.default.svc', namespace: 'api'}, syncPolicy: {automated: {prune: true, selfHeal: true}}},
	});
	await world.advance(1000);
	const env = repoTestEnv(temp.dir);
	const loaded = await loadGitRepo({source: world.url, cacheDir: path.join(temp.dir, 'cache'), cwd: temp.dir, git: createGit({run: createProcessRunner(), env}), now: () => new Date(), scheduler: manualScheduler().scheduler});
	if (!loaded.ok) throw new Error(loaded.error.message);
	repo = loaded.repo;
	first = repo.getState().head!;
	const opened = await openTestClients(world.sandbox.kubeconfig(), ['sandbox']);
	client = opened.clients[0]!;
	closeClients = opened.close;
}, 60_000);

afterAll(async () => {
	repo?.stop();
	await closeClients?.();
	await world?.stop();
	temp.cleanup();
});

/** Runs a request while the controllers' clock moves, as time would pass for them. */
async function run(request: ActionRequest, events: ActionEvent[] = []): Promise<ActionResult> {
	const env = repoTestEnv(temp.dir);
	const runner = createActionRunner({
		contexts: [{info: {name: 'sandbox', server: client.context.cluster.server, namespace: 'default', current: true, reachable: true}, client}],
		currentContext: 'sandbox',
		repo,
		tools: {run: createProcessRunner(), findBinary: createFindBinary(env), env},
		journal,
		now: world.clock.now,
		settings: {readOnly: false},
		pollIntervalMs: 50,
	});
	let finished = false;
	const pending = runner.run(request, {confirm: async ask => ({confirmed: true, typed: ask.context}), onEvent: event => events.push(event)}).finally(() => {
		finished = true;
	});
	while (!finished) {
		await world.advance(1000);
		await new Promise(resolve => setTimeout(resolve, 20));
	}
	return pending;
}

const image = async () => (await world.apps.readNamespacedDeployment({name: 'web', namespace: 'web'})).spec?.template.spec?.containers[0]?.image;
const target = (app: 'web' | 'api') => (app === 'web' ? {app, engine: 'flux' as const, context: 'sandbox', namespace: 'flux-system'} : {app, engine: 'argo' as const, context: 'sandbox', namespace: 'argocd'});

describe('actions through the controllers', () => {
	it('Flux reconcile: the controller handles the token and is Ready', async () => {
		const result = await run({kind: 'reconcile', target: target('web'), withSource: true, timeoutMs: 20_000});
		expect(result.outcome, result.message).toBe('done');
		const kustomization = await world.read(crds.kustomization, 'flux-system', 'web');
		const token = kustomization.metadata.annotations?.['reconcile.fluxcd.io/requestedAt'];
		expect((kustomization['status'] as {lastHandledReconcileAt?: string}).lastHandledReconcileAt).toBe(token);
		expect(result.after).toMatchObject({sync: 'Synced', health: 'Healthy', revision: `main@sha1:${first}`});
		// The journal records the revision the controller reported (status.lastAppliedRevision), not only `done`.
		const entry = journal.entries.at(-1)!;
		expect(entry).toMatchObject({action: 'reconcile', app: 'web', outcome: {status: 'done', after: {sync: 'Synced', health: 'Healthy', revision: (kustomization['status'] as {lastAppliedRevision: string}).lastAppliedRevision}}});
		expect(entry.outcome.after?.revision).toBe(`main@sha1:${first}`);
		const seen = await lastSeenHealthy({engine: 'flux', name: 'web', namespace: 'flux-system', context: 'sandbox', controllerContext: 'sandbox'}, {journal});
		expect(seen).toMatchObject({revision: first, basis: expect.stringContaining(`journal #${entry.seq}`)});
	}, 60_000);

	it('Argo CD reconcile: the sync operation runs, initiated by us, and history grows', async () => {
		const before = ((await world.read(crds.application, 'argocd', 'api'))['status'] as {history?: unknown[]}).history?.length ?? 0;
		const result = await run({kind: 'reconcile', target: target('api'), timeoutMs: 20_000});
		expect(result.outcome, result.message).toBe('done');
		const application = await world.read(crds.application, 'argocd', 'api');
		const status = application['status'] as {history: Array<{initiatedBy?: {username?: string}}>; operationState: {phase: string; operation?: {initiatedBy?: {username?: string}}}};
		expect(status.history.length).toBe(before + 1);
		expect(status.operationState).toMatchObject({phase: 'Succeeded', operation: {initiatedBy: {username: 'admin'}}});
		expect(result.after).toMatchObject({sync: 'Synced', health: 'Healthy'});
		// The journal records the revision Argo CD reported (status.sync.revision), the commit it synced.
		const reported = (application['status'] as {sync: {revision: string}}).sync.revision;
		expect(reported).toBe(first);
		expect(journal.entries.at(-1)).toMatchObject({action: 'reconcile', app: 'api', outcome: {status: 'done', after: {sync: 'Synced', health: 'Healthy', revision: reported}}});
	}, 60_000);

	it('Argo CD suspend stops self-heal; resume restores automated exactly and the controller heals the drift', async () => {
		const paused = await run({kind: 'suspend', target: target('api'), reason: 'hands off'});
		expect(paused.outcome, paused.message).toBe('done');
		await world.core.patchNamespacedConfigMap({name: 'settings', namespace: 'api', body: [{op: 'replace', path: '/data/colour', value: 'red'}]});
		await world.advance(60_000);
		expect((await world.core.readNamespacedConfigMap({name: 'settings', namespace: 'api'})).data?.['colour']).toBe('red');
		const resumed = await run({kind: 'resume', target: target('api')});
		expect(resumed.outcome, resumed.message).toBe('done');
		const application = await world.read(crds.application, 'argocd', 'api');
		expect((application['spec'] as {syncPolicy: {automated: unknown}}).syncPolicy.automated).toEqual({prune: true, selfHeal: true});
		for (let step = 0; step < 20 && (await world.core.readNamespacedConfigMap({name: 'settings', namespace: 'api'})).data?.['colour'] !== 'blue'; step++) await world.advance(5000);
		expect((await world.core.readNamespacedConfigMap({name: 'settings', namespace: 'api'})).data?.['colour']).toBe('blue');
	}, 60_000);

	it('rollback with the remote gone ends Healthy on the old image and stays there; resume brings HEAD back', async () => {
		world.commit({'apps/web/deployment.yaml': deployment('nginx:1.26')}, 'web: nginx 1.26');
		await repo.fetchNow();
		await run({kind: 'reconcile', target: target('web'), withSource: true, timeoutMs: 20_000});
		expect(await image()).toBe('nginx:1.26');

		// The Git server goes away: neither we nor the controllers can fetch.
		renameSync(world.url.replace('file://', ''), `${world.url.replace('file://', '')}.gone`);
		const rolledBack = await run({kind: 'rollback', target: target('web'), timeoutMs: 30_000});
		expect(rolledBack.outcome, rolledBack.message).toBe('done');
		expect(rolledBack.after).toMatchObject({health: 'Healthy', revision: first});
		expect(await image()).toBe('nginx:1.25');
		const suspended = await world.read(crds.kustomization, 'flux-system', 'web');
		expect(suspended['spec']).toMatchObject({suspend: true});
		await world.advance(5 * 60_000);
		expect(await image()).toBe('nginx:1.25');

		const resumed = await run({kind: 'resume', target: target('web'), timeoutMs: 20_000});
		expect(resumed.outcome, resumed.message).toBe('done');
		expect(await image()).toBe('nginx:1.26');
		const history = journal.entries.map(entry => `${entry.action}:${entry.outcome.status}`);
		expect(history.slice(-2)).toEqual(['rollback:done', 'resume:done']);
	}, 90_000);

	it('reconcile with the source during the outage: warned that the controller cannot fetch either; the app is still reconciled', async () => {
		const fetched = await repo.fetchNow();
		expect(fetched.ok).toBe(false);
		const events: ActionEvent[] = [];
		const result = await run({kind: 'reconcile', target: target('web'), withSource: true, timeoutMs: 20_000}, events);
		expect(result.outcome, result.message).toBe('done');
		const planned = events.find(event => event.stage === 'planned');
		expect(planned?.stage === 'planned' && planned.plan.warnings.join('\n')).toMatch(/Git outage: .*the controller cannot fetch either/);
		expect(events.some(event => event.stage === 'waiting' && event.message.includes('is not Ready'))).toBe(true);
		const kustomization = await world.read(crds.kustomization, 'flux-system', 'web');
		expect((kustomization['status'] as {lastHandledReconcileAt?: string}).lastHandledReconcileAt).toBe(kustomization.metadata.annotations?.['reconcile.fluxcd.io/requestedAt']);
	}, 60_000);
});

