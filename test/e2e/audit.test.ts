/**
 * `gitops-tui audit` through the built CLI against a sandbox scenario, authenticated as the admin user (who could
 * write): the sandbox's request log holds only reads and self-reviews, the bundle's per-verb counts match that log,
 * canary Secret values appear nowhere, the tampered journal is reported as such, and the bundle has the fleet's
 * verdicts, drift with managers, pauses and identity.
 */
import {existsSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {AuditEvidence} from '../../source/commands/output/audit-document.js';
import {openJournal} from '../../source/journal/journal-file.js';
import type {RequestLogEntry} from '../../source/sandbox/index.js';
import {linesOf, record, writeLines} from '../journal/journal-helpers.js';
import {startScenario, type Run, type Scenario} from '../support/scenario-cluster.js';
import {ensureBuiltCli, gitopsTui, statusJson} from '../support/scenario-cli.js';

const liveCanary = 'CANARY-AUDIT-LIVE-5d1e';
const otherCanary = 'CANARY-AUDIT-OTHER-a93b';
const canaries = [liveCanary, otherCanary, ...[liveCanary, otherCanary].map(value => Buffer.from(value).toString('base64'))];

let scenario: Scenario;
let run: Run;
let log: RequestLogEntry[];
let evidence: AuditEvidence;
let markdown: string;
let out: string;
let statusCode: number;

beforeAll(async () => {
	await ensureBuiltCli();
	scenario = await startScenario();
	const edits = [
		['patch', 'secret', 'worker-creds', '-n', 'batch', '--field-manager=kubectl-edit', '-p', JSON.stringify({stringData: {password: liveCanary}})],
		['create', 'secret', 'generic', 'audit-canary', '-n', 'batch', `--from-literal=token=${otherCanary}`],
		['set', 'image', 'deployment/web', '-n', 'shop', 'web=nginx:1.99', '--field-manager=kubectl-edit'],
	];
	for (const args of edits) expect((await scenario.kubectl(args)).code, args.join(' ')).toBe(0);

	const state = path.join(scenario.repo.root, 'state');
	const journal = openJournal({path: path.join(state, 'gitops-tui', 'journal.jsonl'), now: () => new Date('2026-12-01T10:00:00Z')});
	await journal.append(record(1, {app: 'web', context: 'sandbox', action: 'suspend', parameters: {reason: 'incident 42'}}));
	await journal.append(record(2, {app: 'api', context: 'sandbox', action: 'reconcile'}));
	await journal.append(record(3, {app: 'web', context: 'sandbox', action: 'resume', time: '2026-12-02T10:00:00Z'}));
	const file = journal.path;
	writeLines(file, linesOf(file).map((line, index) => (index === 1 ? line.replace('"reconcile"', '"rollback"') : line)));

	statusCode = (await statusJson(scenario)).code;
	scenario.sandbox.clearRequests();
	out = path.join(scenario.repo.root, 'bundle');
	run = await gitopsTui(scenario, ['audit', '--out', out, '--repo', scenario.repo.dir], {XDG_STATE_HOME: state});
	log = scenario.sandbox.requests();
	evidence = JSON.parse(readFileSync(path.join(out, 'evidence.json'), 'utf8')) as AuditEvidence;
	markdown = readFileSync(path.join(out, 'evidence.md'), 'utf8');
}, 120_000);

afterAll(async () => scenario?.stop());

describe('gitops-tui audit as the admin user', () => {
	it('writes both files and exits as status does', () => {
		expect(run.stderr).toContain("the journal's chain is broken");
		expect(run.stdout).toContain(`evidence written to ${out} (evidence.json, evidence.md)`);
		expect(run.code).toBe(statusCode);
		expect(run.code).toBe(1);
		expect(statSync(path.join(out, 'evidence.json')).mode & 0o777).toBe(0o600);
	});

	it('sends only reads and self-reviews, and counts them as the server logged them', () => {
		const selfReview = /^\/apis\/(authentication|authorization)\.k8s\.io\/v1\/selfsubject(access)?reviews$/;
		const others = log.filter(entry => entry.method !== 'GET' && !(entry.method === 'POST' && selfReview.test(entry.path)));
		expect(others).toEqual([]);
		expect(log.some(entry => entry.method === 'POST' && entry.path.endsWith('/selfsubjectreviews'))).toBe(true);
		const logged: Record<string, number> = {};
		for (const entry of log) logged[entry.method] = (logged[entry.method] ?? 0) + 1;
		expect(evidence.requests.byVerb).toEqual(logged);
		expect(evidence.requests.total).toBe(log.length);
		expect(evidence.requests.byContext).toEqual({sandbox: logged});
		expect(markdown).toContain(`Requests this run sent: ${log.length} (`);
	});

	it('never holds a Secret value', () => {
		for (const text of [readFileSync(path.join(out, 'evidence.json'), 'utf8'), markdown, run.stdout, run.stderr]) {
			for (const canary of canaries) expect(text).not.toContain(canary);
		}
	});

	it('reports the tampered journal with the entry, and the entries with the head hash', () => {
		expect(evidence.journal).toMatchObject({totalEntries: 3, verification: {ok: false, entries: 3, problem: {kind: 'edited', seq: 2, line: 2}}});
		if ('error' in evidence.journal) throw new Error('journal unreadable');
		expect(evidence.journal.entries.map(entry => entry.action)).toEqual(['suspend', 'rollback', 'resume']);
		expect(evidence.journal.verification.headHash).toMatch(/^[0-9a-f]{64}$/);
		expect(markdown).toContain('**TAMPERED (edited)**: entry 2 (line 2) was edited');
		expect(markdown).toMatch(/\| 1 \| 2026-12-01T10:00:00\.000Z \| alice@example\.com \| sandbox \| web \| suspend \| reason=incident 42 \| done \| 1 \|/);
	});

	it('has who we were, the repository, every app with both verdicts, and drift with its managers', () => {
		expect(evidence).toMatchObject({apiVersion: 'gitops-tui/v1', kind: 'AuditEvidence', readOnly: true, tool: {name: 'gitops-tui'}});
		expect(evidence.contexts).toEqual([expect.objectContaining({name: 'sandbox', reachable: true, identity: expect.objectContaining({username: 'admin', source: 'server'})})]);
		expect(evidence.git).toMatchObject({repo: scenario.repo.dir, head: scenario.repo.head()});
		expect(evidence.apps.map(app => `${app.name} ${app.engine} ${app.sync}`)).toEqual(['api argo Synced', 'web flux OutOfSync', 'worker plain OutOfSync']);
		const web = evidence.apps.find(app => app.name === 'web')!;
		expect(web).toMatchObject({controllerSync: expect.any(String), health: expect.any(String), revision: {head: scenario.repo.head()}, autoSync: {enabled: true}});
		expect(web.resources.find(resource => resource.kind === 'Deployment')).toMatchObject({verdict: 'Drifted', fields: [{path: '.spec.template.spec.containers[name="web"].image', manager: 'kubectl-edit'}]});
		expect(markdown).toContain('| Drifted | apps/Deployment shop/web | .spec.template.spec.containers\\[name="web"\\].image | kubectl-edit |');
		expect(markdown).toContain('| Drifted | Secret batch/worker-creds | .data.password | kubectl-edit |');
	});

	it('gives the same bundle for the same fleet: only the time differs, so two bundles diff cleanly', async () => {
		const second = path.join(scenario.repo.root, 'bundle-again');
		const again = await gitopsTui(scenario, ['audit', '--out', second, '--repo', scenario.repo.dir], {XDG_STATE_HOME: path.join(scenario.repo.root, 'state')});
		expect(again.code).toBe(run.code);
		const next = JSON.parse(readFileSync(path.join(second, 'evidence.json'), 'utf8')) as AuditEvidence;
		expect({...next, time: 'T'}).toEqual({...evidence, time: 'T'});
		const timeless = (text: string) => text.replace(/ at \S+Z, read-only/, ' at T, read-only');
		expect(timeless(readFileSync(path.join(second, 'evidence.md'), 'utf8'))).toBe(timeless(markdown));
	});

	it('with --since, carries only the entries from then on, and still verifies the whole chain', async () => {
		const since = path.join(scenario.repo.root, 'bundle-since');
		await gitopsTui(scenario, ['audit', '--out', since, '--since', '2026-12-02', '--repo', scenario.repo.dir], {XDG_STATE_HOME: path.join(scenario.repo.root, 'state')});
		const bundle = JSON.parse(readFileSync(path.join(since, 'evidence.json'), 'utf8')) as AuditEvidence;
		expect(bundle.journal).toMatchObject({since: '2026-12-02T00:00:00.000Z', totalEntries: 3, verification: {ok: false, entries: 3}});
		if ('error' in bundle.journal) throw new Error('journal unreadable');
		expect(bundle.journal.entries.map(entry => entry.seq)).toEqual([3]);
		expect(readFileSync(path.join(since, 'evidence.md'), 'utf8')).toContain('Entries since 2026-12-02T00:00:00.000Z: 1 of 3.');
	});

	it('stays read-only whatever the flags say: no write even for an exact comparison', async () => {
		scenario.sandbox.clearRequests();
		const again = await gitopsTui(scenario, ['audit', '--out', path.join(scenario.repo.root, 'bundle-2'), '--repo', scenario.repo.dir, '--exact'], {XDG_STATE_HOME: path.join(scenario.repo.root, 'empty-state')});
		expect(again.code).toBe(1);
		expect(scenario.sandbox.requests().filter(entry => entry.method !== 'GET' && entry.method !== 'POST')).toEqual([]);
		expect(existsSync(path.join(scenario.repo.root, 'bundle-2', 'evidence.md'))).toBe(true);
	});
});
