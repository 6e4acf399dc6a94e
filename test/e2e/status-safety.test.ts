/**
 * The scenarios where the truth is easy to get wrong: ignore rules, Secrets (canary values must appear nowhere:
 * not in the table, the JSON, the YAML, the diff, nor the files handed to KUBECTL_EXTERNAL_DIFF), a broken
 * manifest in one app (that app shows the error with file and line, the others are judged, nothing becomes
 * Extra), and a dead context next to a live one.
 */
import {chmodSync} from 'node:fs';
import {dump} from 'js-yaml';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {StatusJsonApp} from '../../source/domain/app.js';
import {extraContext, joinKubeconfigs, prefixKubeconfig} from '../support/cluster-sandbox.js';
import {closedPort} from '../support/repo-helpers.js';
import {startScenario, type Scenario} from '../support/scenario-cluster.js';
import {diffSetsPerApp, ensureBuiltCli, gitopsTui, statusJson} from '../support/scenario-cli.js';
import {writeScenarioFile} from '../support/scenario-repo.js';
import {waitFor} from '../support/wait-for.js';

const gitCanary = 'CANARY-GIT-VALUE-7f3a';
const liveCanary = 'CANARY-LIVE-VALUE-91c2';
const canaries = [gitCanary, liveCanary, Buffer.from(gitCanary).toString('base64'), Buffer.from(liveCanary).toString('base64')];

function app(apps: StatusJsonApp[], name: string): StatusJsonApp {
	const found = apps.find(candidate => candidate.name === name);
	if (!found) throw new Error(`no app ${name}`);
	return found;
}

beforeAll(ensureBuiltCli, 60_000);

let scenario: Scenario;
afterEach(async () => scenario?.stop());

describe('ignore rules', () => {
	it('hide replicas owned by an autoscaler (.gitops-tui.yaml by path, Argo CD by manager); kubectl still sees them', async () => {
		scenario = await startScenario();
		scenario.repo.commit(
			{
				'.gitops-tui.yaml': dump({
					apps: [{name: 'worker', path: 'apps/worker', namespace: 'batch'}],
					ignore: [{group: 'apps', kind: 'Deployment', name: 'worker', jsonPointers: ['/spec/replicas']}],
				}),
			},
			'Ignore worker replicas: an autoscaler owns them',
		);
		const application = await scenario.kubectl([
			'patch',
			'application',
			'api',
			'-n',
			'argocd',
			'--type=merge',
			'-p',
			JSON.stringify({spec: {ignoreDifferences: [{group: 'apps', kind: 'Deployment', managedFieldsManagers: ['hpa-controller']}]}}),
		]);
		expect(application.code).toBe(0);
		for (const [name, namespace] of [
			['worker', 'batch'],
			['api', 'api'],
		]) {
			const scaled = await scenario.kubectl(
				['apply', '--server-side', '--force-conflicts', '--field-manager=hpa-controller', '-f', '-'],
				`apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec: {replicas: 4}\n`,
			);
			expect(scaled.code).toBe(0);
		}

		// Scaled to 4, the Deployments roll out their new Pods (the sandbox's controllers take a moment, longer on a
		// loaded machine); judged while Progressing, status exits 1 whatever the ignore rules do.
		let judged = await statusJson(scenario);
		await waitFor(
			async () => {
				judged = await statusJson(scenario);
				return judged.document.apps.every(entry => entry.health === 'Healthy');
			},
			{timeoutMs: 30_000, describe: () => `every app Healthy: ${JSON.stringify(judged.document.apps.map(entry => [entry.name, entry.sync, entry.health]))}`},
		);
		const {code, document} = judged;
		for (const name of ['worker', 'api']) {
			const entry = app(document.apps, name);
			expect(entry.sync).toBe('Synced');
			expect(entry.resources.find(resource => resource.kind === 'Deployment')).toMatchObject({verdict: 'Synced', fields: []});
		}

		expect(code).toBe(0);
		const sets = await diffSetsPerApp(scenario, ['worker', 'api']);
		for (const [name, namespace] of [
			['worker', 'batch'],
			['api', 'api'],
		]) {
			expect(sets[name]).toEqual({ours: [], hidden: [`Deployment ${namespace}/${name}`], kubectl: [`Deployment ${namespace}/${name}`], code: 0});
		}

		const diff = await gitopsTui(scenario, ['diff', 'worker', '--repo', scenario.repo.dir]);
		expect(diff.stdout).toContain('.spec.replicas  set by hpa-controller  [ignored by a rule]');
	});
});

describe('Secrets', () => {
	it('say which key changed and never print a value: status, JSON, YAML, diff (exact and fast), external diff files', async () => {
		scenario = await startScenario();
		const patched = await scenario.kubectl(['patch', 'secret', 'worker-creds', '-n', 'batch', '--field-manager=kubectl-edit', '-p', JSON.stringify({stringData: {password: liveCanary}})]);
		expect(patched.code).toBe(0);
		const outputs: string[] = [];
		const {code, document, stdout, stderr} = await statusJson(scenario);
		outputs.push(stdout, stderr);
		expect(code).toBe(1);
		const secret = app(document.apps, 'worker').resources.find(resource => resource.kind === 'Secret')!;
		expect(secret).toMatchObject({verdict: 'Drifted', fields: [{path: '.data.password', manager: 'kubectl-edit'}]});

		for (const args of [
			['status', '--repo', scenario.repo.dir],
			['status', '-o', 'yaml', '--repo', scenario.repo.dir],
			['status', '-o', 'json', '--exact', '--repo', scenario.repo.dir],
			['diff', 'worker', '--repo', scenario.repo.dir],
			['diff', 'worker', '--fast', '--repo', scenario.repo.dir],
		]) {
			const run = await gitopsTui(scenario, args);
			outputs.push(run.stdout, run.stderr);
			expect(run.code, args.join(' ')).toBe(1);
		}

		const exact = outputs[outputs.length - 4]!;
		expect(exact).toContain('# Secret batch/worker-creds (v1): Drifted');
		expect(exact).toMatch(/^-\s+password: '\(masked: live value\)'$/m);
		expect(exact).toMatch(/^\+\s+password: '\(masked: desired value\)'$/m);

		// The external diff program sees the files kubectl would write, masked before they touch the disk.
		const show = writeScenarioFile(scenario.repo, 'show-diff-dirs.sh', '#!/bin/sh\nfor f in "$1"/* "$2"/*; do echo "== $f"; cat "$f"; done\nexit 1\n');
		chmodSync(show, 0o755);
		const external = await gitopsTui(scenario, ['diff', 'worker', '--repo', scenario.repo.dir], {KUBECTL_EXTERNAL_DIFF: show});
		outputs.push(external.stdout, external.stderr);
		expect(external.code).toBe(1);
		expect(external.stdout).toMatch(/^== \S*\/LIVE-[^/]+\/v1\.Secret\.batch\.worker-creds$/m);
		expect(external.stdout).toMatch(/^== \S*\/MERGED-[^/]+\/apps\.v1\.Deployment\.batch\.worker$/m);
		expect(external.stdout).toContain("password: '(masked: live value)'");

		for (const output of outputs) for (const canary of canaries) expect(output).not.toContain(canary);
		const sets = await diffSetsPerApp(scenario, ['worker']);
		expect(sets['worker']).toEqual({ours: ['Secret batch/worker-creds'], hidden: [], kubectl: ['Secret batch/worker-creds'], code: 1});
	});
});

describe('a broken manifest in one app', () => {
	it('marks that app with the file and line, judges the others, and turns nothing into Extra', async () => {
		scenario = await startScenario();
		scenario.repo.commit({'apps/api/broken.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\ndata: {}\n'}, 'Half-written ConfigMap');
		await scenario.kubectl(['patch', 'deployment', 'web', '-n', 'shop', '--field-manager=kubectl-edit', '-p', '{"spec":{"replicas":5}}']);
		const {code, document} = await statusJson(scenario);
		expect(code).toBe(2);
		const api = app(document.apps, 'api');
		expect(api.sync).toBe('Unknown');
		expect(api.error).toMatch(/^apps\/api\/broken\.yaml:5:\d+: /);
		expect(api.resources.map(resource => resource.verdict)).not.toContain('Extra');
		expect(api.resources.map(resource => resource.verdict)).toEqual(['Unknown', 'Unknown']);
		expect(app(document.apps, 'web').sync).toBe('OutOfSync');
		expect(app(document.apps, 'worker').sync).toBe('Synced');
		expect(app(document.apps, 'web').error ?? app(document.apps, 'worker').error).toBeUndefined();

		const table = await gitopsTui(scenario, ['status', '--repo', scenario.repo.dir]);
		expect(table.stdout).toMatch(/^ {2}error: apps\/api\/broken\.yaml:5:\d+: /m);
		const diff = await gitopsTui(scenario, ['diff', 'api', '--repo', scenario.repo.dir]);
		expect(diff.code).toBe(2);
		expect(diff.stderr).toContain('apps/api/broken.yaml:5');
		expect(diff.stdout).not.toMatch(/Extra/);
		const sets = await diffSetsPerApp(scenario, ['web', 'worker']);
		expect(sets['web']).toEqual({ours: ['Deployment shop/web'], hidden: [], kubectl: ['Deployment shop/web'], code: 1});
		expect(sets['worker']).toEqual({ours: [], hidden: [], kubectl: [], code: 0});
	});
});

describe('a dead context beside a live one', () => {
	it('reports the dead one unreachable and its apps Unknown, within one request timeout', async () => {
		scenario = await startScenario();
		const port = await closedPort();
		const kubeconfig = joinKubeconfigs([prefixKubeconfig(scenario.sandbox.kubeconfig(), ''), extraContext('dead', `https://127.0.0.1:${port}`)]);
		const file = writeScenarioFile(scenario.repo, 'kubeconfig-with-dead', kubeconfig);
		scenario.repo.commit(
			{'.gitops-tui.yaml': dump({apps: [{name: 'worker', path: 'apps/worker', namespace: 'batch'}, {name: 'worker', path: 'apps/worker', namespace: 'batch', context: 'dead'}]})},
			'Worker on the dead cluster too',
		);
		const started = performance.now();
		const run = await gitopsTui(scenario, ['status', '-o', 'json', '--all-contexts', '--request-timeout', '2s', '--repo', scenario.repo.dir], {KUBECONFIG: file});
		expect(performance.now() - started).toBeLessThan(8000);
		expect(run.code, run.stderr).toBe(2);
		expect(run.stdout, run.stderr).not.toBe('');
		const document = JSON.parse(run.stdout) as Awaited<ReturnType<typeof statusJson>>['document'];
		expect(document.contexts.find(context => context.name === 'dead')).toMatchObject({reachable: false, error: expect.stringMatching(/ECONNREFUSED|refused/)});
		expect(document.contexts.find(context => context.name === 'sandbox')).toEqual({name: 'sandbox', reachable: true});
		const workers = document.apps.filter(entry => entry.name === 'worker');
		expect(workers.map(entry => [entry.context, entry.sync, entry.health])).toEqual([
			['dead', 'Unknown', 'Unknown'],
			['sandbox', 'Synced', 'Healthy'],
		]);
		expect(workers[0]!.error).toMatch(/^context dead cannot be read: /);
		expect(app(document.apps, 'web').sync).toBe('Synced');
	});
});
