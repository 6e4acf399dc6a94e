/**
 * Flux HelmRelease actions on the sandbox (they share the Kustomization's code): suspend with who and why, resume
 * clearing it with a reconcile request, and reconcile --with-source as `flux reconcile hr --with-source` does it —
 * the chart's source first (here the GitRepository the chart lives in), then the HelmChart source-controller
 * builds (`<namespace>-<name>`; the sandbox serves no HelmChart kind, so the plan says it is skipped), then the
 * HelmRelease, one token for all. Which sources a chartRef or a HelmRepository chart leads to is checked on the
 * objects as written.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {ActionTarget} from '../../source/domain/action.js';
import type {KubeObject} from '../../source/domain/kube-object.js';
import {fluxSourceSteps} from '../../source/engines/flux-actions.js';
import {startActionHarness, type ActionHarness} from '../support/action-harness.js';

let harness: ActionHarness;
const helmRelease = (spec: Record<string, unknown>): KubeObject => ({apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', metadata: {name: 'frontend', namespace: 'flux-system'}, spec: {interval: '10m', targetNamespace: 'shop', ...spec}});
const chartFromGit = {chart: {spec: {chart: './charts/frontend', sourceRef: {kind: 'GitRepository', name: 'config'}}}};
const frontend: ActionTarget = {app: 'frontend', engine: 'flux', context: 'sandbox', namespace: 'flux-system'};
const stored = () => harness.stored('helm.toolkit.fluxcd.io/v2', 'HelmRelease', 'flux-system', 'frontend')!;

beforeAll(async () => {
	harness = await startActionHarness();
	harness.scenario.sandbox.seed([helmRelease(chartFromGit)]);
}, 60_000);
afterAll(async () => harness?.stop());

describe('Flux HelmRelease actions', () => {
	it('suspend sets spec.suspend with who and why; resume clears both and requests a reconcile', async () => {
		const paused = await harness.run({kind: 'suspend', target: frontend, reason: 'chart upgrade freeze'});
		expect(paused.result.outcome, paused.result.message).toBe('done');
		expect(stored()['spec']).toMatchObject({suspend: true});
		expect(stored().metadata.annotations).toMatchObject({'gitops-tui.io/paused-by': 'admin', 'gitops-tui.io/pause-reason': 'chart upgrade freeze'});
		expect(harness.journal.entries.at(-1)).toMatchObject({action: 'suspend', app: 'frontend', outcome: {status: 'done'}});

		const resumed = await harness.run({kind: 'resume', target: frontend});
		expect(resumed.result.outcome, resumed.result.message).toBe('done');
		expect(stored()['spec']).toMatchObject({suspend: false});
		expect(Object.keys(stored().metadata.annotations ?? {}).filter(key => key.startsWith('gitops-tui.io/'))).toEqual([]);
		expect(stored().metadata.annotations?.['reconcile.fluxcd.io/requestedAt']).toBeTruthy();
	}, 30_000);

	it('reconcile --with-source: the GitRepository, then the HelmRelease, with one token; the missing HelmChart is said', async () => {
		const {result, events} = await harness.run({kind: 'reconcile', target: frontend, withSource: true});
		expect(result.outcome, result.message).toBe('done');
		const planned = events.find(event => event.stage === 'planned');
		if (planned?.stage !== 'planned') throw new Error('no plan');
		expect(planned.plan.steps[0]).toMatch(/^reconcile source GitRepository flux-system\/config: annotate /);
		expect(planned.plan.steps[1]).toMatch(/^reconcile HelmRelease flux-system\/frontend: annotate /);
		expect(planned.plan.warnings.join('\n')).toContain('HelmChart flux-system/flux-system-frontend cannot be read');
		const token = stored().metadata.annotations?.['reconcile.fluxcd.io/requestedAt'];
		expect(token).toBeTruthy();
		expect(harness.stored('source.toolkit.fluxcd.io/v1', 'GitRepository', 'flux-system', 'config')?.metadata.annotations?.['reconcile.fluxcd.io/requestedAt']).toBe(token);
		expect(harness.journal.entries.at(-1)).toMatchObject({action: 'reconcile', parameters: {withSource: true}, outcome: {status: 'done'}});
	}, 30_000);

	it('the sources flux reconciles first: chart source then HelmChart, or the chartRef alone', () => {
		const fromRepository = helmRelease({chart: {spec: {chart: 'frontend', sourceRef: {kind: 'HelmRepository', name: 'charts', namespace: 'sources'}}}});
		expect(fluxSourceSteps(fromRepository)).toEqual([
			{ref: {apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'HelmRepository', namespace: 'sources', name: 'charts'}, optional: false},
			{ref: {apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'HelmChart', namespace: 'sources', name: 'flux-system-frontend'}, optional: true},
		]);
		const fromOci = helmRelease({chartRef: {kind: 'OCIRepository', name: 'frontend-chart'}});
		expect(fluxSourceSteps(fromOci)).toEqual([{ref: {apiVersion: 'source.toolkit.fluxcd.io/v1beta2', kind: 'OCIRepository', namespace: 'flux-system', name: 'frontend-chart'}, optional: false}]);
		expect(fluxSourceSteps(helmRelease({}))).toEqual([]);
	});
});
