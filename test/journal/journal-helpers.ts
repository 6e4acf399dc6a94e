/** Temporary journals and records for the journal's tests. */
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {openJournal} from '../../source/journal/journal-file.js';
import type {Journal, JournalRecord} from '../../source/journal/journal-types.js';

/** A journal in a fresh temporary state directory, with a clock that ticks a second per call. */
export function tempJournal(): {journal: Journal; dir: string; file: string; cleanup: () => void} {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'gitops-tui-journal-'));
	const file = path.join(dir, 'state', 'gitops-tui', 'journal.jsonl');
	let tick = Date.parse('2026-12-01T10:00:00Z');
	const journal = openJournal({path: file, now: () => new Date((tick += 1000))});
	return {journal, dir, file, cleanup: () => rmSync(dir, {recursive: true, force: true})};
}

/** A reconcile record for app `app` (numbered so entries differ). */
export function record(n: number, overrides: Partial<JournalRecord> = {}): JournalRecord {
	return {
		actor: 'alice@example.com',
		context: 'prod-eu',
		app: `app-${n}`,
		action: 'reconcile',
		parameters: {withSource: n % 2 === 0},
		planDigest: 'ab'.repeat(32),
		outcome: {status: 'done'},
		objects: [{apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', namespace: 'flux-system', name: `app-${n}`, result: 'annotated', resourceVersionBefore: `${n}0`, resourceVersionAfter: `${n}1`}],
		...overrides,
	};
}

/** Appends `count` records in order. */
export async function appendMany(journal: Journal, count: number): Promise<void> {
	for (let n = 1; n <= count; n++) await journal.append(record(n));
}

/** The file's lines (without the final newline), to tamper with. */
export function linesOf(file: string): string[] {
	return readFileSync(file, 'utf8').split('\n').slice(0, -1);
}

export function writeLines(file: string, lines: string[]): void {
	writeFileSync(file, `${lines.join('\n')}\n`);
}
