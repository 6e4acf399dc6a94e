/**
 * The TUI's exact comparisons against the sandbox over HTTPS: drifted objects are dry-run first, no more than the
 * bound run at once on a context, and an answer is reused until either side changes (the desired object, or the
 * live object's resourceVersion), so opening a diff again sends nothing.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {mergePatch} from '../../source/cluster/writes.js';
import {evaluationInputs, type EvaluationSession} from '../../source/commands/evaluation-session.js';
import {dryRunPair} from '../../source/engines/dry-run.js';
import {evaluate, type EvaluatedApp} from '../../source/engines/evaluate.js';
import {createExactDryRuns} from '../../source/live/exact-dry-runs.js';
import {startScenario, type Scenario} from '../support/scenario-cluster.js';
import {openScenarioSession} from '../support/scenario-session.js';

let scenario: Scenario;
let session: EvaluationSession;

beforeAll(async () => {
	scenario = await startScenario();
	session = await openScenarioSession(scenario);
}, 90_000);

afterAll(async () => {
	session?.close();
	await scenario?.stop();
});

async function web(): Promise<EvaluatedApp> {
	const evaluation = await evaluate({...evaluationInputs(session), mode: 'fast'});
	return evaluation.apps.find(app => app.status.name === 'web')!;
}

describe('exact dry-runs in the TUI', () => {
	it('asks drifted objects first, within the bound per context, and reuses answers while neither side changed', async () => {
		const client = session.contexts[0]!.client!;
		const drift = await mergePatch(client, {apiVersion: 'v1', kind: 'Service', namespace: 'shop', name: 'web'}, {spec: {ports: [{port: 81, targetPort: 8080, protocol: 'TCP'}]}}, {fieldManager: 'kubectl-edit'});
		expect(drift.ok).toBe(true);
		const app = await web();
		const drifted = app.status.resources.filter(resource => resource.verdict === 'Drifted').map(resource => resource.key.kind);
		expect(drifted).toEqual(['Service']);
		expect(app.prepared.pairs.length).toBeGreaterThanOrEqual(3);

		const asked: string[] = [];
		let active = 0;
		let most = 0;
		const exact = createExactDryRuns({
			perContext: 1,
			async dryRun(...args) {
				asked.push(args[1].id);
				most = Math.max(most, ++active);
				try {
					return await dryRunPair(...args);
				} finally {
					active--;
				}
			},
		});
		const early: string[][] = [];
		const results = await exact.forApp(client, app, {onDrifted: partial => early.push([...partial.keys()])});
		expect(most).toBe(1);
		expect(asked[0]).toBe('/Service/shop/web');
		expect(early).toEqual([['/Service/shop/web']]);
		expect([...results.keys()].sort()).toEqual(app.prepared.pairs.map(pair => pair.id).sort());
		expect([...results.values()].every(answer => answer.ok)).toBe(true);
		const service = results.get('/Service/shop/web');
		// The port Git sets, as the server would merge it.
		expect(service?.ok && (service.object['spec'] as {ports: Array<{port: number}>}).ports.map(port => port.port)).toContain(80);

		// Again, with nothing changed: every answer is reused.
		asked.length = 0;
		await exact.forApp(client, await web(), {});
		expect(asked).toEqual([]);

		// The live Service moves (a new resourceVersion): only it is asked again.
		expect((await mergePatch(client, {apiVersion: 'v1', kind: 'Service', namespace: 'shop', name: 'web'}, {metadata: {labels: {poked: 'yes'}}}, {fieldManager: 'kubectl-edit'})).ok).toBe(true);
		await exact.forApp(client, await web(), {});
		expect(asked).toEqual(['/Service/shop/web']);
	}, 60_000);

	it('runs several apps’ dry-runs on one context no more than the bound at once', async () => {
		const client = session.contexts[0]!.client!;
		let active = 0;
		let most = 0;
		const exact = createExactDryRuns({
			perContext: 2,
			async dryRun(...args) {
				most = Math.max(most, ++active);
				try {
					return await dryRunPair(...args);
				} finally {
					active--;
				}
			},
		});
		const evaluation = await evaluate({...evaluationInputs(session), mode: 'fast'});
		const answers = await Promise.all(evaluation.apps.filter(app => app.prepared.context === client.name).map(app => exact.forApp(client, app)));
		expect(answers.reduce((sum, answer) => sum + answer.size, 0)).toBeGreaterThan(4);
		expect(most).toBe(2);
	}, 60_000);
});
