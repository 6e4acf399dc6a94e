/**
 * The action commands in a terminal, as a person answers them (tmux): the plan is shown, then `Go ahead? [y/N]`;
 * a protected context asks for its name typed; Ctrl-C at the prompt is a no, journaled as cancelled.
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {KubeObject} from '../../source/domain/kube-object.js';
import {startScenario, type Scenario} from '../support/scenario-cluster.js';
import {builtCli, ensureBuiltCli} from '../support/scenario-cli.js';
import {startTmux, type TmuxSession} from '../support/tmux.js';

beforeAll(ensureBuiltCli, 60_000);

let scenario: Scenario | undefined;
let tmux: TmuxSession | undefined;
afterEach(async () => {
	await tmux?.kill();
	await scenario?.stop();
	tmux = undefined;
	scenario = undefined;
});

async function runInTerminal(s: Scenario, args: string[]): Promise<TmuxSession> {
	const quoted = args.map(arg => `'${arg}'`).join(' ');
	return startTmux({
		command: `node ${builtCli} ${quoted}; echo EXIT=$?; sleep 60`,
		columns: 160,
		rows: 50,
		env: {HOME: s.repo.root, KUBECONFIG: s.kubeconfig, XDG_CACHE_HOME: path.join(s.repo.root, 'cache'), PATH: process.env['PATH'] ?? ''},
	});
}

const kustomization = (s: Scenario) => s.sandbox.objects.get(s.sandbox.objects.resourceType('kustomize.toolkit.fluxcd.io/v1', 'Kustomization')!, 'flux-system', 'web') as KubeObject;
const lastJournalEntry = (s: Scenario) => JSON.parse(readFileSync(path.join(s.repo.root, '.local', 'state', 'gitops-tui', 'journal.jsonl'), 'utf8').trim().split('\n').at(-1)!) as {outcome: {status: string}};

describe('action commands in a terminal', () => {
	it('shows the plan, asks, and goes ahead on y', async () => {
		scenario = await startScenario();
		tmux = await runInTerminal(scenario, ['suspend', 'web', '--reason', 'incident 42', '--repo', scenario.repo.dir]);
		const screen = await tmux.waitForText('Go ahead? [y/N]');
		expect(screen).toContain('spec.suspend=true, reason "incident 42"');
		await tmux.keys(['y', 'Enter']);
		await tmux.waitForText('EXIT=0');
		expect(kustomization(scenario)['spec']).toMatchObject({suspend: true});
	}, 60_000);

	it('a protected context asks for its name; Ctrl-C at the prompt is a no', async () => {
		scenario = await startScenario();
		scenario.repo.commit({'.gitops-tui.yaml': 'apps:\n  - {name: worker, path: apps/worker, namespace: batch}\nprotectedContexts: [sandbox]\n'}, 'protect sandbox');
		tmux = await runInTerminal(scenario, ['suspend', 'web', '--reason', 'freeze', '--repo', scenario.repo.dir]);
		await tmux.waitForText('Context sandbox is protected. Type its name to go ahead:');
		await tmux.keys(['C-c']);
		await tmux.waitForText('EXIT=2');
		expect(lastJournalEntry(scenario).outcome.status).toBe('cancelled');
		expect(kustomization(scenario)['spec']).not.toMatchObject({suspend: true});
		await tmux.kill();

		tmux = await runInTerminal(scenario, ['suspend', 'web', '--reason', 'freeze', '--repo', scenario.repo.dir]);
		await tmux.waitForText('Type its name to go ahead:');
		await tmux.keys(['sandbox'], {literal: true});
		await tmux.keys(['Enter']);
		await tmux.waitForText('EXIT=0');
		expect(kustomization(scenario)['spec']).toMatchObject({suspend: true});
	}, 60_000);
});
