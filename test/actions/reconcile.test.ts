/**
 * Reconcile on the sandbox, per engine, observed in what the server stored and in the request log: Flux gets
 * requestedAt (its source first with withSource), Argo CD the refresh annotation and a sync operation initiated by
 * the caller, a plain app a server-side apply of HEAD as gitops-tui. Every run is journaled.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startActionHarness, target, type ActionHarness} from '../support/action-harness.js';

let harness: ActionHarness;
beforeAll(async () => {
	harness = await startActionHarness();
}, 60_000);
afterAll(async () => harness?.stop());

describe('reconcile', () => {
	it('Flux: annotates the GitRepository, then the Kustomization, with one requestedAt token', async () => {
		harness.scenario.sandbox.clearRequests();
		const {result, events} = await harness.run({kind: 'reconcile', target: target('web'), withSource: true});
		expect(result.outcome).toBe('done');
		const kustomization = harness.stored('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'flux-system', 'web')!;
		const source = harness.stored('source.toolkit.fluxcd.io/v1', 'GitRepository', 'flux-system', 'config')!;
		const token = kustomization.metadata.annotations?.['reconcile.fluxcd.io/requestedAt'];
		expect(token).toBeTruthy();
		expect(source.metadata.annotations?.['reconcile.fluxcd.io/requestedAt']).toBe(token);
		const writes = harness.writes().map(entry => `${entry.method} ${entry.path}`);
		expect(writes).toEqual([
			'PATCH /apis/source.toolkit.fluxcd.io/v1/namespaces/flux-system/gitrepositories/config',
			'PATCH /apis/kustomize.toolkit.fluxcd.io/v1/namespaces/flux-system/kustomizations/web',
		]);
		expect(events.map(event => event.stage)).toEqual(['planning', 'planned', 'checked', 'executing', 'progress', 'progress', 'progress', 'progress', 'finished']);
		const planned = events.find(event => event.stage === 'planned');
		expect(planned?.stage === 'planned' && planned.plan.objects[1]?.diff).toContain('+    reconcile.fluxcd.io/requestedAt:');
		const entry = harness.journal.entries.at(-1)!;
		expect(entry).toMatchObject({action: 'reconcile', app: 'web', context: 'sandbox', actor: 'admin', outcome: {status: 'done'}});
		expect(entry.objects.map(object => [object.kind, object.result])).toEqual([
			['GitRepository', 'annotated'],
			['Kustomization', 'annotated'],
		]);
		expect(entry.objects[1]!.resourceVersionBefore).not.toBe(entry.objects[1]!.resourceVersionAfter);
	});

	it('Flux: the plan lists what the controller would prune (spec.prune), writing nothing on a dry run', async () => {
		const old = {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'old-config', namespace: 'shop'}, data: {a: '1'}};
		harness.scenario.setFluxInventory([old]);
		const created = await harness.scenario.kubectl(['apply', '--server-side', '--field-manager=kustomize-controller', '-f', '-'], JSON.stringify(old));
		expect(created.code).toBe(0);
		harness.scenario.sandbox.clearRequests();
		const {result, events} = await harness.run({kind: 'reconcile', target: target('web')}, {dryRun: true});
		expect(result.outcome).toBe('dry-run');
		const planned = events.find(event => event.stage === 'planned');
		if (planned?.stage !== 'planned') throw new Error('no plan');
		expect(planned.plan.objects.find(object => object.key.name === 'old-config')).toMatchObject({change: 'prune', willPrune: true, summary: expect.stringContaining('the controller deletes it (spec.prune is on)')});
		expect(harness.writes()).toEqual([]);
		expect(harness.journal.entries.at(-1)?.outcome.status).toBe('dry-run');
	});

	it('Argo CD: refresh annotation, then a sync operation initiated by the SelfSubjectReview user', async () => {
		harness.scenario.sandbox.clearRequests();
		const {result} = await harness.run({kind: 'reconcile', target: target('api'), prune: true});
		expect(result.outcome).toBe('done');
		const application = harness.stored('argoproj.io/v1alpha1', 'Application', 'argocd', 'api')!;
		expect(application.metadata.annotations?.['argocd.argoproj.io/refresh']).toBe('normal');
		expect(application['operation']).toMatchObject({initiatedBy: {username: 'admin'}, sync: {prune: true}});
		expect(harness.writes()).toHaveLength(2);
	});

	it('Argo CD: refuses to start a sync while another operation is in progress, writing nothing', async () => {
		harness.scenario.sandbox.clearRequests();
		const {result} = await harness.run({kind: 'reconcile', target: target('api')});
		expect(result.outcome).toBe('failed');
		expect(result.message).toContain('another operation is already in progress');
		expect(harness.writes()).toEqual([]);
		expect(harness.journal.entries.at(-1)?.outcome.status).toBe('failed');
	});

	it('plain: server-side applies HEAD as gitops-tui with the app label and revision mark; Extra objects are listed, not pruned', async () => {
		const extra = await harness.scenario.kubectl(
			['apply', '--server-side', '--field-manager=gitops-tui', '-f', '-'],
			'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: leftover, namespace: batch, labels: {gitops-tui.io/app: worker}}\ndata: {a: "1"}\n',
		);
		expect(extra.code).toBe(0);
		const head = harness.scenario.repo.commit({'apps/worker/settings.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: worker-settings\n  namespace: batch\ndata:\n  mode: fast\n'}, 'worker: fast mode');
		await harness.repo.refresh();
		harness.scenario.sandbox.clearRequests();
		const {result, events} = await harness.run({kind: 'reconcile', target: target('worker'), timeoutMs: 20_000});
		expect(result.outcome).toBe('done');
		expect(result.after).toMatchObject({sync: 'Synced', health: 'Healthy', revision: head});
		const settings = harness.stored('v1', 'ConfigMap', 'batch', 'worker-settings')!;
		expect(settings['data']).toMatchObject({mode: 'fast'});
		expect(settings.metadata.annotations?.['gitops-tui.io/revision']).toBe(head);
		expect(settings.metadata.labels?.['gitops-tui.io/app']).toBe('worker');
		expect(harness.stored('v1', 'ConfigMap', 'batch', 'leftover')).toBeDefined();
		const planned = events.find(event => event.stage === 'planned');
		if (planned?.stage !== 'planned') throw new Error('no plan');
		expect(planned.plan.objects.find(object => object.key.name === 'leftover')).toMatchObject({change: 'prune', willPrune: false});
		expect(planned.plan.objects.find(object => object.key.name === 'worker-settings')?.diff).toContain('+  mode: fast');
		const applies = harness.writes().filter(entry => entry.method === 'PATCH');
		expect(applies.length).toBeGreaterThan(0);
		expect(applies.every(entry => entry.query['fieldManager'] === 'gitops-tui' && entry.query['force'] === undefined)).toBe(true);
		expect(harness.writes().some(entry => entry.method === 'DELETE')).toBe(false);
	});

	it('plain with prune: deletes what Git no longer has', async () => {
		const {result} = await harness.run({kind: 'reconcile', target: target('worker'), prune: true});
		expect(result.outcome).toBe('done');
		expect(harness.stored('v1', 'ConfigMap', 'batch', 'leftover')).toBeUndefined();
		expect(harness.journal.entries.at(-1)?.objects.find(object => object.name === 'leftover')?.result).toBe('pruned');
	});
});
