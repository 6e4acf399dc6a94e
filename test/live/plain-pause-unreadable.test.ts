/**
 * The TUI's live fleet when a plain app's pause flag cannot be read: a user who may not list (nor watch)
 * ConfigMaps sees the app's auto-sync as unknown, AUTO `?`, and the details pane says why ("pause flag unreadable:
 * forbidden to list configmaps in batch"), never a silent "not paused"; once the permission is given, the note goes.
 */
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {dump, load} from 'js-yaml';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {nodeRuntime} from '../../source/cluster/runtime.js';
import {evaluationInputs, openEvaluationSession, type EvaluationSession} from '../../source/commands/evaluation-session.js';
import {autoSyncWord} from '../../source/domain/auto-sync-word.js';
import {startLiveFleet, type LiveFleet} from '../../source/live/live-fleet.js';
import type {SandboxUser} from '../../source/sandbox/types.js';
import {detailsSections} from '../../source/state/details.js';
import type {FleetSnapshot} from '../../source/state/fleet-snapshot.js';
import {stateWith} from '../support/frame-render.js';
import {startScenario, type Scenario} from '../support/scenario-cluster.js';
import {waitFor} from '../support/wait-for.js';

let scenario: Scenario;
let session: EvaluationSession;
let fleet: LiveFleet;
let latest: FleetSnapshot | undefined;
const user: SandboxUser = {name: 'nocm', token: 'nocm-token', groups: ['system:authenticated'], verbs: ['get', 'list', 'watch'], denied: ['list configmaps', 'watch configmaps']};
const worker = () => latest?.apps.find(app => app.name === 'worker');
const unreadable = 'pause flag unreadable: forbidden to list configmaps in batch';

beforeAll(async () => {
	scenario = await startScenario();
	scenario.sandbox.users.push(user);
	const config = load(scenario.sandbox.kubeconfig()) as {'current-context': string};
	config['current-context'] = 'sandbox-nocm';
	const kubeconfig = path.join(scenario.repo.root, 'kubeconfig-nocm');
	writeFileSync(kubeconfig, dump(config));
	const env = {...process.env, KUBECONFIG: kubeconfig, HOME: scenario.repo.root, XDG_CACHE_HOME: path.join(scenario.repo.root, 'cache')};
	const opened = await openEvaluationSession({args: [], flags: {repo: scenario.repo.dir}, io: {stdout: process.stdout, stderr: process.stderr, env, cwd: scenario.repo.root}}, 'tui', {fetchOnOpen: false});
	if (!opened.ok) throw new Error('cannot open the session');
	session = opened.session;
	const {revision: _head, ...inputs} = evaluationInputs(session);
	fleet = startLiveFleet({
		inputs,
		readOnly: true,
		runtime: nodeRuntime(process.env),
		timers: {setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: handle => clearTimeout(handle as NodeJS.Timeout)},
		now: () => new Date(),
		log: () => undefined,
		quietMs: 50,
	});
	fleet.source.subscribe(snapshot => (latest = snapshot));
}, 90_000);

afterAll(async () => {
	fleet?.stop();
	session?.close();
	await scenario?.stop();
});

describe('a plain app whose pause flag cannot be read, in the TUI', () => {
	it('shows auto-sync unknown and why, in the AUTO column and the details pane', async () => {
		await waitFor(() => worker()?.autoSync.unreadable !== undefined, {timeoutMs: 30_000, describe: () => JSON.stringify(worker()?.autoSync)});
		expect(worker()!.autoSync).toEqual({enabled: false, unreadable});
		expect(autoSyncWord(worker()!)).toBe('?');
		const state = stateWith({...latest!, apps: [worker()!]});
		expect(detailsSections(state, new Date())).toContainEqual({label: 'Auto-sync', text: `unknown: ${unreadable}`, tone: 'error'});
	}, 60_000);

	it('drops the note once ConfigMaps can be listed', async () => {
		user.denied = [];
		await waitFor(() => worker() !== undefined && worker()!.autoSync.unreadable === undefined, {timeoutMs: 45_000, describe: () => JSON.stringify(worker()?.autoSync)});
		expect(worker()!.autoSync).toEqual({enabled: false});
		expect(autoSyncWord(worker()!)).toBe('-');
	}, 60_000);
});
