/**
 * An attacker who can commit to the config repository cannot make `status` or `diff` show a file outside it: a
 * Flux app's kustomization naming a base outside, an Argo CD Application whose path climbs out, a plain app's
 * directory holding a symlink to the operator's SSH key, and a `.gitops-tui.yaml` that is a symlink to a file
 * outside or to /dev/zero. Each app fails on its own; the canaries outside appear in no output.
 */
import {mkdirSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {StatusJsonApp} from '../../source/domain/app.js';
import {startScenario, type Run, type Scenario} from '../support/scenario-cluster.js';
import {ensureBuiltCli, gitopsTui, statusJson} from '../support/scenario-cli.js';

const canary = 'CANARY-OUTSIDE-REPO-e2e-19fd';

beforeAll(ensureBuiltCli, 60_000);

let scenario: Scenario;
afterEach(async () => scenario?.stop());

/** Files outside the work tree, where an operator's HOME (the CLI's HOME here) keeps its secrets. */
function plantCanaries(root: string): void {
	mkdirSync(path.join(root, '.ssh'), {recursive: true});
	writeFileSync(path.join(root, '.ssh/id_rsa'), `-----BEGIN OPENSSH PRIVATE KEY-----\n${canary}\n`);
	mkdirSync(path.join(root, 'stolen'), {recursive: true});
	writeFileSync(path.join(root, 'stolen/kustomization.yaml'), 'resources: [cm.yaml]\n');
	writeFileSync(path.join(root, 'stolen/cm.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: stolen, namespace: shop}\ndata: {key: ${canary}}\n`);
	writeFileSync(path.join(root, 'settings-outside.yaml'), `apps:\n- {name: ${canary.toLowerCase()}, path: apps/worker}\n`);
}

function expectNoCanary(runs: Run[]): void {
	for (const run of runs) {
		expect(run.stdout).not.toContain(canary);
		expect(run.stderr).not.toContain(canary);
		expect(run.stdout.toLowerCase()).not.toContain(canary.toLowerCase());
	}
}

function app(apps: StatusJsonApp[], name: string): StatusJsonApp {
	const found = apps.find(candidate => candidate.name === name);
	if (!found) throw new Error(`no app ${name} in ${apps.map(item => item.name).join(', ')}`);
	return found;
}

describe('the repository is a boundary for status and diff', () => {
	it('fails each app that reaches outside, on its own, and shows no byte of what is there', async () => {
		scenario = await startScenario();
		const {repo} = scenario;
		plantCanaries(repo.root);
		symlinkSync(path.join(repo.root, '.ssh/id_rsa'), path.join(repo.dir, 'apps/worker/key.yaml'));
		repo.commit({'apps/web/kustomization.yaml': 'resources: [configmap.yaml, deployment.yaml, service.yaml, ../../../stolen]\n'}, 'Reach outside the repository');
		const patched = await scenario.kubectl(['patch', 'application', 'api', '-n', 'argocd', '--type=merge', '-p', JSON.stringify({spec: {source: {path: 'apps/../../stolen'}}})]);
		expect(patched.code).toBe(0);

		const json = await statusJson(scenario);
		expect(app(json.document.apps, 'web').error).toMatch(/apps\/web\/kustomization\.yaml names \.\.\/\.\.\/\.\.\/stolen leaves the repository/);
		expect(app(json.document.apps, 'api').error).toMatch(/apps\/\.\.\/\.\.\/stolen contains "\.\."/);
		expect(app(json.document.apps, 'worker').error).toMatch(/apps\/worker\/key\.yaml is a symlink leaving the repository/);
		expect(json.code).toBeGreaterThanOrEqual(1);
		const table = await gitopsTui(scenario, ['status', '--repo', repo.dir]);
		expect(table.stdout).toContain('leaving the repository');
		const diffs = await Promise.all(['web', 'api', 'worker'].map(name => gitopsTui(scenario, ['diff', name, '--repo', repo.dir])));
		expectNoCanary([{code: json.code, stdout: json.stdout, stderr: json.stderr}, table, ...diffs]);
	}, 90_000);

	it('reads .gitops-tui.yaml only as a regular file inside: a symlink out or to /dev/zero is a settings error at once', async () => {
		scenario = await startScenario();
		const {repo} = scenario;
		plantCanaries(repo.root);
		const settings = path.join(repo.dir, '.gitops-tui.yaml');
		for (const target of [path.join(repo.root, 'settings-outside.yaml'), '/dev/zero']) {
			rmSync(settings, {force: true});
			symlinkSync(target, settings);
			repo.commit({}, `Settings from ${target}`);
			const json = await statusJson(scenario);
			expect(json.stderr).toContain('gitops-tui status: settings file .gitops-tui.yaml is a symlink leaving the repository');
			expect(json.code).toBeGreaterThanOrEqual(2);
			expectNoCanary([{code: json.code, stdout: json.stdout, stderr: json.stderr}]);
		}
	}, 90_000);
});
