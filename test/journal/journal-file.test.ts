/**
 * The journal file: what an entry holds and how it chains, file and directory modes, records stored as given,
 * a damaged tail, stale locks, and appends from two real processes at once.
 */
import {execFile, spawn} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {build} from 'esbuild';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {chainEntry, entryHash, entryLine, genesisHash} from '../../source/journal/journal-entry.js';
import {openJournal} from '../../source/journal/journal-file.js';
import type {Journal} from '../../source/journal/journal-types.js';
import {waitFor} from '../support/wait-for.js';
import {linesOf, record, tempJournal} from './journal-helpers.js';

let journal: Journal;
let dir: string;
let file: string;
let cleanup: () => void;

beforeEach(() => {
	({journal, dir, file, cleanup} = tempJournal());
});
afterEach(() => cleanup());

describe('append and read', () => {
	it('chains entries: seq from 1, prevHash from 64 zeros, hash over the canonical JSON without hash', async () => {
		const first = await journal.append(record(1));
		const second = await journal.append(record(2, {time: '2026-12-02T08:00:00Z'}));
		expect(first).toMatchObject({seq: 1, prevHash: genesisHash, time: '2026-12-01T10:00:01.000Z', actor: 'alice@example.com', context: 'prod-eu', app: 'app-1', action: 'reconcile'});
		expect(first.hash).toBe(entryHash(first));
		expect(second).toMatchObject({seq: 2, prevHash: first.hash, time: '2026-12-02T08:00:00Z'});
		expect(await journal.read()).toEqual([first, second]);
		expect(linesOf(file).map(line => JSON.parse(line))).toEqual([first, second]);
	});

	it('reads an absent journal as empty and creates nothing', async () => {
		expect(await journal.read()).toEqual([]);
		expect(existsSync(path.dirname(file))).toBe(false);
	});

	it('creates the file 0600 in a 0700 directory, also when the directory existed with the default mode', async () => {
		mkdirSync(path.dirname(file), {recursive: true, mode: 0o755});
		await journal.append(record(1));
		expect(statSync(file).mode & 0o777).toBe(0o600);
		expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
	});

	it('stores a record exactly as given (callers mask Secret values; the journal does not look inside)', async () => {
		const given = record(1, {parameters: {reason: 'rotate keys', note: 'value masked by the caller: ***'}, outcome: {status: 'failed', message: 'conflict with kubectl-edit'}});
		const entry = await journal.append(given);
		const {seq: _seq, time: _time, prevHash: _prev, hash: _hash, ...stored} = entry;
		const {time: _given, ...rest} = given;
		expect(stored).toEqual(rest);
	});

	it('refuses to chain onto a damaged tail and says how to find out more', async () => {
		await journal.append(record(1));
		writeFileSync(file, `${readFileSync(file, 'utf8')}{"seq":2,"cut`);
		await expect(journal.append(record(2))).rejects.toThrow(/incomplete line; run gitops-tui journal verify/);
	});
});

describe('reading while an append is half-way', () => {
	it('waits for the writer (the lock) instead of calling the journal cut, and reads the finished line', async () => {
		let pauses = 0;
		const waiting = openJournal({path: file, now: () => new Date(), settle: {waitMs: 60_000, pause: async () => {
			pauses++;
			await new Promise(resolve => setImmediate(resolve));
		}}});
		const first = await journal.append(record(1));
		const line = `${entryLine(chainEntry({record: record(2), previous: first, now: () => new Date('2026-12-01T11:00:00Z')}))}\n`;
		// A writer holds the lock and has written half its line.
		writeFileSync(`${file}.lock`, '{}');
		const before = readFileSync(file, 'utf8');
		writeFileSync(file, `${before}${line.slice(0, 30)}`);
		let settled = false;
		const verifying = waiting.verify().finally(() => (settled = true));
		// The reader has looked three times, found the cut line and the lock each time, and is still waiting.
		await waitFor(() => pauses >= 3);
		expect(settled).toBe(false);
		writeFileSync(file, `${before}${line}`);
		rmSync(`${file}.lock`);
		expect(await verifying).toMatchObject({ok: true, entries: 2});
	});

	it('reports a cut last line when no writer holds the lock', async () => {
		await journal.append(record(1));
		writeFileSync(file, `${readFileSync(file, 'utf8')}{"seq":2,`);
		expect(await journal.verify()).toMatchObject({ok: false, problem: {kind: 'truncated', line: 2}});
	});
});

describe('the lock', () => {
	const lockOf = () => `${file}.lock`;

	it('breaks a lock left by a process that has died', async () => {
		mkdirSync(path.dirname(file), {recursive: true});
		const child = spawn(process.execPath, ['-e', '']);
		const pid = child.pid!;
		await new Promise(resolve => child.on('exit', resolve));
		writeFileSync(lockOf(), JSON.stringify({pid, host: (await import('node:os')).hostname(), time: new Date().toISOString(), nonce: 'dead'}));
		const entry = await openJournal({path: file, now: () => new Date(), lock: {timeoutMs: 2000}}).append(record(1));
		expect(entry.seq).toBe(1);
		expect(existsSync(lockOf())).toBe(false);
	});

	it('waits for a live holder, fails after the bound, and breaks the lock once it is older than staleMs', async () => {
		mkdirSync(path.dirname(file), {recursive: true});
		// Our parent (the vitest runner) is alive: its lock is not stale by pid.
		writeFileSync(lockOf(), JSON.stringify({pid: process.ppid, host: (await import('node:os')).hostname(), time: new Date().toISOString(), nonce: 'live'}));
		const waiting = openJournal({path: file, now: () => new Date(), lock: {timeoutMs: 300, staleMs: 60_000}});
		await expect(waiting.append(record(1))).rejects.toThrow(new RegExp(`could not lock .* within 300 ms \\(held by pid ${process.ppid}`));
		const old = new Date(Date.now() - 120_000);
		utimesSync(lockOf(), old, old);
		expect((await waiting.append(record(1))).seq).toBe(1);
	});
});

describe('appends from two processes at once', () => {
	it('keep one valid chain with every entry of both', async () => {
		const worker = path.join(dir, 'append-worker.mjs');
		await build({entryPoints: [path.resolve(import.meta.dirname, 'append-worker.ts')], bundle: true, platform: 'node', format: 'esm', outfile: worker, logLevel: 'silent'});
		const barrier = path.join(dir, 'go');
		const perProcess = 60;
		const runs = ['proc-a', 'proc-b'].map(
			actor =>
				new Promise<{code: number | null; stderr: string}>(resolve => {
					execFile(process.execPath, [worker, file, actor, String(perProcess), barrier], (error, _stdout, stderr) => resolve({code: error ? (error.code as number) : 0, stderr}));
				}),
		);
		await waitFor(() => ['proc-a', 'proc-b'].every(actor => existsSync(`${barrier}.${actor}.ready`)), {timeoutMs: 20_000, describe: () => 'both workers ready'});
		writeFileSync(barrier, '');
		const results = await Promise.all(runs);
		expect(results).toEqual([{code: 0, stderr: ''}, {code: 0, stderr: ''}]);

		const verification = await journal.verify();
		expect(verification).toMatchObject({ok: true, entries: 2 * perProcess});
		const entries = await journal.read();
		expect(entries.map(entry => entry.seq)).toEqual(Array.from({length: 2 * perProcess}, (_, index) => index + 1));
		for (const actor of ['proc-a', 'proc-b']) {
			expect(entries.filter(entry => entry.actor === actor).map(entry => entry.parameters['n'])).toEqual(Array.from({length: perProcess}, (_, index) => index + 1));
		}
		// They really ran at the same time: the actors alternate in the file (each waits halfway for the other).
		const switches = entries.filter((entry, index) => index > 0 && entry.actor !== entries[index - 1]!.actor).length;
		expect(switches).toBeGreaterThan(1);
		expect(existsSync(`${file}.lock`)).toBe(false);
	}, 60_000);
});
