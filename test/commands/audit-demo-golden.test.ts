/**
 * `evidence.md` for the demo fleet, against a golden file reviewed by eye once and then kept
 * (fixtures/audit/demo-evidence.md): what an auditor reads must stay readable. What differs per run — times,
 * commit hashes, ports, temporary paths — is replaced by placeholders before comparing.
 * `UPDATE_GOLDEN=1 npx vitest run test/commands/audit-demo-golden.test.ts` rewrites it (then review the diff).
 */
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {PassThrough} from 'node:stream';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {auditCommand} from '../../source/commands/audit.js';
import {openJournal} from '../../source/journal/journal-file.js';
import {startDemo, type Demo} from '../../source/sandbox/demo/index.js';
import {demoClients} from '../support/demo-helpers.js';
import {waitFor} from '../support/wait-for.js';

const golden = path.resolve(import.meta.dirname, '../../fixtures/audit/demo-evidence.md');
let dir: string;
let demo: Demo;

beforeAll(async () => {
	dir = mkdtempSync(path.join(os.tmpdir(), 'gitops-tui-audit-golden-'));
	demo = await startDemo({workDir: path.join(dir, 'demo')});
	// The hand-edited web image on prod-eu rolls out first; the golden file shows it done.
	const apps = demoClients(demo.kubeconfigPath, 'prod-eu').apps;
	await waitFor(
		async () => {
			const {metadata, spec, status} = await apps.readNamespacedDeployment({name: 'web', namespace: 'shop'});
			return status?.observedGeneration === metadata?.generation && status?.updatedReplicas === spec?.replicas && status?.availableReplicas === spec?.replicas && status?.replicas === spec?.replicas;
		},
		{timeoutMs: 60_000, describe: () => 'the web rollout on prod-eu to finish'},
	);
	const journal = openJournal({path: path.join(dir, '.local', 'state', 'gitops-tui', 'journal.jsonl'), now: () => new Date('2026-12-01T09:00:00Z')});
	const kustomization = {apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', namespace: 'flux-system', name: 'shop'};
	await journal.append({actor: 'alice@example.com', context: 'prod-eu', app: 'shop', action: 'suspend', parameters: {reason: 'INC-4712 | web image hotfix\u001b[2J', until: '2026-12-01T12:00:00Z'}, outcome: {status: 'done'}, objects: [{...kustomization, result: 'patched', resourceVersionBefore: '41', resourceVersionAfter: '42'}]});
	await journal.append({actor: 'bob@example.com', context: 'prod-eu', app: 'payments', action: 'rollback', parameters: {to: 'abc1234'}, outcome: {status: 'refused', message: 'forbidden: patch applications.argoproj.io'}, objects: []});
}, 120_000);
afterAll(async () => {
	await demo?.stop();
	rmSync(dir, {recursive: true, force: true});
});

/** Placeholders for what changes from run to run. */
function normalise(markdown: string): string {
	return markdown
		.replaceAll(dir, '<tmp>')
		.replaceAll(/https:\/\/127\.0\.0\.1:\d+/g, 'https://127.0.0.1:<port>')
		.replaceAll(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<time>')
		.replaceAll(/\b[0-9a-f]{12,64}\b/g, '<sha>')
		// The stuck rollout turns from Progressing to Degraded 30 s into the demo (ProgressDeadlineExceeded).
		.replace(/(\| checkout \| plain \| staging \| Synced \| - \| )(Progressing|Degraded)/, '$1<Progressing, then Degraded>')
		.replaceAll(/(\| (GET|POST) \| )\d+ \|/g, '$1<n> |')
		.replaceAll(/Requests this run sent: \d+ \(GET \d+, POST \d+\)/g, 'Requests this run sent: <n> (GET <n>, POST <n>)');
}

it('renders the demo fleet readably (golden file)', async () => {
	let stderr = '';
	const err = new PassThrough();
	err.on('data', chunk => (stderr += String(chunk)));
	const out = path.join(dir, 'bundle');
	const code = await auditCommand.run({
		args: [],
		flags: {kubeconfig: demo.kubeconfigPath, allContexts: true, repo: demo.repoPath, out},
		io: {stdout: new PassThrough(), stderr: err, env: {HOME: dir, PATH: process.env['PATH']}, cwd: dir, version: '0.1.0'},
	});
	expect(stderr).toBe('');
	expect(code).toBe(1);
	const markdown = normalise(readFileSync(path.join(out, 'evidence.md'), 'utf8'));
	if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(golden)) writeFileSync(golden, markdown);
	expect(markdown).toBe(readFileSync(golden, 'utf8'));
}, 120_000);
