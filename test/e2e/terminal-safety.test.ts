/**
 * Text from Git and the cluster reaches the terminal only as visible text: the `status` table, `diff` and the
 * `contexts` table of the built CLI show each planted escape sequence as `\x1b...`, never raw; `-o json` stays
 * exact (JSON's own escaping, the value unchanged once parsed).
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startScenario, type Scenario} from '../support/scenario-cluster.js';
import {ensureBuiltCli, gitopsTui, statusJson} from '../support/scenario-cli.js';
import {hostile, plantHostileText, rawControl, shown} from '../support/hostile-text.js';

let scenario: Scenario;
beforeAll(async () => {
	await ensureBuiltCli();
	scenario = await startScenario();
	await plantHostileText(scenario);
}, 90_000);
afterAll(async () => scenario?.stop());

describe('no raw control characters from Git or a cluster on the terminal', () => {
	it('status shows the context name, pause reason, condition message, file and object names visibly', async () => {
		const run = await gitopsTui(scenario, ['status', '--repo', scenario.repo.dir]);
		expect(rawControl.test(run.stdout)).toBe(false);
		expect(rawControl.test(run.stderr)).toBe(false);
		const flat = run.stdout.replace(/\n\s+/g, ' ');
		for (const source of ['contextName', 'pauseReason', 'conditionMessage', 'fileName', 'objectName'] as const) expect(flat).toContain(shown[source]);
	});

	it('diff shows the object name in its headers and the manifest visibly', async () => {
		const run = await gitopsTui(scenario, ['diff', 'api', '--repo', scenario.repo.dir]);
		expect(run.code).toBe(1);
		expect(rawControl.test(run.stdout)).toBe(false);
		expect(rawControl.test(run.stderr)).toBe(false);
		expect(run.stdout).toContain(`# ConfigMap api/${shown.objectName} (v1): Missing`);
		expect(run.stdout).toContain(`context ${shown.contextName})`);
		const worker = await gitopsTui(scenario, ['diff', 'worker', '--repo', scenario.repo.dir]);
		expect(rawControl.test(worker.stdout + worker.stderr)).toBe(false);
		expect(worker.stderr).toContain(shown.fileName);
	});

	it('contexts shows the context name visibly', async () => {
		const run = await gitopsTui(scenario, ['contexts']);
		expect(rawControl.test(run.stdout + run.stderr)).toBe(false);
		expect(run.stdout).toContain(shown.contextName);
	});

	it('status -o json stays exact: the values parse back to what Git and the cluster hold', async () => {
		const {document, stdout} = await statusJson(scenario, []);
		expect(rawControl.test(stdout)).toBe(false); // controls, C1 and bidi as \u escapes: the same values
		const api = document.apps.find(app => app.name === 'api')!;
		expect(api.context).toBe(hostile.contextName);
		expect(api.autoSync.reason).toBe(hostile.pauseReason);
		expect(api.resources.map(resource => resource.name)).toContain(hostile.objectName);
	});
});
