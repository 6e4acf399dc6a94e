/**
 * The action commands as a runbook runs them: the built CLI against the scenario's sandbox, the journal written to
 * the state directory. Exit codes (0 done, 1 not Synced/Healthy by --timeout, 2 refused or failed), the result
 * JSON, no prompt without a terminal, read-only and the viewer writing nothing, protected contexts, a rollback
 * through a cached clone whose remote hangs, and no Secret value anywhere.
 */
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {ActionResultDocument} from '../../source/commands/action-output.js';
import type {StatusJsonApp} from '../../source/domain/app.js';
import type {KubeObject} from '../../source/domain/kube-object.js';
import {repoSlug} from '../../source/repo/repo-open.js';
import {gitSync, silentServer} from '../support/repo-helpers.js';
import {startScenario, type Scenario} from '../support/scenario-cluster.js';
import {ensureBuiltCli, gitopsTui} from '../support/scenario-cli.js';
import {seedCachedClone} from '../support/scenario-repo.js';

beforeAll(ensureBuiltCli, 60_000);

let scenario: Scenario;
afterEach(async () => scenario?.stop());

const stored = (apiVersion: string, kind: string, namespace: string, name: string) =>
	scenario.sandbox.objects.get(scenario.sandbox.objects.resourceType(apiVersion, kind)!, namespace, name) as KubeObject | undefined;
const writes = () => scenario.sandbox.requests().filter(entry => entry.method !== 'GET' && !/selfsubject(access)?reviews/.test(entry.path) && entry.query['dryRun'] !== 'All');
const journalLines = () => readFileSync(path.join(scenario.repo.root, '.local', 'state', 'gitops-tui', 'journal.jsonl'), 'utf8').trim().split('\n');
const canaries = ['CANARY-GIT-VALUE-7f3a', 'CANARY-LIVE-VALUE-91c2', Buffer.from('CANARY-GIT-VALUE-7f3a').toString('base64'), Buffer.from('CANARY-LIVE-VALUE-91c2').toString('base64')];

describe('action commands', () => {
	it('suspend and resume: the result document, the journal, and exit 0', async () => {
		scenario = await startScenario();
		const suspended = await gitopsTui(scenario, ['suspend', 'web', '--reason', 'incident 42', '--until', '2h', '--yes', '-o', 'json', '--repo', scenario.repo.dir]);
		expect(suspended.code, suspended.stderr).toBe(0);
		const document = JSON.parse(suspended.stdout) as ActionResultDocument;
		expect(document).toMatchObject({apiVersion: 'gitops-tui/v1', kind: 'ActionResult', action: 'suspend', app: 'web', engine: 'flux', context: 'sandbox', outcome: 'done', exitCode: 0});
		expect(document.plan?.steps[0]).toContain('spec.suspend=true');
		expect(document.permissions).toMatchObject({identity: 'admin', allowed: true});
		expect(document.journal?.seq).toBe(1);
		expect(stored('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'flux-system', 'web')?.metadata.annotations?.['gitops-tui.io/pause-reason']).toBe('incident 42');
		const table = await gitopsTui(scenario, ['resume', 'web', '--yes', '--repo', scenario.repo.dir]);
		expect(table.code, table.stderr).toBe(0);
		expect(table.stdout).toMatch(/^plan:\n {2}1\. resume Kustomization flux-system\/web/m);
		expect(table.stdout).toMatch(/^done: /m);
		expect(journalLines().map(line => (JSON.parse(line) as {action: string}).action)).toEqual(['suspend', 'resume']);
		const verify = await gitopsTui(scenario, ['journal', 'verify']);
		expect(verify.code, verify.stdout + verify.stderr).toBe(0);
	});

	it('resume --expired resumes only the pauses whose end has passed', async () => {
		scenario = await startScenario();
		for (const app of ['web', 'api']) {
			const paused = await gitopsTui(scenario, ['suspend', app, '--reason', 'maintenance', '--until', '1h', '--yes', '--repo', scenario.repo.dir]);
			expect(paused.code, paused.stderr).toBe(0);
		}
		// An hour passes for web's pause.
		const past = await scenario.kubectl(['annotate', '--overwrite', 'kustomization', 'web', '-n', 'flux-system', 'gitops-tui.io/pause-until=2026-01-01T00:00:00Z']);
		expect(past.code).toBe(0);
		const run = await gitopsTui(scenario, ['resume', '--expired', '--yes', '--repo', scenario.repo.dir]);
		expect(run.code, run.stdout + run.stderr).toBe(0);
		expect(run.stdout).toContain('flux/web on sandbox: paused by admin until 2026-01-01T00:00:00Z (maintenance)');
		expect(stored('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'flux-system', 'web')?.['spec']).toMatchObject({suspend: false});
		const application = stored('argoproj.io/v1alpha1', 'Application', 'argocd', 'api')!;
		expect((application['spec'] as {syncPolicy: Record<string, unknown>}).syncPolicy['automated']).toBeUndefined();
		const again = await gitopsTui(scenario, ['resume', '--expired', '--yes', '--repo', scenario.repo.dir]);
		expect(again.code).toBe(0);
		expect(again.stdout).toBe('no expired pauses\n');
	});

	it('a plain app: suspend sets our pause flag, status shows it paused with the reason, resume --expired deletes it once run out', async () => {
		scenario = await startScenario();
		const paused = await gitopsTui(scenario, ['suspend', 'worker', '--reason', 'batch window', '--until', '1h', '--yes', '--repo', scenario.repo.dir]);
		expect(paused.code, paused.stderr).toBe(0);
		const status = async () => {
			const run = await gitopsTui(scenario, ['status', '-o', 'json', '--repo', scenario.repo.dir]);
			expect(run.code, run.stderr).toBeLessThan(2);
			return (JSON.parse(run.stdout) as {apps: StatusJsonApp[]}).apps.find(app => app.name === 'worker')!;
		};
		const worker = await status();
		expect(worker).toMatchObject({engine: 'plain', autoSync: {enabled: false, pausedBy: 'admin', reason: 'batch window'}});
		expect(Date.parse(worker.autoSync.until!)).toBeGreaterThan(Date.now());
		const table = await gitopsTui(scenario, ['status', '--repo', scenario.repo.dir]);
		expect(table.stdout).toMatch(/^worker\s+plain\s+sandbox\s+.*\spaused$/m);
		expect(table.stdout).toMatch(/^ {2}paused by admin since \S+ until \S+:\s+batch window$/m);
		expect((await gitopsTui(scenario, ['resume', '--expired', '--yes', '--repo', scenario.repo.dir])).stdout).toBe('no expired pauses\n');

		// The hour passes.
		const past = await scenario.kubectl(['annotate', '--overwrite', 'configmap', 'gitops-tui-pause-worker', '-n', 'batch', 'gitops-tui.io/pause-until=2026-01-01T00:00:00Z']);
		expect(past.code).toBe(0);
		const run = await gitopsTui(scenario, ['resume', '--expired', '--yes', '--repo', scenario.repo.dir]);
		expect(run.code, run.stdout + run.stderr).toBe(0);
		expect(run.stdout).toContain('plain/worker on sandbox: paused by admin until 2026-01-01T00:00:00Z (batch window)');
		expect(stored('v1', 'ConfigMap', 'batch', 'gitops-tui-pause-worker')).toBeUndefined();
		expect((await status()).autoSync).toEqual({enabled: false});
	});

	it('without --yes and without a terminal: not confirmed, exit 2, nothing written, journaled as cancelled', async () => {
		scenario = await startScenario();
		scenario.sandbox.clearRequests();
		const run = await gitopsTui(scenario, ['suspend', 'web', '--reason', 'x', '--repo', scenario.repo.dir]);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('no terminal to ask on; pass --yes');
		expect(writes()).toEqual([]);
		expect(JSON.parse(journalLines().at(-1)!)).toMatchObject({outcome: {status: 'cancelled'}});
	});

	it('the viewer and read-only mode are refused with exit 2 and no write; a dry run writes nothing and exits 0', async () => {
		scenario = await startScenario();
		scenario.sandbox.clearRequests();
		const viewer = await gitopsTui(scenario, ['reconcile', 'web', '--context', 'sandbox-viewer', '--yes', '--repo', scenario.repo.dir]);
		expect(viewer.code).toBe(2);
		expect(viewer.stdout).toContain('viewer cannot patch kustomizations.kustomize.toolkit.fluxcd.io in flux-system');
		const readOnly = await gitopsTui(scenario, ['rollback', 'worker', '--to', 'HEAD', '--read-only', '--yes', '--repo', scenario.repo.dir]);
		expect(readOnly.code).toBe(2);
		expect(readOnly.stdout).toMatch(/read-only/);
		// The mode change is journaled before the refusal, as the TUI journals it.
		expect(journalLines().slice(-2).map(line => JSON.parse(line) as {action: string; context: string; outcome: {status: string}})).toMatchObject([
			{action: 'read-only-on', context: 'sandbox'},
			{action: 'rollback', outcome: {status: 'refused'}},
		]);
		const dryRun = await gitopsTui(scenario, ['reconcile', 'worker', '--dry-run', '--repo', scenario.repo.dir]);
		expect(dryRun.code, dryRun.stderr).toBe(0);
		expect(dryRun.stdout).toMatch(/^dry-run: /m);
		expect(writes()).toEqual([]);
		expect(scenario.sandbox.requests().filter(entry => entry.method !== 'GET' && entry.query['dryRun'] !== 'All' && !entry.path.includes('selfsubject'))).toEqual([]);
	});

	it('a protected context needs --confirm-context NAME besides --yes', async () => {
		scenario = await startScenario();
		scenario.repo.commit({'.gitops-tui.yaml': 'apps:\n  - {name: worker, path: apps/worker, namespace: batch}\nprotectedContexts: [sandbox]\n'}, 'protect sandbox');
		const refused = await gitopsTui(scenario, ['reconcile', 'web', '--timeout', '0', '--yes', '--repo', scenario.repo.dir]);
		expect(refused.code).toBe(2);
		expect(refused.stdout).toContain('context sandbox is protected');
		const typed = await gitopsTui(scenario, ['reconcile', 'web', '--timeout', '0', '--yes', '--confirm-context', 'sandbox', '--repo', scenario.repo.dir]);
		expect(typed.code, typed.stdout + typed.stderr).toBe(0);
	});

	it('reconcile with no controller to answer: written, then exit 1 at --timeout', async () => {
		scenario = await startScenario();
		const run = await gitopsTui(scenario, ['reconcile', 'web', '--timeout', '1s', '--yes', '-o', 'json', '--repo', scenario.repo.dir]);
		expect(run.code, run.stderr).toBe(1);
		expect(JSON.parse(run.stdout)).toMatchObject({outcome: 'timed-out', exitCode: 1});
		expect(stored('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'flux-system', 'web')?.metadata.annotations?.['reconcile.fluxcd.io/requestedAt']).toBeTruthy();
	});

	it('status keeps the manifests of Synced and Healthy apps in the last-known-good store, Secrets left out', async () => {
		scenario = await startScenario();
		const status = await gitopsTui(scenario, ['status', '-o', 'json', '--repo', scenario.repo.dir]);
		expect(status.code, status.stderr).toBe(0);
		const store = path.join(scenario.repo.root, '.local', 'state', 'gitops-tui', 'last-known-good');
		const indexes = readdirSync(path.join(store, 'apps'));
		expect(indexes.map(file => file.replace(/-[0-9a-f]{12}\.json$/, '')).sort()).toEqual(['argo_sandbox_api', 'flux_sandbox_web', 'plain_sandbox_worker']);
		const worker = JSON.parse(readFileSync(path.join(store, 'apps', indexes.find(file => file.startsWith('plain'))!), 'utf8')) as {records: Array<{revision: string; skippedSecrets: string[]}>};
		expect(worker.records).toEqual([expect.objectContaining({revision: scenario.deployed, skippedSecrets: ['batch/worker-creds']})]);
		for (const file of readdirSync(path.join(store, 'objects'))) {
			const text = readFileSync(path.join(store, 'objects', file), 'utf8');
			for (const canary of canaries) expect(text).not.toContain(canary);
		}
	});

	it('rollback through a cached clone whose remote hangs: no connection, bounded in time, old revision applied', async () => {
		scenario = await startScenario();
		const hanging = await silentServer();
		try {
			const cacheDir = path.join(scenario.repo.root, 'cache', 'gitops-tui');
			const clone = seedCachedClone(scenario.repo, cacheDir, repoSlug(scenario.repo.url));
			// The remote's URL stays the one the controllers name; git would connect to the hanging server instead.
			gitSync(clone, scenario.repo.env, ['config', `url.http://127.0.0.1:${hanging.port}/.insteadOf`, scenario.repo.url.replace(/org\/config\.git$/, '')]);
			const settings = readFileSync(path.join(scenario.repo.dir, 'apps/worker/settings.yaml'), 'utf8');
			expect(settings).toContain('batchSize: "50"');
			const started = Date.now();
			const run = await gitopsTui(scenario, ['rollback', 'worker', '--to', scenario.deployed, '--yes', '--timeout', '30s', '-o', 'json', '--repo', scenario.repo.url]);
			expect(run.code, run.stdout + run.stderr).toBe(0);
			expect(Date.now() - started).toBeLessThan(30_000);
			expect(hanging.connections()).toBe(0);
			const document = JSON.parse(run.stdout) as ActionResultDocument;
			expect(document.plan?.revision).toMatchObject({sha: scenario.deployed, source: 'clone'});
			expect(document.plan?.fieldManager).toBe('gitops-tui');
			expect(stored('v1', 'ConfigMap', 'batch', 'worker-settings')?.metadata.annotations?.['gitops-tui.io/revision']).toBe(scenario.deployed);
			const text = `${run.stdout}${run.stderr}${journalLines().join('\n')}`;
			for (const canary of canaries) expect(text).not.toContain(canary);
		} finally {
			await hanging.close();
		}
	}, 60_000);
});
