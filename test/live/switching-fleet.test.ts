/**
 * The TUI's first frame does not wait for a first clone: the fleet starts without the repository (its snapshot
 * says it is being cloned, the controllers' view is there), and moves to the repository's verdicts when it
 * arrives, through the same FleetSource, without an empty snapshot in between.
 */
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {nodeRuntime} from '../../source/cluster/runtime.js';
import {evaluationInputs, openEvaluationSession, type EvaluationSession} from '../../source/commands/evaluation-session.js';
import {startLiveFleet, type LiveFleet} from '../../source/live/live-fleet.js';
import {switchingFleet} from '../../source/live/switching-fleet.js';
import type {FleetSnapshot} from '../../source/state/fleet-snapshot.js';
import {startScenario, type Scenario} from '../support/scenario-cluster.js';
import {waitFor} from '../support/wait-for.js';

let scenario: Scenario;
const sinks: Array<{close(): void}> = [];
const timers = {setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms), clearTimeout: (handle: unknown) => clearTimeout(handle as NodeJS.Timeout)};

beforeAll(async () => {
	scenario = await startScenario();
}, 60_000);
afterAll(async () => {
	for (const sink of sinks.reverse()) sink.close();
	await scenario?.stop();
});

async function session(flags: Record<string, unknown>, repoWaitMs?: number): Promise<EvaluationSession> {
	const env = {...process.env, KUBECONFIG: scenario.kubeconfig, HOME: scenario.repo.root, XDG_CACHE_HOME: path.join(scenario.repo.root, 'cache')};
	const opened = await openEvaluationSession({args: [], flags, io: {stdout: process.stdout, stderr: process.stderr, env, cwd: scenario.repo.root}}, 'tui', {fetchOnOpen: false, ...(repoWaitMs === undefined ? {} : {repoWaitMs})});
	if (!opened.ok) throw new Error('cannot open the session');
	sinks.push(opened.session);
	return opened.session;
}

function fleetOf(inputs: ReturnType<typeof evaluationInputs>): LiveFleet {
	return startLiveFleet({inputs, readOnly: true, runtime: nodeRuntime(process.env), timers, now: () => new Date(), log: () => undefined, quietMs: 50});
}

describe('a TUI that does not wait for the first clone', () => {
	it('says the repository is being cloned, shows the controllers’ view, then the verdicts from the clone', async () => {
		// A clone that cannot be waited for (repoWaitMs 0): the session goes on without it.
		const cloning = await session({repo: `file://${scenario.repo.dir}`}, 0);
		expect(cloning.repo).toBeUndefined();
		expect(cloning.repoError).toMatch(/^cloning file:\/\/.*… \(desired state follows once it is cloned\)$/);
		let release!: () => void;
		const held = new Promise<void>(resolve => (release = resolve));
		const next = Promise.all([cloning.repoPending!, held]).then(([opening]) => {
			if (!('repo' in opening)) throw new Error(opening.repoError);
			const {repoError: _cloning, ...inputs} = evaluationInputs(cloning);
			return fleetOf({...inputs, repo: opening.repo});
		});
		const fleet = switchingFleet(fleetOf(evaluationInputs(cloning)), next);
		sinks.push({close: () => fleet.stop()});
		const seen: FleetSnapshot[] = [];
		const unsubscribe = fleet.source.subscribe(snapshot => seen.push(snapshot));
		sinks.push({close: unsubscribe});
		const latest = () => seen.at(-1);
		await waitFor(() => latest()?.evaluatedAt !== undefined && (latest()?.apps.length ?? 0) >= 2, {timeoutMs: 20_000, describe: () => JSON.stringify(latest()?.git)});
		expect(latest()!.git).toMatchObject({reachable: false, error: expect.stringMatching(/^cloning /)});
		expect(latest()!.apps.find(app => app.name === 'web')?.controllerSync).toBe('Synced');
		const beforeSwitch = seen.length;
		release();
		// The plain app comes from the clone's .gitops-tui.yaml: judged once the repository is there.
		expect(latest()!.apps.find(app => app.name === 'worker')).toBeUndefined();
		await waitFor(() => latest()?.git.repo !== undefined && latest()?.apps.find(app => app.name === 'worker')?.sync === 'Synced', {
			timeoutMs: 30_000,
			describe: () => JSON.stringify([latest()?.git, latest()?.apps.map(app => [app.name, app.sync, app.error])]),
		});
		// No frame without apps on the way.
		expect(seen.slice(beforeSwitch).every(snapshot => snapshot.evaluatedAt !== undefined && snapshot.apps.length > 0)).toBe(true);
		const worker = latest()!.apps.find(app => app.name === 'worker')!;
		expect((await fleet.source.loadHistory(`${worker.context}/${worker.engine}/${worker.namespace}/${worker.name}`)).status).toBe('ready');
	}, 60_000);
});
