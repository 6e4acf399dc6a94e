/**
 * `gitops-tui journal` and `journal verify` through the built CLI, on a journal in a private XDG_STATE_HOME:
 * listing and filters, JSON, the exit codes (0 intact, 1 tampered naming the entry, 2 unreadable), --head
 * against a cut tail, and text from entries made terminal-safe.
 */
import {mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {openJournal} from '../../source/journal/journal-file.js';
import type {Journal, JournalEntry} from '../../source/journal/journal-types.js';
import {linesOf, record, writeLines} from '../journal/journal-helpers.js';
import {runProcess, type Run} from '../support/scenario-cluster.js';
import {builtCli, ensureBuiltCli} from '../support/scenario-cli.js';

beforeAll(ensureBuiltCli, 60_000);

let home: string;
let file: string;
let journal: Journal;
let entries: JournalEntry[];

beforeEach(async () => {
	home = mkdtempSync(path.join(os.tmpdir(), 'gitops-tui-journal-cli-'));
	file = path.join(home, 'state', 'gitops-tui', 'journal.jsonl');
	journal = openJournal({path: file, now: () => new Date('2026-12-01T10:00:00Z')});
	entries = [
		await journal.append(record(1, {app: 'shop', context: 'prod-eu'})),
		await journal.append(record(2, {app: 'payments', context: 'prod-us', action: 'suspend', parameters: {reason: 'incident'}, outcome: {status: 'refused', message: 'forbidden: patch kustomizations'}})),
		await journal.append(record(3, {app: 'shop', context: 'prod-us', time: '2026-12-03T09:30:00Z'})),
	];
});
afterEach(() => rmSync(home, {recursive: true, force: true}));

function cli(args: string[]): Promise<Run> {
	return runProcess('node', [builtCli, ...args], {PATH: process.env['PATH'], HOME: home, XDG_STATE_HOME: path.join(home, 'state')});
}

describe('gitops-tui journal', () => {
	it('lists every entry with the chain state and head hash', async () => {
		const run = await cli(['journal']);
		expect(run.code).toBe(0);
		const lines = run.stdout.split('\n');
		expect(lines[0]).toMatch(/^SEQ\s+TIME \(UTC\)\s+ACTOR\s+CONTEXT\s+APP\s+ACTION\s+OUTCOME\s+OBJS$/);
		expect(lines[1]).toMatch(/^1\s+2026-12-01 10:00\s+alice@example.com\s+prod-eu\s+shop\s+reconcile\s+done\s+1$/);
		expect(lines[2]).toMatch(/^2\s+.*payments\s+suspend\s+refused\s+1$/);
		expect(run.stdout).toContain('2: forbidden: patch kustomizations');
		expect(run.stdout).toContain(`chain intact: 3 entries\nhead ${entries[2]!.hash}\n`);
	});

	it('filters by app, context and time; -o json carries the entries as stored and the verification', async () => {
		const run = await cli(['journal', 'shop', '--context', 'prod-us', '-o', 'json']);
		expect(run.code).toBe(0);
		const document = JSON.parse(run.stdout) as {kind: string; entries: JournalEntry[]; verification: {ok: boolean; headHash: string}};
		expect(document).toMatchObject({apiVersion: 'gitops-tui/v1', kind: 'Journal', path: file, verification: {ok: true, entries: 3, headHash: entries[2]!.hash}});
		expect(document.entries).toEqual([entries[2]]);
		const since = JSON.parse((await cli(['journal', '--since', '2026-12-02', '-o', 'json'])).stdout) as {entries: JournalEntry[]};
		expect(since.entries.map(entry => entry.seq)).toEqual([3]);
	});

	it('shows control characters from an entry as visible escapes, never raw', async () => {
		await journal.append(record(4, {app: 'evil\u001b]0;owned\u0007', outcome: {status: 'failed', message: 'bad\u001b[2Jthing'}}));
		const run = await cli(['journal']);
		expect(run.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
		expect(run.stdout).toContain('evil\\x1b]');
		expect(run.stdout).toContain('bad\\x1b[2Jthing');
	});
});

describe('gitops-tui journal verify', () => {
	it('exits 0 with the entry count and head hash; -o json says the same', async () => {
		const run = await cli(['journal', 'verify']);
		expect(run).toMatchObject({code: 0, stdout: `journal ${file}\nchain intact: 3 entries\nhead ${entries[2]!.hash}\n`});
		const json = await cli(['journal', 'verify', '-o', 'json']);
		expect(JSON.parse(json.stdout)).toEqual({apiVersion: 'gitops-tui/v1', kind: 'JournalVerification', path: file, ok: true, entries: 3, headHash: entries[2]!.hash});
	});

	it('exits 1 naming the first tampered entry, also from `journal`', async () => {
		const lines = linesOf(file);
		writeLines(file, [lines[0]!, lines[1]!.replace('incident', 'routine'), lines[2]!]);
		const run = await cli(['journal', 'verify']);
		expect(run.code).toBe(1);
		expect(run.stdout).toContain('chain TAMPERED (edited): entry 2 (line 2) was edited');
		const json = JSON.parse((await cli(['journal', 'verify', '-o', 'json'])).stdout) as {ok: boolean; problem: unknown};
		expect(json).toMatchObject({ok: false, problem: {kind: 'edited', seq: 2, line: 2}});
		const listing = await cli(['journal']);
		expect(listing.code).toBe(1);
		expect(listing.stderr).toContain('the chain is broken: entry 2 (line 2) was edited');
	});

	it('with --head, exits 1 when the tail was cut and 0 for the head noted', async () => {
		writeLines(file, linesOf(file).slice(0, 2));
		expect((await cli(['journal', 'verify'])).code).toBe(0);
		const cut = await cli(['journal', 'verify', '--head', entries[2]!.hash]);
		expect(cut.code).toBe(1);
		expect(cut.stdout).toContain('TAMPERED (truncated)');
		expect((await cli(['journal', 'verify', '--head', entries[1]!.hash])).code).toBe(0);
	});

	it('exits 2 when the journal cannot be read, and on a malformed --head', async () => {
		rmSync(file);
		mkdirSync(file);
		const run = await cli(['journal', 'verify']);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain(`gitops-tui journal: cannot read ${file}`);
		expect((await cli(['journal', 'verify', '--head', 'abc'])).code).toBe(2);
	});
});
