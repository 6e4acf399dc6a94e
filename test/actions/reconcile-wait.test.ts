/**
 * When a Flux reconcile is done, judged as `flux reconcile` judges it, over the sandbox API server: the token
 * copied by a run that then goes on (Reconciling True, Ready Unknown) is not done yet; done is the token, the
 * current generation and Ready True, and the result names the revision applied. Ready False once handled (even retrying) fails
 * with the controller's message; a HelmRelease reports the chart version it released. The objects are suspended
 * so the simulated controllers leave their status as the test writes it.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {WaitContext, WaitResult} from '../../source/actions/action-spec.js';
import {waitForFlux} from '../../source/actions/wait-controllers.js';
import type {KubeObject} from '../../source/domain/kube-object.js';
import {startActionHarness, type ActionHarness} from '../support/action-harness.js';

let harness: ActionHarness;
beforeAll(async () => {
	harness = await startActionHarness();
}, 60_000);
afterAll(async () => {
	await harness?.stop();
});

const token = '2026-03-01T10:00:00.000Z';
const condition = (type: string, status: string, message: string) => ({type, status, reason: 'Test', message, lastTransitionTime: '2026-03-01T10:00:01Z'});

function seed(kind: 'Kustomization' | 'HelmRelease', name: string, status: Record<string, unknown>): void {
	const apiVersion = kind === 'Kustomization' ? 'kustomize.toolkit.fluxcd.io/v1' : 'helm.toolkit.fluxcd.io/v2';
	const spec = kind === 'Kustomization' ? {suspend: true, interval: '10m', path: './', prune: false, sourceRef: {kind: 'GitRepository', name: 'config'}} : {suspend: true, interval: '10m', chart: {spec: {chart: 'web', sourceRef: {kind: 'HelmRepository', name: 'charts'}}}};
	harness.scenario.sandbox.seed([{apiVersion, kind, metadata: {name, namespace: 'flux-system'}, spec, status} as KubeObject]);
}

/** Runs a wait whose ticks replay `steps` (one status per tick), collecting what it said. */
async function runWait(kind: 'Kustomization' | 'HelmRelease', name: string, steps: Array<Record<string, unknown>>): Promise<{result: WaitResult; said: string[]}> {
	const said: string[] = [];
	const remaining = [...steps];
	const context: WaitContext = {
		client: () => harness.clients.admin,
		say: message => said.push(message),
		async tick() {
			const next = remaining.shift();
			if (!next) return false;
			seed(kind, name, next);
			return true;
		},
	};
	const apiVersion = kind === 'Kustomization' ? 'kustomize.toolkit.fluxcd.io/v1' : 'helm.toolkit.fluxcd.io/v2';
	const result = await waitForFlux('sandbox', {apiVersion, kind, namespace: 'flux-system', name}, token, 'app')(context);
	return {result, said};
}

describe('Flux reconcile: done as flux reconcile judges it', () => {
	it('a run that copied the token and goes on is not done; the next Ready True is, naming the revision applied', async () => {
		// The token is already copied, but a run is still going: not done until it ends Ready.
		const inFlight = {lastHandledReconcileAt: token, lastAppliedRevision: 'main@sha1:old', conditions: [condition('Ready', 'Unknown', 'Reconciliation in progress'), condition('Reconciling', 'True', 'Fetching manifests for revision main@sha1:new')]};
		const finished = {lastHandledReconcileAt: token, lastAppliedRevision: 'main@sha1:new', conditions: [condition('Ready', 'True', 'Applied revision: main@sha1:new')]};
		seed('Kustomization', 'probe', inFlight);
		const {result, said} = await runWait('Kustomization', 'probe', [inFlight, finished]);
		expect(said[0]).toContain('handled, still in progress (Reconciling: Fetching manifests for revision main@sha1:new)');
		expect(result).toMatchObject({outcome: 'done', message: 'Kustomization probe applied revision main@sha1:new', after: {sync: 'Synced', health: 'Healthy', revision: 'main@sha1:new'}});
	}, 30_000);

	it('not handled yet: waits for the token; handled and Ready False: fails with the controller message', async () => {
		seed('Kustomization', 'broken', {lastHandledReconcileAt: 'earlier', conditions: [condition('Ready', 'True', 'old')]});
		const failed = {lastHandledReconcileAt: token, lastAttemptedRevision: 'main@sha1:bad', conditions: [condition('Ready', 'False', 'kustomize build failed: missing resource'), condition('Reconciling', 'True', 'retrying (ProgressingWithRetry)')]};
		const {result, said} = await runWait('Kustomization', 'broken', [failed]);
		expect(said[0]).toContain('lastHandledReconcileAt not yet the requested token');
		expect(result).toMatchObject({outcome: 'failed', message: 'Kustomization broken reconciliation failed: kustomize build failed: missing resource'});
	}, 30_000);

	it('a HelmRelease reports the chart version of its latest release', async () => {
		seed('HelmRelease', 'chart', {lastHandledReconcileAt: token, history: [{chartVersion: '1.4.2', status: 'deployed'}, {chartVersion: '1.4.1', status: 'superseded'}], conditions: [condition('Ready', 'True', 'Helm upgrade succeeded')]});
		const {result} = await runWait('HelmRelease', 'chart', []);
		expect(result).toMatchObject({outcome: 'done', message: 'HelmRelease chart applied revision 1.4.2', after: {revision: '1.4.2'}});
	}, 30_000);

	it('times out while nothing settles, saying what it last saw', async () => {
		const stuck = {lastHandledReconcileAt: token, conditions: [condition('Ready', 'Unknown', 'Reconciliation in progress')]};
		seed('Kustomization', 'stuck', stuck);
		const {result} = await runWait('Kustomization', 'stuck', [stuck]);
		expect(result).toMatchObject({outcome: 'timed-out', message: 'Kustomization stuck: handled, still in progress (Ready Unknown: Reconciliation in progress)'});
	}, 30_000);
});
