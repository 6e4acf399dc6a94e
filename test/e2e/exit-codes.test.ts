/**
 * Exit codes never lie, for CI steps built on them: `status` exits 2 when the repository given cannot be opened,
 * `diff` exits 2 when a resource could not be judged (a kind the cluster does not serve), a repeated flag is a
 * one-line usage error (exit 2), and a closed output pipe ends the command quietly (exit 141, as SIGPIPE would).
 */
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {closedPort} from '../support/repo-helpers.js';
import type {Scenario} from '../support/scenario-cluster.js';
import {gitopsTui, gitopsTuiClosedPipe, scenarioForFile} from '../support/scenario-cli.js';

let scenario: Scenario;
scenarioForFile(started => (scenario = started));

describe('exit codes never lie', () => {
	it('status exits 2 when --repo names a missing folder or a URL that refuses', async () => {
		const missing = await gitopsTui(scenario, ['status', '-o', 'json', '--repo', path.join(scenario.repo.root, 'no-such-repo')]);
		expect(missing.code).toBe(2);
		expect((JSON.parse(missing.stdout) as {git: {error: string}}).git.error).toContain('no-such-repo');
		const refused = await gitopsTui(scenario, ['status', '--repo', `http://127.0.0.1:${await closedPort()}/org/typo.git`]);
		expect(refused.code).toBe(2);
		expect(refused.stdout).toContain('NO REPOSITORY');
	});

	it('diff exits 2 when a resource of the app is of a kind the cluster does not serve', async () => {
		scenario.repo.commit({'apps/web/widget.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w, namespace: shop}\nspec: {size: 1}\n'}, 'A Widget');
		for (const extra of [[], ['--fast']]) {
			const run = await gitopsTui(scenario, ['diff', 'web', '--repo', scenario.repo.dir, ...extra]);
			expect(run.stdout).toContain('Widget (example.com/v1) is not served');
			expect(run.code).toBe(2);
		}
		scenario.repo.commit({'apps/web/widget.yaml': null}, 'No Widget');
	});

	it('a repeated flag is a usage error in one line', async () => {
		const run = await gitopsTui(scenario, ['status', '-o', 'json', '-o', 'yaml']);
		expect(run.code).toBe(2);
		expect(run.stdout).toBe('');
		expect(run.stderr.trim().split('\n')).toEqual(['gitops-tui: The flag --output can only be set once. Run gitops-tui --help for usage.']);
	});

	it('a closed output pipe ends the command quietly', async () => {
		// The reader leaves before anything is written, as `| head -0` would.
		const {code, stderr} = await gitopsTuiClosedPipe(scenario, ['status', '--repo', scenario.repo.dir]);
		expect(stderr).toBe('');
		expect(code).toBe(141);
	});
});
