/**
 * Our applies respect the repository's ignore rules, as Argo CD's RespectIgnoreDifferences does: an autoscaler
 * (kube-controller-manager, through the scale subresource) owns `.spec.replicas`, `.gitops-tui.yaml` ignores it,
 * and a rollback (Flux web) or a plain app's reconcile (worker) succeeds without --force, leaving the replica count
 * and its owner as they were; the plan says which field was kept and why.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {KubeObject} from '../../source/domain/kube-object.js';
import {gitSync} from '../support/repo-helpers.js';
import {startActionHarness, target, type ActionHarness} from '../support/action-harness.js';

let harness: ActionHarness;
beforeAll(async () => {
	harness = await startActionHarness();
	const settings = gitSync(harness.scenario.repo.dir, harness.scenario.repo.env, ['show', 'HEAD:.gitops-tui.yaml']);
	harness.scenario.repo.commit({'.gitops-tui.yaml': `${settings.trimEnd()}\nignore:\n  - {group: apps, kind: Deployment, jsonPointers: [/spec/replicas], managers: [kube-controller-manager]}\n`}, 'settings: replicas belong to the autoscaler');
	await harness.repo.refresh();
}, 60_000);
afterAll(async () => {
	await harness?.stop();
});

const replicasOf = (object: KubeObject | undefined) => (object?.['spec'] as {replicas?: number} | undefined)?.replicas;
const image = (object: KubeObject | undefined) => (object?.['spec'] as {template: {spec: {containers: Array<{image: string}>}}} | undefined)?.template.spec.containers[0]?.image;
/** The managers whose managedFields entry holds `.spec.replicas`. */
const replicaOwners = (object: KubeObject | undefined) =>
	(object?.metadata.managedFields ?? []).filter(entry => (entry.fieldsV1 as {'f:spec'?: Record<string, unknown>} | undefined)?.['f:spec']?.['f:replicas'] !== undefined).map(entry => entry.manager);

/** Scales a Deployment through the scale subresource as the HPA controller does. */
async function autoscale(namespace: string, name: string, replicas: number): Promise<void> {
	const scaled = await harness.scenario.kubectl(['patch', 'deployment', name, '-n', namespace, '--subresource=scale', '--type=merge', '-p', JSON.stringify({spec: {replicas}}), '--field-manager=kube-controller-manager']);
	expect(scaled.code, scaled.stderr).toBe(0);
	expect(replicaOwners(harness.stored('apps/v1', 'Deployment', namespace, name))).toEqual(['kube-controller-manager']);
}

describe('applies keep the fields the ignore rules hand to another manager', () => {
	it('Flux rollback: no conflict on the autoscaled replicas, which stay 4 and owned by kube-controller-manager', async () => {
		const file = 'apps/web/deployment.yaml';
		const text = gitSync(harness.scenario.repo.dir, harness.scenario.repo.env, ['show', `HEAD:${file}`]).replace('nginx:1.27', 'nginx:1.28');
		const head = harness.scenario.repo.commit({[file]: text}, 'web: nginx:1.28');
		await harness.repo.refresh();
		const manifest = text.replace(/metadata:\n  name: web\n/, 'metadata:\n  name: web\n  labels: {kustomize.toolkit.fluxcd.io/name: web, kustomize.toolkit.fluxcd.io/namespace: flux-system}\n');
		const applied = await harness.scenario.kubectl(['apply', '--server-side', '--field-manager=kustomize-controller', '-f', '-'], manifest);
		expect(applied.code, applied.stderr).toBe(0);
		const kustomization = harness.stored('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'flux-system', 'web')!;
		harness.scenario.sandbox.seed([{...kustomization, metadata: {name: 'web', namespace: 'flux-system'}, status: {...(kustomization['status'] as object), lastAppliedRevision: `main@sha1:${head}`}}]);
		await autoscale('shop', 'web', 4);

		const {result, events} = await harness.run({kind: 'rollback', target: target('web'), revision: harness.scenario.deployed, timeoutMs: 30_000});
		expect(result.outcome, result.message).toBe('done');
		const planned = events.find(event => event.stage === 'planned');
		if (planned?.stage !== 'planned') throw new Error('no plan');
		const deploymentPlan = planned.plan.objects.find(object => object.key.kind === 'Deployment' && object.key.name === 'web');
		expect(deploymentPlan?.summary).toContain('keeps .spec.replicas: ignored, owned by kube-controller-manager');
		expect(deploymentPlan?.summary).not.toContain('refused');
		expect(deploymentPlan?.diff).not.toMatch(/replicas/);
		const deployment = harness.stored('apps/v1', 'Deployment', 'shop', 'web');
		expect(image(deployment)).toBe('nginx:1.27');
		expect(replicasOf(deployment)).toBe(4);
		expect(replicaOwners(deployment)).toEqual(['kube-controller-manager']);
		expect(harness.journal.entries.at(-1)).toMatchObject({action: 'rollback', outcome: {status: 'done'}});
		expect(harness.journal.entries.at(-1)?.parameters).not.toHaveProperty('force');
	}, 60_000);

	it('plain reconcile: the worker applies as gitops-tui around the autoscaled replicas', async () => {
		await autoscale('batch', 'worker', 3);
		const {result, events} = await harness.run({kind: 'reconcile', target: target('worker'), timeoutMs: 30_000});
		expect(result.outcome, result.message).toBe('done');
		const planned = events.find(event => event.stage === 'planned');
		if (planned?.stage !== 'planned') throw new Error('no plan');
		expect(planned.plan.objects.find(object => object.key.kind === 'Deployment')?.summary).toBe('server-side apply as gitops-tui; keeps .spec.replicas: ignored, owned by kube-controller-manager');
		const worker = harness.stored('apps/v1', 'Deployment', 'batch', 'worker');
		expect(replicasOf(worker)).toBe(3);
		expect(replicaOwners(worker)).toEqual(['kube-controller-manager']);
		expect(worker?.metadata.annotations?.['gitops-tui.io/revision']).toBe(harness.scenario.repo.head());
	}, 60_000);
});
