/**
 * The user settings file through the built CLI against a sandbox scenario (admin credentials): a context in
 * readOnlyContexts gets no write, not even a dry-run (diff falls back to the fast comparison and says why), and a
 * broken file makes the run read-only and names file, line and key, while status still answers as usual.
 */
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startScenario, type Scenario} from '../support/scenario-cluster.js';
import {ensureBuiltCli, gitopsTui} from '../support/scenario-cli.js';

let scenario: Scenario;
let configDir: string;

beforeAll(async () => {
	await ensureBuiltCli();
	scenario = await startScenario();
	expect((await scenario.kubectl(['set', 'image', 'deployment/web', '-n', 'shop', 'web=nginx:1.99', '--field-manager=kubectl-edit'])).code).toBe(0);
	configDir = path.join(scenario.repo.root, 'user-config');
	mkdirSync(configDir);
}, 120_000);
afterAll(async () => scenario?.stop());

function run(config: string, args: string[]) {
	writeFileSync(path.join(configDir, 'config.yaml'), config);
	scenario.sandbox.clearRequests();
	return gitopsTui(scenario, args, {GITOPS_TUI_CONFIG_DIR: configDir});
}

const writes = () => scenario.sandbox.requests().filter(entry => entry.method !== 'GET' && !/selfsubject(access)?reviews$/.test(entry.path));

describe('user settings through the CLI', () => {
	it('readOnlyContexts: diff sends no dry-run to that context and says so; the drift is still shown', async () => {
		const diff = await run('readOnlyContexts: [sandbox]\n', ['diff', 'web', '--repo', scenario.repo.dir]);
		expect(diff.code).toBe(1);
		expect(diff.stderr).toContain(`gitops-tui diff: sandbox is read-only (sandbox is in readOnlyContexts of ${path.join(configDir, 'config.yaml')}): no server-side dry-run`);
		expect(diff.stdout).toContain('fast comparison');
		expect(diff.stdout).toContain('.spec.template.spec.containers[name="web"].image');
		expect(writes()).toEqual([]);
		// Without the setting, the same diff is exact: a dry-run PATCH reaches the server.
		const exact = await run('{}\n', ['diff', 'web', '--repo', scenario.repo.dir]);
		expect(exact.stdout).toContain('exact comparison');
		expect(writes().map(entry => entry.method)).toContain('PATCH');
	});

	it('a broken file: every context read-only, the error names file, line and key; status answers as usual', async () => {
		const status = await run('theme: ascii\ntheme2: no-colour\n', ['status', '--exact', '--repo', scenario.repo.dir]);
		expect(status.stderr).toContain(`gitops-tui status: ${path.join(configDir, 'config.yaml')}:2: theme2: unknown key`);
		expect(status.stderr).toContain('every context is read-only until the file is fixed');
		expect(status.code).toBe(1);
		expect(status.stdout).toMatch(/^web\s+flux\s+sandbox\s+OutOfSync/m);
		expect(writes()).toEqual([]);
	});

	it('default contexts: a context the file names that does not exist is an error, as with --context', async () => {
		const status = await run('contexts: [nowhere]\n', ['status', '--repo', scenario.repo.dir]);
		expect(status.code).toBe(2);
		expect(status.stderr).toContain('nowhere');
	});
});
