/**
 * One story in `status` and `diff`: `diff -o json` carries the same resource entries as `status -o json` (plus
 * each diff text, Secrets masked), an unsupported `-o` is refused, an app that cannot be judged exits 2 from both
 * commands, and what was not honoured (an Argo CD jq ignore expression) is a per-app `warnings[]` entry in JSON.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {DiffDocument} from '../../source/commands/output/status-diff-document.js';
import {startScenario, type Scenario} from '../support/scenario-cluster.js';
import {ensureBuiltCli, gitopsTui, statusJson} from '../support/scenario-cli.js';

beforeAll(ensureBuiltCli, 60_000);

describe('status and diff tell one story', () => {
	let scenario: Scenario;
	beforeAll(async () => {
		scenario = await startScenario();
		// A hand edit to web's ConfigMap and to worker's Secret (a canary value that must never be printed).
		for (const change of [
			['patch', 'configmap', 'web-config', '-n', 'shop', '--field-manager=kubectl-edit', '-p', '{"data":{"greeting":"hi"}}'],
			['set', 'image', 'deployment/api', '-n', 'api', 'api=nginx:hand-set'],
			['patch', 'secret', 'worker-creds', '-n', 'batch', '--field-manager=kubectl-edit', '-p', '{"stringData":{"password":"CANARY-LIVE-VALUE-91c2"}}'],
			[
				'patch',
				'application',
				'api',
				'-n',
				'argocd',
				'--type=merge',
				'-p',
				JSON.stringify({spec: {ignoreDifferences: [{group: 'apps', kind: 'Deployment', jqPathExpressions: ['.. | select(.nullable?)']}]}}),
			],
		]) {
			const run = await scenario.kubectl(change);
			if (run.code !== 0) throw new Error(run.stderr);
		}
	}, 60_000);
	afterAll(async () => scenario?.stop());

	it('diff -o json has the resources status -o json has, each with its diff text, and masks Secrets', async () => {
		const status = await statusJson(scenario, ['--exact']);
		for (const app of ['web', 'worker']) {
			const run = await gitopsTui(scenario, ['diff', app, '-o', 'json', '--repo', scenario.repo.dir]);
			expect(run.code).toBe(1);
			const document = JSON.parse(run.stdout) as DiffDocument;
			expect(document).toMatchObject({apiVersion: 'gitops-tui/v1', kind: 'Diff', mode: 'exact'});
			const expected = status.document.apps.find(entry => entry.name === app)!;
			expect(document.app.resources.map(({diff: _diff, ...resource}) => resource)).toEqual(expected.resources);
			const drifted = document.app.resources.filter(resource => resource.verdict === 'Drifted');
			expect(drifted.length).toBe(1);
			expect(drifted[0]!.diff).toMatch(/^--- live\//m);
			expect(document.app.resources.filter(resource => resource.verdict === 'Synced').every(resource => resource.diff === undefined)).toBe(true);
			expect(run.stdout).not.toMatch(/CANARY-(GIT|LIVE)-VALUE/);
		}

		const yaml = await gitopsTui(scenario, ['diff', 'web', '-o', 'yaml', '--repo', scenario.repo.dir]);
		expect(yaml.stdout).toMatch(/^kind: Diff$/m);
	});

	it('diff text shows only what the verdict reports: not a quantity Git writes as "0.5" and the server stores as 500m', async () => {
		for (const mode of [['--fast'], []]) {
			const run = await gitopsTui(scenario, ['diff', 'api', '--repo', scenario.repo.dir, ...mode]);
			expect(run.code).toBe(1);
			expect(run.stdout).toMatch(/^-\s+- image: nginx:hand-set$/m);
			expect(run.stdout).not.toMatch(/^[-+].*cpu/m);
			expect(run.stdout.match(/^[-+]\s/gm)).toHaveLength(2);
		}
	});

	it('refuses an output format it does not have', async () => {
		const run = await gitopsTui(scenario, ['diff', 'web', '-o', 'wide', '--repo', scenario.repo.dir]);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('-o wide is not supported (text, json, yaml)');
	});

	it('puts what was not honoured in the app warnings[] of status -o json and -o yaml', async () => {
		const warning = 'ignoreDifferences: jq expression .. | select(.nullable?) is not supported and is not applied';
		const {document} = await statusJson(scenario);
		expect(document.apps.find(app => app.name === 'api')?.warnings).toEqual([warning]);
		expect(document.apps.find(app => app.name === 'web')?.warnings).toBeUndefined();
		const yaml = await gitopsTui(scenario, ['status', '-o', 'yaml', '--repo', scenario.repo.dir]);
		expect(yaml.stdout).toContain('warnings:');
	});

	it('exits 2 from status and diff alike when an app cannot be judged', async () => {
		scenario.repo.commit({'apps/web/broken.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: [not, a, map\n'}, 'broken YAML in web');
		const status = await statusJson(scenario);
		expect(status.document.apps.find(app => app.name === 'web')?.sync).toBe('Unknown');
		expect(status.code).toBe(2);
		for (const extra of [[], ['-o', 'json'], ['--fast']]) {
			const run = await gitopsTui(scenario, ['diff', 'web', '--repo', scenario.repo.dir, ...extra]);
			expect(run.code).toBe(2);
		}
	});
});
