/**
 * The TUI judges again only the apps whose inputs changed, over real HTTPS and a real repository: a live edit
 * re-judges its own app (and the verdict moves), an edit of a Flux Kustomization re-judges that app, a commit
 * touching one app's path renders that app alone, a fetch that brings nothing or a new Event judges nothing at all,
 * and a kind nobody watches (a Role) is listed again now and then, its changes judged like watch events. Renders and judgements are counted through the fleet's probe, per app.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {nodeRuntime} from '../../source/cluster/runtime.js';
import {mergePatch, serverSideApply} from '../../source/cluster/writes.js';
import {evaluationInputs, type EvaluationSession} from '../../source/commands/evaluation-session.js';
import {startLiveFleet, type LiveFleet} from '../../source/live/live-fleet.js';
import type {FleetSnapshot} from '../../source/state/fleet-snapshot.js';
import {startScenario, type Scenario} from '../support/scenario-cluster.js';
import {openScenarioSession} from '../support/scenario-session.js';
import {waitFor} from '../support/wait-for.js';

let scenario: Scenario;
let session: EvaluationSession;
let fleet: LiveFleet;
let latest: FleetSnapshot | undefined;
const judged = new Map<string, number>();
const rendered = new Map<string, number>();
const runs: Array<{judged: number; rendered: number; at: number}> = [];
const timers = {setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms), clearTimeout: (handle: unknown) => clearTimeout(handle as NodeJS.Timeout)};
const bump = (counts: Map<string, number>, name: string) => counts.set(name, (counts.get(name) ?? 0) + 1);
const app = (name: string) => latest?.apps.find(candidate => candidate.name === name);
const counts = () => ({judged: Object.fromEntries(judged), rendered: Object.fromEntries(rendered)});

/** No run for a while after the last one: the watches' first lists and the controllers' rollouts are done. */
async function quiet(): Promise<void> {
	await waitFor(() => runs.length > 0 && Date.now() - runs.at(-1)!.at > 1_500, {timeoutMs: 30_000, describe: () => `runs: ${JSON.stringify(runs.slice(-3))}`});
}

/**
 * Makes `change`, lets the loop go quiet, and checks that `name` was judged again and the other apps were not.
 * Returns the counts before and after, for what a test checks beyond that.
 */
async function expectOnlyJudged(name: string, change: () => Promise<void>): Promise<{before: ReturnType<typeof counts>; after: ReturnType<typeof counts>}> {
	const before = counts();
	await change();
	await quiet();
	const after = counts();
	expect(after.judged[name]).toBeGreaterThan(before.judged[name]!);
	for (const other of ['web', 'api', 'worker'].filter(candidate => candidate !== name)) expect(after.judged[other], other).toBe(before.judged[other]);
	return {before, after};
}

beforeAll(async () => {
	scenario = await startScenario();
	session = await openScenarioSession(scenario);
	const {revision: _head, ...inputs} = evaluationInputs(session);
	fleet = startLiveFleet({
		inputs,
		readOnly: false,
		runtime: nodeRuntime(process.env),
		timers,
		now: () => new Date(),
		log: () => undefined,
		quietMs: 50,
		relistMs: 300,
		probe: {judged: definition => bump(judged, definition.name), rendered: definition => bump(rendered, definition.name), finished: run => runs.push({...run, at: Date.now()})},
	});
	fleet.source.subscribe(snapshot => (latest = snapshot));
	await waitFor(() => ['web', 'api', 'worker'].every(name => app(name)?.sync === 'Synced'), {timeoutMs: 30_000, describe: () => JSON.stringify(latest?.apps.map(a => [a.name, a.sync, a.error]))});
	await quiet();
}, 90_000);

afterAll(async () => {
	fleet?.stop();
	session?.close();
	await scenario?.stop();
});

describe('incremental evaluation in the live loop', () => {
	it('re-judges only the app whose live object changed, and its verdict moves', async () => {
		const {before, after} = await expectOnlyJudged('worker', async () => {
			const client = session.contexts[0]!.client!;
			const patched = await mergePatch(client, {apiVersion: 'v1', kind: 'ConfigMap', namespace: 'batch', name: 'worker-settings'}, {data: {batchSize: '500'}}, {fieldManager: 'kubectl-edit'});
			expect(patched.ok).toBe(true);
			await waitFor(() => app('worker')?.resources.find(resource => resource.key.name === 'worker-settings')?.verdict === 'Drifted', {timeoutMs: 15_000, describe: () => JSON.stringify(counts())});
			expect(app('worker')!.sync).toBe('OutOfSync');
		});
		// Its render was kept: the repository did not move.
		expect(after.rendered).toEqual(before.rendered);
	}, 60_000);

	it('re-judges only the app whose Kustomization changed', async () => {
		await expectOnlyJudged('web', async () => {
			const client = session.contexts[0]!.client!;
			const suspended = await mergePatch(client, {apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', namespace: 'flux-system', name: 'web'}, {spec: {suspend: true}}, {fieldManager: 'kubectl-edit'});
			expect(suspended.ok).toBe(true);
			await waitFor(() => app('web')?.autoSync.enabled === false, {timeoutMs: 15_000, describe: () => JSON.stringify(app('web')?.autoSync)});
		});
	}, 60_000);

	it('re-judges only the plain app whose pause flag was set', async () => {
		await expectOnlyJudged('worker', async () => {
			const flag = {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'gitops-tui-pause-worker', namespace: 'batch', labels: {'gitops-tui.io/pause-for': 'worker'}, annotations: {'gitops-tui.io/paused-by': 'alice', 'gitops-tui.io/pause-reason': 'incident 42', 'gitops-tui.io/paused-at': '2026-03-01T12:00:00Z'}}, data: {app: 'worker'}};
			expect((await serverSideApply(session.contexts[0]!.client!, flag, {fieldManager: 'gitops-tui'})).ok).toBe(true);
			await waitFor(() => app('worker')?.autoSync.pausedBy === 'alice', {timeoutMs: 15_000, describe: () => JSON.stringify(app('worker')?.autoSync)});
		});
	}, 60_000);

	it('renders only the app a new commit touched; the others only learn the new HEAD', async () => {
		const before = counts();
		const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  selector:\n    app: api\n  ports:\n    - port: 9090\n';
		const sha = scenario.repo.commit({'apps/api/service.yaml': service}, 'api listens on 9090');
		// The fetch fails (the origin is a dead port) but ends: the loop reads HEAD again.
		await session.repo!.fetchNow();
		await waitFor(() => app('api')?.resources.find(resource => resource.key.kind === 'Service')?.verdict === 'Drifted', {timeoutMs: 15_000, describe: () => JSON.stringify(counts())});
		await waitFor(() => ['web', 'api', 'worker'].every(name => app(name)?.revision.head === sha), {timeoutMs: 15_000, describe: () => JSON.stringify(latest?.apps.map(a => [a.name, a.revision]))});
		await quiet();
		const after = counts();
		expect(after.rendered['api']).toBe(before.rendered['api']! + 1);
		expect(after.rendered['web']).toBe(before.rendered['web']);
		expect(after.rendered['worker']).toBe(before.rendered['worker']);
		expect(after.judged['web']).toBe(before.judged['web']);
		expect(after.judged['worker']).toBe(before.judged['worker']);
		// The Argo CD app deployed the commit before: one commit on its path behind.
		expect(app('api')!.revision.behind).toBe(1);
		expect(app('worker')!.revision.behind).toBe(0);
	}, 60_000);

	it('judges nothing for a fetch that brings nothing, nor for a new Event', async () => {
		const before = counts();
		const runsBefore = runs.length;
		await session.repo!.fetchNow();
		await waitFor(() => runs.length > runsBefore, {timeoutMs: 15_000, describe: () => 'a run after the fetch'});
		const event = {apiVersion: 'v1', kind: 'Event', metadata: {name: 'worker.poked', namespace: 'batch'}, involvedObject: {kind: 'Deployment', name: 'worker', namespace: 'batch'}, reason: 'Poked', message: 'poked by a test', type: 'Normal'};
		expect((await serverSideApply(session.contexts[0]!.client!, event, {fieldManager: 'kubelet'})).ok).toBe(true);
		await waitFor(() => latest!.liveByContext[session.contexts[0]!.info.name]!.some(object => object.kind === 'Event' && object.metadata.name === 'worker.poked'), {timeoutMs: 15_000});
		await quiet();
		expect(counts()).toEqual(before);
		expect(runs.slice(runsBefore).every(run => run.judged === 0 && run.rendered === 0)).toBe(true);
	}, 60_000);

	it('lists kinds nobody watches again now and then, and judges the app whose object moved', async () => {
		const role = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: worker-reader\n  namespace: batch\nrules:\n  - apiGroups: [""]\n    resources: [configmaps]\n    verbs: [get]\n';
		scenario.repo.commit({'apps/worker/role.yaml': role}, 'worker reads its settings');
		await session.repo!.fetchNow();
		const verdict = () => app('worker')?.resources.find(resource => resource.key.kind === 'Role')?.verdict;
		await waitFor(() => verdict() === 'Missing', {timeoutMs: 15_000, describe: () => JSON.stringify(app('worker')?.resources.map(r => [r.key.kind, r.verdict]))});
		await quiet();
		await expectOnlyJudged('worker', async () => {
			const body = {apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: {name: 'worker-reader', namespace: 'batch', labels: {'gitops-tui.io/app': 'worker'}}, rules: [{apiGroups: [''], resources: ['configmaps'], verbs: ['get']}]};
			expect((await serverSideApply(session.contexts[0]!.client!, body, {fieldManager: 'gitops-tui'})).ok).toBe(true);
			await waitFor(() => verdict() === 'Synced', {timeoutMs: 15_000, describe: () => JSON.stringify(counts())});
		});
	}, 60_000);
});
