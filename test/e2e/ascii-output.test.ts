/**
 * `status` and `diff` text on an ASCII-only terminal, by the TUI's rule (a locale without UTF-8, TERM=dumb,
 * --ascii): Unicode from the data (a pause reason, a ConfigMap value) and our own glyphs come out as ASCII, laid out
 * within 80 columns; on a UTF-8 terminal they stay as they are, and `-o json` stays exact whatever the locale.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {mergePatch, serverSideApply} from '../../source/cluster/writes.js';
import {plainPauseWrite} from '../../source/engines/plain-actions.js';
import {openTestClients} from '../support/cluster-sandbox.js';
import {startScenario, type Scenario} from '../support/scenario-cluster.js';
import {ensureBuiltCli, gitopsTui} from '../support/scenario-cli.js';

let scenario: Scenario;
const reason = 'Wartung — München… «Zürich» 日本';
const city = 'Zürich—“Altstadt”';
const nonAscii = /[^\u0000-\u007f]/;
const utf8 = {LANG: 'C.UTF-8', TERM: 'xterm-256color'};

beforeAll(async () => {
	await ensureBuiltCli();
	scenario = await startScenario();
	const opened = await openTestClients(scenario.sandbox.kubeconfig(), ['sandbox']);
	try {
		const client = opened.clients[0]!;
		const flag = plainPauseWrite('sandbox', {name: 'worker', defaultNamespace: 'batch'}, {by: 'alice', reason, at: '2026-12-05T01:00:00Z'}, 'gitops-tui');
		if (flag.kind !== 'apply') throw new Error('the pause flag is an apply');
		expect((await serverSideApply(client, flag.object, {fieldManager: flag.fieldManager})).ok).toBe(true);
		expect((await mergePatch(client, {apiVersion: 'v1', kind: 'ConfigMap', namespace: 'batch', name: 'worker-settings'}, {data: {batchSize: city}}, {fieldManager: 'kubectl-edit'})).ok).toBe(true);
	} finally {
		await opened.close();
	}
}, 90_000);
afterAll(async () => scenario?.stop());

const status = (env: Record<string, string>, extra: string[] = []) => gitopsTui(scenario, ['status', '--repo', scenario.repo.dir, ...extra], env);
const diff = (env: Record<string, string>, extra: string[] = []) => gitopsTui(scenario, ['diff', 'worker', '--fast', '--repo', scenario.repo.dir, ...extra], env);

describe('status and diff text on an ASCII-only terminal', () => {
	it('keeps Unicode on a UTF-8 terminal', async () => {
		expect((await status(utf8)).stdout).toContain(reason);
		const shown = await diff(utf8);
		expect(shown.stdout).toContain(`# paused by alice since 2026-12-05T01:00:00Z: ${reason}`);
		expect(shown.stdout).toContain(city);
	}, 60_000);

	it.each([
		['a locale without UTF-8', {LANG: 'C', TERM: 'xterm'}, []],
		['no locale at all', {TERM: 'xterm'}, []],
		['TERM=dumb', {LANG: 'en_US.UTF-8', TERM: 'dumb'}, []],
		['--ascii', utf8, ['--ascii']],
	] as const)('prints ASCII only with %s, within 80 columns', async (_why, env, flags) => {
		const table = await status(env, [...flags]);
		expect(table.stdout, table.stdout).not.toMatch(nonAscii);
		expect(table.stdout.replace(/\s+/g, ' ')).toContain(': Wartung - M?nchen... <<Z?rich>> ????');
		for (const line of table.stdout.trimEnd().split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
		const shown = await diff(env, [...flags]);
		expect(shown.stdout, shown.stdout).not.toMatch(nonAscii);
		expect(shown.stdout).toContain('# paused by alice since 2026-12-05T01:00:00Z: Wartung - M?nchen... <<Z?rich>> ????');
		expect(shown.stdout).toContain('Z?rich-"Altstadt"');
		expect(shown.code).toBe(1);
	}, 60_000);

	it('leaves -o json exact in a locale without UTF-8', async () => {
		const json = await status({LANG: 'C'}, ['-o', 'json']);
		const worker = (JSON.parse(json.stdout) as {apps: Array<{name: string; autoSync: {reason?: string}}>}).apps.find(app => app.name === 'worker')!;
		expect(worker.autoSync.reason).toBe(reason);
		const one = JSON.parse((await diff({LANG: 'C'}, ['-o', 'json'])).stdout) as {app: {resources: Array<{name: string; diff?: string}>}};
		expect(one.app.resources.find(resource => resource.name === 'worker-settings')?.diff).toContain(city);
	}, 60_000);
});
