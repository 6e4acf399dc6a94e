/**
 * Pause and resume auto-sync on the sandbox: Flux's spec.suspend with our annotations; Argo CD's automated block
 * saved, removed and restored exactly; a pause made elsewhere needs the block to restore; plain apps get our own pause flag.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startActionHarness, target, type ActionHarness} from '../support/action-harness.js';

let harness: ActionHarness;
beforeAll(async () => {
	harness = await startActionHarness();
}, 60_000);
afterAll(async () => harness?.stop());

describe('suspend and resume', () => {
	it('Flux: spec.suspend with who, why, since and until; resume clears them and requests a reconcile', async () => {
		const until = '2030-01-01T00:00:00.000Z';
		const paused = await harness.run({kind: 'suspend', target: target('web'), reason: 'incident 42', until});
		expect(paused.result.outcome).toBe('done');
		let kustomization = harness.stored('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'flux-system', 'web')!;
		expect(kustomization['spec']).toMatchObject({suspend: true});
		expect(kustomization.metadata.annotations).toMatchObject({'gitops-tui.io/paused-by': 'admin', 'gitops-tui.io/pause-reason': 'incident 42', 'gitops-tui.io/pause-until': until});
		expect(Date.parse(kustomization.metadata.annotations!['gitops-tui.io/paused-at']!)).toBeGreaterThan(Date.now() - 60_000);
		expect(harness.journal.entries.at(-1)).toMatchObject({action: 'suspend', parameters: {reason: 'incident 42', until}, outcome: {status: 'done'}});

		const resumed = await harness.run({kind: 'resume', target: target('web')});
		expect(resumed.result.outcome).toBe('done');
		kustomization = harness.stored('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'flux-system', 'web')!;
		expect(kustomization['spec']).toMatchObject({suspend: false});
		expect(Object.keys(kustomization.metadata.annotations ?? {}).filter(key => key.startsWith('gitops-tui.io/'))).toEqual([]);
		expect(kustomization.metadata.annotations?.['reconcile.fluxcd.io/requestedAt']).toBeTruthy();
	});

	it('Argo CD: saves automated, removes it, and restores it exactly; a second resume is refused', async () => {
		const before = harness.stored('argoproj.io/v1alpha1', 'Application', 'argocd', 'api')!;
		const automated = (before['spec'] as {syncPolicy: {automated: unknown}}).syncPolicy.automated;
		const paused = await harness.run({kind: 'suspend', target: target('api'), reason: 'freeze'});
		expect(paused.result.outcome).toBe('done');
		let application = harness.stored('argoproj.io/v1alpha1', 'Application', 'argocd', 'api')!;
		expect((application['spec'] as {syncPolicy: Record<string, unknown>}).syncPolicy['automated']).toBeUndefined();
		expect(JSON.parse(application.metadata.annotations!['gitops-tui.io/paused-automated']!)).toEqual(automated);

		const resumed = await harness.run({kind: 'resume', target: target('api')});
		expect(resumed.result.outcome).toBe('done');
		application = harness.stored('argoproj.io/v1alpha1', 'Application', 'argocd', 'api')!;
		expect((application['spec'] as {syncPolicy: Record<string, unknown>}).syncPolicy['automated']).toEqual(automated);
		expect(application.metadata.annotations?.['gitops-tui.io/paused-automated']).toBeUndefined();

		harness.scenario.sandbox.clearRequests();
		const again = await harness.run({kind: 'resume', target: target('api')});
		expect(again.result.outcome).toBe('failed');
		expect(again.result.message).toContain('not paused');
		expect(harness.writes()).toEqual([]);
	});

	it('Argo CD: a pause made elsewhere (no saved block) needs the block to restore', async () => {
		const removed = await harness.scenario.kubectl(['patch', 'application', 'api', '-n', 'argocd', '--type=json', '-p', '[{"op":"remove","path":"/spec/syncPolicy/automated"}]']);
		expect(removed.code).toBe(0);
		const refused = await harness.run({kind: 'resume', target: target('api')});
		expect(refused.result.outcome).toBe('failed');
		expect(refused.result.message).toContain('--automated');
		const resumed = await harness.run({kind: 'resume', target: target('api'), automated: {prune: false, selfHeal: true}});
		expect(resumed.result.outcome).toBe('done');
		const application = harness.stored('argoproj.io/v1alpha1', 'Application', 'argocd', 'api')!;
		expect((application['spec'] as {syncPolicy: Record<string, unknown>}).syncPolicy['automated']).toEqual({prune: false, selfHeal: true});
	});

	it('Argo CD: warns that a parent Application (app-of-apps) would put auto-sync back', async () => {
		const labelled = await harness.scenario.kubectl(['label', 'application', 'api', '-n', 'argocd', 'app.kubernetes.io/instance=root']);
		expect(labelled.code).toBe(0);
		const {events, result} = await harness.run({kind: 'suspend', target: target('api'), reason: 'freeze'}, {dryRun: true});
		expect(result.outcome).toBe('dry-run');
		const planned = events.find(event => event.stage === 'planned');
		expect(planned?.stage === 'planned' && planned.plan.warnings.join('\n')).toContain('managed by the Application root (app-of-apps)');
	});

	it('plain apps: our own pause flag (a ConfigMap with who/why); our reconcile refuses while it is set unless forced; resume deletes it', async () => {
		const until = '2030-01-01T00:00:00.000Z';
		const paused = await harness.run({kind: 'suspend', target: target('worker'), reason: 'batch window', until});
		expect(paused.result.outcome, paused.result.message).toBe('done');
		const flag = harness.stored('v1', 'ConfigMap', 'batch', 'gitops-tui-pause-worker');
		expect(flag?.metadata.annotations).toMatchObject({'gitops-tui.io/paused-by': 'admin', 'gitops-tui.io/pause-reason': 'batch window', 'gitops-tui.io/pause-until': until});
		expect(flag?.metadata.labels?.['gitops-tui.io/app']).toBeUndefined();
		expect(flag?.metadata.managedFields?.map(entry => entry.manager)).toEqual(['gitops-tui']);

		harness.scenario.sandbox.clearRequests();
		const refused = await harness.run({kind: 'reconcile', target: target('worker')});
		expect(refused.result.outcome).toBe('refused');
		expect(refused.result.message).toMatch(/^plain app worker is paused by admin since \S+ until 2030-01-01T00:00:00.000Z: batch window; resume it .* or pass --force/);
		expect(harness.writes()).toEqual([]);
		expect(harness.journal.entries.at(-1)).toMatchObject({action: 'reconcile', app: 'worker', outcome: {status: 'refused'}});

		const forced = await harness.run({kind: 'reconcile', target: target('worker')}, {force: true});
		expect(forced.result.outcome, forced.result.message).toBe('done');
		expect(harness.stored('apps/v1', 'Deployment', 'batch', 'worker')?.metadata.annotations?.['gitops-tui.io/revision']).toBe(harness.scenario.repo.head());
		expect(harness.stored('v1', 'ConfigMap', 'batch', 'gitops-tui-pause-worker')).toBeDefined();

		const resumed = await harness.run({kind: 'resume', target: target('worker')});
		expect(resumed.result.outcome, resumed.result.message).toBe('done');
		expect(harness.stored('v1', 'ConfigMap', 'batch', 'gitops-tui-pause-worker')).toBeUndefined();
		const again = await harness.run({kind: 'resume', target: target('worker')});
		expect(again.result.outcome).toBe('failed');
		expect(again.result.message).toContain('plain app worker is not paused');
		expect((await harness.run({kind: 'reconcile', target: target('worker')})).result.outcome).toBe('done');
	}, 30_000);
});
