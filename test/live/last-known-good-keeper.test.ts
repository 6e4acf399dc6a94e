/**
 * The TUI's live fleet fills the last-known-good store as `status` does, over real HTTPS and a real repository:
 * every app it sees Synced and Healthy is kept at HEAD (an app that is not, is not); evaluations that bring
 * nothing new about a good app (it is judged again, still good) write nothing (the store's files are dated back an hour and stay so); a new HEAD at
 * which the apps are still good is kept as a new revision.
 */
import {mkdtempSync, readdirSync, rmSync, statSync, utimesSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {nodeRuntime} from '../../source/cluster/runtime.js';
import {mergePatch} from '../../source/cluster/writes.js';
import {evaluationInputs, type EvaluationSession} from '../../source/commands/evaluation-session.js';
import {openLastKnownGood, type LastKnownGoodStore} from '../../source/journal/last-known-good.js';
import {startLiveFleet, type LiveFleet} from '../../source/live/live-fleet.js';
import type {AppStatus} from '../../source/domain/app.js';
import type {FleetSnapshot} from '../../source/state/fleet-snapshot.js';
import {startScenario, type Scenario} from '../support/scenario-cluster.js';
import {openScenarioSession} from '../support/scenario-session.js';
import {waitFor} from '../support/wait-for.js';

let scenario: Scenario;
let session: EvaluationSession;
let fleet: LiveFleet;
let store: LastKnownGoodStore;
let latest: FleetSnapshot | undefined;
const runs: number[] = [];
const judged = {worker: 0};
const dir = mkdtempSync(path.join(os.tmpdir(), 'gitops-tui-lkg-tui-'));
const timers = {setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms), clearTimeout: (handle: unknown) => clearTimeout(handle as NodeJS.Timeout)};
const app = (name: string) => latest?.apps.find(candidate => candidate.name === name);
const keyOf = (view: AppStatus) => ({engine: view.engine, context: view.context, namespace: view.namespace, app: view.name});
const good = () => (latest?.apps ?? []).filter(view => view.sync === 'Synced' && view.health === 'Healthy');
const indexFiles = () => readdirSync(path.join(dir, 'apps')).map(name => path.join(dir, 'apps', name));

async function quiet(): Promise<void> {
	await waitFor(() => runs.length > 0 && Date.now() - runs.at(-1)! > 1_500, {timeoutMs: 30_000});
}

beforeAll(async () => {
	scenario = await startScenario();
	session = await openScenarioSession(scenario);
	store = openLastKnownGood({dir, now: () => new Date()});
	const {revision: _head, ...inputs} = evaluationInputs(session);
	fleet = startLiveFleet({
		inputs,
		readOnly: false,
		runtime: nodeRuntime(process.env),
		timers,
		now: () => new Date(),
		log: () => undefined,
		quietMs: 50,
		keepLastKnownGood: store,
		probe: {finished: () => runs.push(Date.now()), judged: definition => (definition.name === 'worker' ? judged.worker++ : undefined)},
	});
	fleet.source.subscribe(snapshot => (latest = snapshot));
	await waitFor(() => ['web', 'api', 'worker'].every(name => app(name)?.sync === 'Synced'), {timeoutMs: 30_000, describe: () => JSON.stringify(latest?.apps.map(a => [a.name, a.sync, a.health]))});
	await quiet();
}, 90_000);

afterAll(async () => {
	fleet?.stop();
	session?.close();
	await scenario?.stop();
	rmSync(dir, {recursive: true, force: true});
});

describe('the live fleet keeps the last-known-good store', () => {
	it('keeps every app seen Synced and Healthy at HEAD, with its manifests, and no other', async () => {
		const head = scenario.repo.head();
		expect(good().length).toBeGreaterThan(0);
		for (const view of good()) {
			await waitFor(async () => (await store.records(keyOf(view))).some(record => record.revision === head), {timeoutMs: 10_000, describe: () => view.name});
			const entry = await store.find(keyOf(view), head);
			expect(entry?.manifests.length, view.name).toBeGreaterThan(0);
		}
		for (const view of latest!.apps.filter(candidate => !good().includes(candidate))) expect(await store.records(keyOf(view)), view.name).toEqual([]);
	}, 60_000);

	it('writes nothing for evaluations that bring nothing new about a good app', async () => {
		const hourAgo = new Date(Date.now() - 3_600_000);
		for (const file of indexFiles()) utimesSync(file, hourAgo, hourAgo);
		const before = Object.fromEntries(indexFiles().map(file => [file, statSync(file).mtimeMs]));
		const judgedBefore = judged.worker;
		// A live change the plain app's evaluation reads (an annotation nobody declares): judged again, still good.
		const client = session.contexts[0]!.client!;
		const ref = {apiVersion: 'v1', kind: 'ConfigMap', namespace: 'batch', name: 'worker-settings'};
		expect((await mergePatch(client, ref, {metadata: {annotations: {'example.com/poked': 'yes'}}}, {fieldManager: 'kubectl-edit'})).ok).toBe(true);
		await waitFor(() => judged.worker > judgedBefore, {timeoutMs: 15_000});
		await quiet();
		expect(app('worker')).toMatchObject({sync: 'Synced', health: 'Healthy'});
		expect(Object.fromEntries(indexFiles().map(file => [file, statSync(file).mtimeMs]))).toEqual(before);
	}, 60_000);

	it('keeps a new HEAD at which the apps are still good as a new revision', async () => {
		const previous = scenario.repo.head();
		const sha = scenario.repo.commit({'NOTES.md': 'nothing an app reads\n'}, 'notes');
		await session.repo!.fetchNow();
		await waitFor(() => latest?.apps.every(view => view.revision.head === sha) === true, {timeoutMs: 15_000});
		expect(good().length).toBeGreaterThan(0);
		for (const view of good()) {
			await waitFor(async () => (await store.records(keyOf(view))).some(record => record.revision === sha), {timeoutMs: 10_000, describe: () => view.name});
			expect((await store.records(keyOf(view))).map(record => record.revision)).toEqual([previous, sha]);
		}
	}, 60_000);
});
