/**
 * `status` with no repository (no --repo, no `repo:` in the settings) cannot judge sync: it says so, names the
 * missing repository as the reason on every app instead of blaming each app's source, and exits 2 (README's table).
 */
import {describe, expect, it} from 'vitest';
import type {StatusDocument} from '../../source/commands/output/status-document.js';
import type {Scenario} from '../support/scenario-cluster.js';
import {gitopsTui, scenarioForFile} from '../support/scenario-cli.js';

let scenario: Scenario;
scenarioForFile(started => (scenario = started));

describe('status without a repository', () => {
	it('cannot judge sync, says why, and exits 2', async () => {
		const table = await gitopsTui(scenario, ['status']);
		expect(table.code).toBe(2);
		expect(table.stdout).toContain('NO REPOSITORY: no repository loaded (pass --repo PATH|URL)');
		expect(table.stdout).not.toContain('is not the loaded repository');
		const json = await gitopsTui(scenario, ['status', '-o', 'json']);
		expect(json.code).toBe(2);
		const document = JSON.parse(json.stdout) as StatusDocument;
		expect(document.git).toMatchObject({reachable: false, error: 'no repository loaded (pass --repo PATH|URL)'});
		expect(document.apps.length).toBeGreaterThan(0);
		for (const app of document.apps) {
			expect(app.sync).toBe('Unknown');
			expect(app.error).toBe('no repository loaded (pass --repo PATH|URL)');
		}
	});
});
