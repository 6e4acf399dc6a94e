/**
 * `gitops-tui … | head`: a reader that leaves is not a crash, for every command. Each command runs with its output
 * pipe closed before it writes: it ends quietly (nothing on stderr, no stack trace) with 141, as a command killed by
 * SIGPIPE. An action is not cut off between its writes and its journal entry: it runs to its end, journaled, and
 * only then exits 141.
 */
import {mkdtempSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {KubeObject} from '../../source/domain/kube-object.js';
import {runProcess, type Scenario} from '../support/scenario-cluster.js';
import {builtCli, gitopsTuiClosedPipe, scenarioForFile} from '../support/scenario-cli.js';

let scenario: Scenario;
scenarioForFile(started => (scenario = started));

const journal = () =>
	readFileSync(path.join(scenario.repo.root, '.local', 'state', 'gitops-tui', 'journal.jsonl'), 'utf8')
		.trim()
		.split('\n')
		.map(line => JSON.parse(line) as {action: string; outcome: {status: string}});

describe('a closed output pipe', () => {
	it('ends every read command quietly with 141', async () => {
		const repo = ['--repo', scenario.repo.dir];
		const commands = [
			['status', ...repo],
			['status', '-o', 'json', ...repo],
			['status', '-o', 'yaml', ...repo],
			['diff', 'web', ...repo],
			['diff', 'web', '-o', 'json', ...repo],
			['contexts'],
			['contexts', '-o', 'json'],
			['audit', '--out', mkdtempSync(path.join(scenario.repo.root, 'audit-')), ...repo],
			['reconcile', 'web', '--dry-run', ...repo],
			['suspend', 'web', '--reason', 'x', '--dry-run', '-o', 'json', ...repo],
			['rollback', 'web', '--dry-run', '-o', 'json', ...repo],
			['journal'],
			['journal', '-o', 'json'],
			['journal', 'verify'],
		];
		for (const args of commands) {
			const run = await gitopsTuiClosedPipe(scenario, args);
			expect({args, ...run}).toEqual({args, code: 141, stderr: ''});
		}
	}, 180_000);

	it('diff | head -1 in a shell: one line, nothing on stderr, the diff’s own code or 141', async () => {
		// Whether the reader leaves before the last write is a race: either ending is quiet.
		const script = `set -o pipefail; node "$CLI" diff web --repo "$REPO" 2>"$ERR" | head -1`;
		const errFile = path.join(mkdtempSync(path.join(scenario.repo.root, 'pipe-')), 'stderr');
		const run = await runProcess('bash', ['-c', script], {PATH: process.env['PATH'], HOME: scenario.repo.root, KUBECONFIG: scenario.kubeconfig, CLI: builtCli, REPO: scenario.repo.dir, ERR: errFile});
		expect(run.stdout.trim().split('\n')).toHaveLength(1);
		expect(run.stdout).toMatch(/^# web \(flux, context sandbox\)/);
		expect(readFileSync(errFile, 'utf8')).toBe('');
		// Its own code, as the same diff gives it with nobody leaving early.
		const own = await runProcess('node', [builtCli, 'diff', 'web', '--repo', scenario.repo.dir], {PATH: process.env['PATH'], HOME: scenario.repo.root, KUBECONFIG: scenario.kubeconfig});
		expect([own.code, 141]).toContain(run.code);
	});

	it('lets an action finish and journal before it exits 141', async () => {
		const before = journal().length;
		const run = await gitopsTuiClosedPipe(scenario, ['suspend', 'web', '--reason', 'reader gone', '--yes', '--repo', scenario.repo.dir]);
		expect(run).toEqual({code: 141, stderr: ''});
		const kustomization = scenario.sandbox.objects.get(scenario.sandbox.objects.resourceType('kustomize.toolkit.fluxcd.io/v1', 'Kustomization')!, 'flux-system', 'web') as KubeObject;
		expect(kustomization.metadata.annotations?.['gitops-tui.io/pause-reason']).toBe('reader gone');
		const entries = journal();
		expect(entries).toHaveLength(before + 1);
		expect(entries.at(-1)).toMatchObject({action: 'suspend', outcome: {status: 'done'}});
		const resumed = await gitopsTuiClosedPipe(scenario, ['resume', 'web', '--yes', '--repo', scenario.repo.dir]);
		expect(resumed).toEqual({code: 141, stderr: ''});
		expect(journal().at(-1)).toMatchObject({action: 'resume', outcome: {status: 'done'}});
	}, 120_000);
});
