/**
 * "What changed since it was last healthy" reads what gitops-tui itself saw, besides the controller: the
 * last-known-good store (revisions an evaluation saw Synced and Healthy) and the journal (a rollback or a plain
 * reconcile that waited until healthy), the newest observation winning; an action that did not wait proves
 * nothing. Over a real git repository, a real journal file and store, and a live view given as data.
 */
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createProjector} from '../../source/cluster/projection.js';
import {evaluate, type EvaluatedApp} from '../../source/engines/evaluate.js';
import type {LiveSnapshot} from '../../source/engines/live-snapshot.js';
import {openJournal} from '../../source/journal/journal-file.js';
import type {JournalRecord} from '../../source/journal/journal-types.js';
import {openLastKnownGood} from '../../source/journal/last-known-good.js';
import {sinceHealthy} from '../../source/live/since-healthy.js';
import {createFindBinary, createProcessRunner} from '../../source/repo/process-runner.js';
import {loadGitRepo, type GitRepo} from '../../source/repo/repo.js';
import {kubeObject} from '../support/domain-objects.js';
import {commitFiles, initRepo, makeRepoTempDir, manualScheduler, recordingGit, repoTestEnv} from '../support/repo-helpers.js';
import {contextInfo} from '../support/scenario-fixtures.js';

const temp = makeRepoTempDir('gitops-tui-since-healthy-');
const env = repoTestEnv(temp.dir);
let repo: GitRepo;
const shas: string[] = [];
const manifest = (colour: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  colour: ${colour}\n`;

beforeAll(async () => {
	const work = path.join(temp.dir, 'config');
	initRepo(work, env);
	shas.push(commitFiles(work, env, {'apps/web/cm.yaml': manifest('blue'), '.gitops-tui.yaml': 'apps:\n  - {name: web, path: apps/web, namespace: shop}\n'}, {message: 'web: blue', date: '2026-01-01T00:00:00Z'}));
	shas.push(commitFiles(work, env, {'apps/web/cm.yaml': manifest('green')}, {message: 'web: green', date: '2026-01-02T00:00:00Z'}));
	shas.push(commitFiles(work, env, {'apps/web/cm.yaml': manifest('red')}, {message: 'web: red', date: '2026-01-03T00:00:00Z'}));
	const loaded = await loadGitRepo({source: work, cacheDir: path.join(temp.dir, 'cache'), cwd: temp.dir, git: recordingGit(env).git, now: () => new Date(), scheduler: manualScheduler().scheduler});
	if (!loaded.ok) throw new Error(loaded.error.message);
	repo = loaded.repo;
});
afterAll(() => temp.cleanup());

/** web as evaluated: deployed at HEAD (red) and changed by hand since, so not Synced. */
async function evaluatedWeb(): Promise<EvaluatedApp> {
	const projector = createProjector();
	const live = kubeObject('v1', 'ConfigMap', 'web', 'shop', {data: {colour: 'hand-made'}}, {labels: {'gitops-tui.io/app': 'web'}, annotations: {'gitops-tui.io/revision': shas[2]}});
	const snapshot: LiveSnapshot = {
		async ensure() {},
		listedKinds: () => [],
		contextFailure: () => undefined,
		kind: (_context, group, kind) => ({ok: true, objects: kind === 'ConfigMap' && group === '' ? [projector.project(live)] : [], namespaced: true}),
	};
	const evaluation = await evaluate({contexts: [{info: contextInfo('prod', 'https://prod')}], currentContext: 'prod', kubeconfigContexts: ['prod'], repo, mode: 'fast', tools: {run: createProcessRunner(), findBinary: createFindBinary(env), env}, snapshot});
	return evaluation.apps.find(app => app.definition.name === 'web')!;
}

const action = (more: Partial<JournalRecord> & Pick<JournalRecord, 'time' | 'action' | 'parameters'>): JournalRecord => ({actor: 'alice', context: 'prod', app: 'web', outcome: {status: 'done'}, objects: [], ...more});

describe('since it was last healthy', () => {
	it("reads the controller's view (for a plain app, the revision mark) when gitops-tui saw nothing", async () => {
		const app = await evaluatedWeb();
		expect(app.status.sync).toBe('OutOfSync');
		const answer = await sinceHealthy({repo, app, appObject: undefined, records: {}});
		expect(answer).toMatchObject({status: 'ready', healthyNow: false, revision: shas[2], basis: 'the revision gitops-tui last applied (its revision mark)', commits: []});
	});

	it('takes the newest observation from the last-known-good store and the journal, with the commits since', async () => {
		const app = await evaluatedWeb();
		const dir = path.join(temp.dir, 'state-1');
		const lastKnownGood = openLastKnownGood({dir: path.join(dir, 'last-known-good'), now: () => new Date('2026-01-01T12:00:00Z')});
		await lastKnownGood.keep({engine: 'plain', context: 'prod', namespace: 'shop', app: 'web'}, shas[0]!, [kubeObject('v1', 'ConfigMap', 'web', 'shop', {data: {colour: 'blue'}})]);
		const journal = openJournal({path: path.join(dir, 'journal.jsonl'), now: () => new Date()});

		let answer = await sinceHealthy({repo, app, appObject: undefined, records: {journal, lastKnownGood}});
		expect(answer).toMatchObject({status: 'ready', revision: shas[0], basis: 'seen Synced and Healthy at 2026-01-01T12:00:00.000Z (last-known-good store); the controller\'s view: ' + shas[2]!.slice(0, 7) + ', the revision gitops-tui last applied (its revision mark)'});
		expect(answer.status === 'ready' && answer.commits.map(commit => commit.subject)).toEqual(['web: red', 'web: green']);

		// A rollback to green that waited until healthy, later than the store's record; then one that did not wait,
		// a failed one, and one of another app: none of those prove anything.
		await journal.append(action({time: '2026-01-02T12:00:00Z', action: 'rollback', parameters: {engine: 'plain', revision: shas[1], timeoutMs: 300_000}}));
		await journal.append(action({time: '2026-01-03T12:00:00Z', action: 'rollback', parameters: {engine: 'plain', revision: shas[2]}}));
		await journal.append(action({time: '2026-01-03T13:00:00Z', action: 'reconcile', parameters: {engine: 'plain', revision: shas[2], timeoutMs: 300_000}, outcome: {status: 'timed-out'}}));
		await journal.append(action({time: '2026-01-03T14:00:00Z', action: 'reconcile', app: 'other', parameters: {engine: 'plain', revision: shas[2], timeoutMs: 300_000}}));
		answer = await sinceHealthy({repo, app, appObject: undefined, records: {journal, lastKnownGood}});
		expect(answer).toMatchObject({status: 'ready', revision: shas[1]});
		expect(answer.status === 'ready' && answer.basis).toMatch(/^healthy after the rollback by alice at 2026-01-02T12:00:00Z \(journal #1\); the controller's view: [0-9a-f]{7}, /);
		expect(answer.status === 'ready' && answer.commits.map(commit => commit.subject)).toEqual(['web: red']);
	});
});
