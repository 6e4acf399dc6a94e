/**
 * A malformed `secretGenerator` literal makes kustomize quote it in its error. `status` (table and JSON) and
 * `diff` show the app's render error with the value masked: the canary appears in no output.
 */
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {startScenario, type Scenario} from '../support/scenario-cluster.js';
import {ensureBuiltCli, gitopsTui, statusJson} from '../support/scenario-cli.js';

const canary = 'CANARY-LITERAL-E2E-5c2d';

beforeAll(ensureBuiltCli, 60_000);
let scenario: Scenario;
afterEach(async () => scenario?.stop());

describe('render errors and Secret values', () => {
	it('masks a secretGenerator literal kustomize echoes, in status table, JSON and diff', async () => {
		scenario = await startScenario();
		scenario.repo.commit(
			{'apps/web/kustomization.yaml': `resources: [configmap.yaml, deployment.yaml, service.yaml]\nsecretGenerator:\n- name: db\n  literals: ["password ${canary}"]\n`},
			'Add a database password (malformed literal)',
		);
		const json = await statusJson(scenario);
		const web = json.document.apps.find(app => app.name === 'web')!;
		expect(web.error).toContain('invalid literal source (masked)');
		const table = await gitopsTui(scenario, ['status', '--repo', scenario.repo.dir]);
		const diff = await gitopsTui(scenario, ['diff', 'web', '--repo', scenario.repo.dir]);
		expect(diff.stderr).toContain('(masked)');
		for (const text of [json.stdout, json.stderr, table.stdout, table.stderr, diff.stdout, diff.stderr]) expect(text).not.toContain(canary);
	}, 60_000);
});
