/**
 * A plain app's pause flag as status and diff show it, through the built CLI against the sandbox: a user who may
 * not list ConfigMaps gets the flag read by name (a namespaced role's get), and one who may not even get it sees
 * "pause flag unreadable" (AUTO `?`, a note, the JSON's autoSync and warnings), never a silent "not paused";
 * `diff APP`, which lists no ConfigMaps, reads the flag by name and shows the pause as status does (and says when
 * even that get is forbidden).
 */
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {dump, load} from 'js-yaml';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {serverSideApply} from '../../source/cluster/writes.js';
import {plainPauseWrite} from '../../source/engines/plain-actions.js';
import {openTestClients} from '../support/cluster-sandbox.js';
import {startScenario, type Scenario} from '../support/scenario-cluster.js';
import {ensureBuiltCli, gitopsTui, statusJson} from '../support/scenario-cli.js';

let scenario: Scenario;
/** A kubeconfig whose current context is a user denied the `denied` pairs (plain apps go to the current context). */
const kubeconfigAs = (user: string, denied: string[]): string => {
	scenario.sandbox.users.push({name: user, token: `${user}-token-${Date.now()}`, groups: ['system:authenticated'], verbs: ['get', 'list', 'watch'], denied});
	const config = load(scenario.sandbox.kubeconfig()) as {'current-context': string};
	config['current-context'] = `sandbox-${user}`;
	const file = path.join(scenario.repo.root, `kubeconfig-${user}`);
	writeFileSync(file, dump(config));
	return file;
};

beforeAll(async () => {
	await ensureBuiltCli();
	scenario = await startScenario();
}, 90_000);
afterAll(async () => scenario?.stop());

describe("a plain app's pause flag in status and diff", () => {
	it('status reads the flag by name when ConfigMaps may not be listed, and says it is unreadable when not even that', async () => {
		// Listing forbidden, a get allowed (a user whose role reads ConfigMaps by name): not paused, and no note.
		const byName = kubeconfigAs('nolist', ['list configmaps', 'watch configmaps']);
		const listed = await gitopsTui(scenario, ['status', '--repo', scenario.repo.dir, '--kubeconfig', byName]);
		expect(listed.stdout).toMatch(/^worker\s.*\s-\s*$/m);
		expect(listed.stdout).not.toContain('pause flag unreadable');
		const listedJson = (await statusJson(scenario, ['--kubeconfig', byName])).document.apps.find(app => app.name === 'worker')!;
		expect(listedJson.autoSync).toEqual({enabled: false});

		// Neither: whether it is paused is unknown, and says so in the get's words.
		const kubeconfig = kubeconfigAs('nocm', ['get configmaps', 'list configmaps', 'watch configmaps']);
		const unreadable = 'pause flag unreadable: forbidden to get configmaps in batch';
		const text = await gitopsTui(scenario, ['status', '--repo', scenario.repo.dir, '--kubeconfig', kubeconfig]);
		expect(text.stdout).toMatch(/^worker\s.*\?\s*$/m);
		expect(text.stdout).toContain(`note: ${unreadable}`);
		expect(text.stdout).not.toContain('forbidden to list configmaps in batch');
		const {document} = await statusJson(scenario, ['--kubeconfig', kubeconfig]);
		const worker = document.apps.find(app => app.name === 'worker')!;
		expect(worker.autoSync).toEqual({enabled: false, unreadable});
		expect(worker.warnings).toContain(unreadable);
		// Readable as admin: no such note.
		const admin = await gitopsTui(scenario, ['status', '--repo', scenario.repo.dir]);
		expect(admin.stdout).not.toContain('pause flag unreadable');
	}, 60_000);

	it('diff APP reads the flag as status does: paused with who and why, or unreadable', async () => {
		const opened = await openTestClients(scenario.sandbox.kubeconfig(), ['sandbox']);
		try {
			const flag = plainPauseWrite('sandbox', {name: 'worker', defaultNamespace: 'batch'}, {by: 'alice', reason: 'batch window', at: '2026-12-05T01:00:00Z'}, 'gitops-tui');
			if (flag.kind !== 'apply') throw new Error('the pause flag is an apply');
			expect((await serverSideApply(opened.clients[0]!, flag.object, {fieldManager: flag.fieldManager})).ok).toBe(true);
		} finally {
			await opened.close();
		}
		const status = await gitopsTui(scenario, ['status', '--repo', scenario.repo.dir]);
		expect(status.stdout).toContain('paused by alice since 2026-12-05T01:00:00Z: batch window');
		// A user who may not list ConfigMaps sees the pause too: the flag is read by name.
		const byName = await gitopsTui(scenario, ['status', '--repo', scenario.repo.dir, '--kubeconfig', kubeconfigAs('nolist2', ['list configmaps', 'watch configmaps'])]);
		expect(byName.stdout).toContain('paused by alice since 2026-12-05T01:00:00Z: batch window');

		const diff = await gitopsTui(scenario, ['diff', 'worker', '--fast', '--repo', scenario.repo.dir]);
		expect(diff.stdout.split('\n').slice(0, 2)).toEqual([expect.stringMatching(/^# worker \(plain, context sandbox\)/), '# paused by alice since 2026-12-05T01:00:00Z: batch window']);
		const json = JSON.parse((await gitopsTui(scenario, ['diff', 'worker', '--fast', '-o', 'json', '--repo', scenario.repo.dir])).stdout) as {app: {autoSync: unknown}};
		expect(json.app.autoSync).toEqual({enabled: false, pausedBy: 'alice', reason: 'batch window', since: '2026-12-05T01:00:00Z'});

		const kubeconfig = kubeconfigAs('noget', ['get configmaps', 'list configmaps', 'watch configmaps']);
		const denied = await gitopsTui(scenario, ['diff', 'worker', '--fast', '--repo', scenario.repo.dir, '--kubeconfig', kubeconfig]);
		expect(denied.stdout).toContain('# pause flag unreadable: forbidden to get configmaps in batch');
	}, 60_000);
});
