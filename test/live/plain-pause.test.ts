/**
 * A plain app's pause flag in the TUI's live fleet: the ConfigMap `gitops-tui-pause-<app>` appears on the cluster
 * and, with nobody asking, the app reads paused with who, why and until (the AUTO column and the paused-by line
 * read the same state); deleted, the pause goes.
 */
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {nodeRuntime} from '../../source/cluster/runtime.js';
import {deleteObject, serverSideApply} from '../../source/cluster/writes.js';
import {openEvaluationSession, type EvaluationSession} from '../../source/commands/evaluation-session.js';
import {plainPauseRef, plainPauseWrite} from '../../source/engines/plain-actions.js';
import {startLiveFleet} from '../../source/live/live-fleet.js';
import {startDemo, type Demo} from '../../source/sandbox/demo/index.js';
import type {FleetSnapshot} from '../../source/state/fleet-snapshot.js';
import {isPaused, pauseStory} from '../../source/state/pause-story.js';
import {waitFor} from '../support/wait-for.js';

let workDir: string;
let demo: Demo;
let session: EvaluationSession;
const sinks: Array<{close(): void}> = [];

beforeAll(async () => {
	workDir = await mkdtemp(path.join(os.tmpdir(), 'gitops-tui-plain-pause-'));
	demo = await startDemo({workDir});
	const io = {stdout: process.stdout, stderr: process.stderr, env: {...process.env, KUBECONFIG: demo.kubeconfigPath, HOME: workDir}, cwd: workDir};
	const opened = await openEvaluationSession({args: [], flags: {kubeconfig: demo.kubeconfigPath, allContexts: true, repo: demo.repoPath}, io}, 'tui');
	if (!opened.ok) throw new Error('cannot open the demo session');
	session = opened.session;
	sinks.push(session);
}, 60_000);

afterAll(async () => {
	for (const sink of sinks.reverse()) sink.close();
	await demo?.stop();
	await rm(workDir, {recursive: true, force: true});
});

describe("a plain app's pause in the live fleet", () => {
	it('reads paused with who, why and until when its flag appears, and not paused when it goes', async () => {
		const fleet = startLiveFleet({
			inputs: {contexts: session.contexts, kubeconfigContexts: session.kubeconfigContexts, ...(session.repo ? {repo: session.repo} : {}), tools: session.tools},
			readOnly: false,
			runtime: nodeRuntime(process.env),
			timers: {setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms), clearTimeout: (handle: unknown) => clearTimeout(handle as NodeJS.Timeout)},
			now: () => new Date(),
			log: () => undefined,
			quietMs: 50,
		});
		sinks.push({close: () => fleet.stop()});
		let latest: FleetSnapshot | undefined;
		sinks.push({close: fleet.source.subscribe(snapshot => (latest = snapshot))});
		const checkout = () => latest?.apps.find(app => app.name === 'checkout' && app.engine === 'plain');
		await waitFor(() => Boolean(checkout()), {timeoutMs: 30_000, describe: () => 'the plain app checkout'});
		expect(isPaused(checkout()!.autoSync)).toBe(false);

		const client = session.contexts.find(context => context.info.name === 'staging')!.client!;
		const until = new Date(Date.now() + 2 * 3600_000).toISOString();
		const flag = plainPauseWrite('staging', {name: 'checkout', defaultNamespace: 'checkout'}, {by: 'alice', reason: 'payment provider migration', at: new Date().toISOString(), until}, 'gitops-tui');
		if (flag.kind !== 'apply') throw new Error('the pause flag is an apply');
		expect((await serverSideApply(client, flag.object, {fieldManager: flag.fieldManager})).ok).toBe(true);
		await waitFor(() => isPaused(checkout()?.autoSync ?? {enabled: true}), {timeoutMs: 15_000, describe: () => JSON.stringify(checkout()?.autoSync)});
		expect(checkout()!.autoSync).toMatchObject({enabled: false, pausedBy: 'alice', reason: 'payment provider migration', until});
		expect(pauseStory(checkout()!, new Date())?.text).toMatch(/^auto-sync paused by alice \d+s ago — until .*, in (2h|1h59m): payment provider migration$/);

		expect((await deleteObject(client, plainPauseRef({name: 'checkout', defaultNamespace: 'checkout'}))).ok).toBe(true);
		await waitFor(() => checkout()?.autoSync.pausedBy === undefined, {timeoutMs: 15_000, describe: () => JSON.stringify(checkout()?.autoSync)});
		expect(checkout()!.autoSync).toEqual({enabled: false});
	}, 60_000);
});
