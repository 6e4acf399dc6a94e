/**
 * Exact mode's dry-runs in a one-shot evaluation (`status --exact`), against the sandbox over HTTPS: bounded per
 * context across all apps (not per app), one server-side apply dry-run PATCH per object that exists live and no
 * write, and the same verdicts as the fast comparison. The bound is read from what reached the server: the sandbox
 * counts the PATCHes it serves at once, while an injected latency holds each one long enough for the others to
 * arrive (nothing here is timed).
 */
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {evaluationInputs, openEvaluationSession, type EvaluationSession} from '../../source/commands/evaluation-session.js';
import type {KubeObject} from '../../source/domain/kube-object.js';
import {oneShotDryRunsPerContext} from '../../source/engines/dry-run.js';
import {evaluate, type Evaluation} from '../../source/engines/evaluate.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {commitFiles, initRepo, makeRepoTempDir, repoTestEnv} from '../support/repo-helpers.js';

const temp = makeRepoTempDir('gitops-tui-dry-run-queue-');
const env = repoTestEnv(temp.dir);
const work = path.join(temp.dir, 'config');
const apps = ['alpha', 'beta', 'gamma'];
const perApp = 12;
let sandbox: Sandbox;
let session: EvaluationSession;

const configMap = (app: string, index: number, value: string, sha?: string): KubeObject => ({
	apiVersion: 'v1',
	kind: 'ConfigMap',
	metadata: {name: `${app}-${index}`, namespace: app, ...(sha ? {labels: {'gitops-tui.io/app': app}, annotations: {'gitops-tui.io/revision': sha}} : {})},
	data: {value},
});

beforeAll(async () => {
	initRepo(work, env);
	const files: Record<string, string> = {'.gitops-tui.yaml': `apps:\n${apps.map(app => `  - {name: ${app}, path: apps/${app}, namespace: ${app}}`).join('\n')}\n`};
	for (const app of apps) files[`apps/${app}/objects.yaml`] = Array.from({length: perApp}, (_, index) => JSON.stringify(configMap(app, index, 'git'))).join('\n---\n');
	const sha = commitFiles(work, env, files, {message: 'apps', date: '2026-01-01T00:00:00Z'});
	// Deployed at that commit; beta-0 edited live since, and gamma-11 never applied (Missing: nothing to dry-run).
	const live = apps.flatMap(app => Array.from({length: perApp}, (_, index) => configMap(app, index, app === 'beta' && index === 0 ? 'edited' : 'git', sha)));
	sandbox = await startSandbox({simulate: false, seed: live.filter(object => object.metadata.name !== 'gamma-11')});
	const kubeconfig = path.join(temp.dir, 'kubeconfig');
	writeFileSync(kubeconfig, sandbox.kubeconfig(), {mode: 0o600});
	const opened = await openEvaluationSession({args: [], flags: {repo: work, kubeconfig}, io: {stdout: process.stdout, stderr: process.stderr, env: {...env, XDG_CACHE_HOME: path.join(temp.dir, 'cache')}, cwd: temp.dir}}, 'status', {fetchOnOpen: false});
	if (!opened.ok) throw new Error('cannot open the session');
	session = opened.session;
}, 60_000);

afterAll(async () => {
	session?.close();
	await sandbox?.stop();
	temp.cleanup();
});

/** Each app's sync and its resources that are not Synced. */
const verdicts = (evaluation: Evaluation) =>
	evaluation.apps.map(app => [app.status.name, app.status.sync, app.status.resources.filter(resource => resource.verdict !== 'Synced').map(resource => `${resource.key.name} ${resource.verdict}`)]);

/** An exact evaluation with every request held a while by the sandbox, and what reached it. */
async function exactRun(dryRunsPerContext?: number) {
	sandbox.faults.setLatency(250);
	sandbox.clearRequests();
	try {
		const evaluation = await evaluate({...evaluationInputs(session), mode: 'exact', ...(dryRunsPerContext === undefined ? {} : {dryRunsPerContext})});
		return {evaluation, requests: sandbox.requests(), most: sandbox.mostRequestsInFlight('PATCH')};
	} finally {
		sandbox.faults.setLatency(0);
	}
}

describe('exact dry-runs of a one-shot evaluation', () => {
	it('sends one dry-run per live object, writes nothing, and judges as the fast comparison does', async () => {
		const fast = await evaluate({...evaluationInputs(session), mode: 'fast'});
		const {evaluation, requests} = await exactRun();
		expect(verdicts(evaluation)).toEqual([
			['alpha', 'Synced', []],
			['beta', 'OutOfSync', ['beta-0 Drifted']],
			['gamma', 'OutOfSync', ['gamma-11 Missing']],
		]);
		expect(verdicts(evaluation)).toEqual(verdicts(fast));
		expect(evaluation.apps.every(app => app.dryRuns?.size === app.prepared.pairs.length && [...app.dryRuns.values()].every(answer => answer.ok))).toBe(true);

		const patches = requests.filter(request => request.method === 'PATCH');
		expect(patches.every(request => request.query['dryRun'] === 'All' && request.query['force'] === 'true' && request.query['fieldManager'] === 'gitops-tui')).toBe(true);
		const objects = apps.flatMap(app => Array.from({length: perApp}, (_, index) => `/api/v1/namespaces/${app}/configmaps/${app}-${index}`)).filter(object => !object.endsWith('gamma-11'));
		expect(patches.map(request => request.path).sort()).toEqual(objects.sort());
		expect(requests.filter(request => request.method !== 'GET' && request.query['dryRun'] !== 'All')).toEqual([]);
	}, 60_000);

	it('keeps the bound per context across apps: the default fills it, a smaller one holds', async () => {
		// Three apps of 12 objects: per app (at most 12 at once) the default bound could not be reached.
		expect(apps.length * perApp - 1).toBeGreaterThan(oneShotDryRunsPerContext);
		expect(perApp).toBeLessThan(oneShotDryRunsPerContext);
		const wide = await exactRun();
		expect(wide.most).toBe(oneShotDryRunsPerContext);
		const narrow = await exactRun(3);
		expect(narrow.most).toBe(3);
		expect(verdicts(narrow.evaluation)).toEqual(verdicts(wide.evaluation));
		expect(narrow.requests.filter(request => request.method === 'PATCH')).toHaveLength(apps.length * perApp - 1);
	}, 60_000);
});
