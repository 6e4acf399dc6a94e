/**
 * `status` keeps renders in the user's cache folder: a second run prints exactly what the first printed and what a
 * run with `--no-cache` prints, a commit changing an app's files is seen at once, `--no-cache` and
 * GITOPS_TUI_NO_CACHE=1 keep nothing, and the plain app's Secret (a canary value in Git) never reaches the folder.
 */
import {existsSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import path from 'node:path';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {startScenario, type Scenario} from '../support/scenario-cluster.js';
import {ensureBuiltCli, gitopsTui, statusJson} from '../support/scenario-cli.js';

const gitCanary = 'CANARY-GIT-VALUE-7f3a';

beforeAll(ensureBuiltCli, 60_000);
let scenario: Scenario;
afterEach(async () => scenario?.stop());

const rendersDir = () => path.join(scenario.repo.root, 'cache', 'gitops-tui', 'renders');
const entries = () => (existsSync(rendersDir()) ? readdirSync(rendersDir()) : []);

describe('status with kept renders', () => {
	it('prints the same with and without them, sees a commit at once, and keeps no Secret', async () => {
		scenario = await startScenario();
		const cold = await statusJson(scenario);
		// web and api are kept; worker renders a Secret, so it is not.
		expect(entries().filter(name => name.endsWith('.json'))).toHaveLength(2);
		const warm = await statusJson(scenario);
		const uncached = await statusJson(scenario, ['--no-cache']);
		expect(warm.stdout).toBe(cold.stdout);
		expect(uncached.stdout).toBe(cold.stdout);
		expect([cold.code, warm.code, uncached.code]).toEqual([0, 0, 0]);

		scenario.repo.commit({'apps/api/service.yaml': readFileSync(path.join(scenario.repo.dir, 'apps/api/service.yaml'), 'utf8').replace(/port: (\d+)/, 'port: 9999')}, 'api: another port');
		const changed = await statusJson(scenario);
		const changedUncached = await statusJson(scenario, ['--no-cache']);
		expect(changed.document.apps.find(app => app.name === 'api')!.sync).toBe('OutOfSync');
		expect(changed.stdout).toBe(changedUncached.stdout);

		for (const name of entries()) expect(readFileSync(path.join(rendersDir(), name), 'utf8')).not.toContain(gitCanary);
	}, 120_000);

	it('keeps nothing with --no-cache or GITOPS_TUI_NO_CACHE=1', async () => {
		scenario = await startScenario();
		await statusJson(scenario, ['--no-cache']);
		expect(entries()).toEqual([]);
		const run = await gitopsTui(scenario, ['status', '-o', 'json', '--repo', scenario.repo.dir], {GITOPS_TUI_NO_CACHE: '1'});
		expect(run.code).toBe(0);
		expect(entries()).toEqual([]);
		await statusJson(scenario);
		expect(entries().length).toBeGreaterThan(0);
		// What the README says to do to clear it.
		rmSync(rendersDir(), {recursive: true});
		expect((await statusJson(scenario)).code).toBe(0);
	}, 120_000);
});
