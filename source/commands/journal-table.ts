/**
 * `journal -o table`: one row per entry (seq, time, actor, context, app, action, outcome, objects touched) within
 * 80 columns, every cell made terminal-safe, then the chain's state and head hash under it.
 */
import type {JournalEntry, JournalVerification} from '../journal/journal-types.js';
import {terminalText} from '../domain/terminal-text.js';
import {layoutTable, wrap, type Column} from './output/table-layout.js';

const columns: Column[] = [
	{header: 'SEQ'},
	{header: 'TIME (UTC)'},
	{header: 'ACTOR', flexible: true, min: 8},
	{header: 'CONTEXT', flexible: true, min: 7},
	{header: 'APP', flexible: true, min: 6},
	{header: 'ACTION', flexible: true, min: 8},
	{header: 'OUTCOME'},
	{header: 'OBJS'},
];

export function formatJournalTable(entries: readonly JournalEntry[], verification: JournalVerification, options: {width?: number; path: string}): string {
	const width = options.width ?? 80;
	const rows = entries.map(entry => [
		String(entry.seq),
		shortTime(entry.time),
		entry.actor,
		entry.context ?? '-',
		entry.app ?? '-',
		entry.action,
		entry.outcome.status,
		String(entry.objects.length),
	].map(cell => terminalText(cell)));
	const lines = entries.length === 0 ? [`no journal entries in ${terminalText(options.path)}`] : layoutTable(columns, rows, width);
	for (const entry of entries) {
		if (entry.outcome.message) lines.push(...wrap(terminalText(entry.outcome.message), width, '      ', `  ${entry.seq}: `));
	}
	lines.push(...verificationLines(verification, width));
	return `${lines.join('\n')}\n`;
}

/** What `verify` found, as the last lines of `journal` and the whole of `journal verify`. */
export function verificationLines(verification: JournalVerification, width = 80): string[] {
	const count = `${verification.entries} ${verification.entries === 1 ? 'entry' : 'entries'}`;
	const state = verification.ok ? [`chain intact: ${count}`] : wrap(`TAMPERED (${verification.problem.kind}): ${terminalText(verification.problem.message)}`, width, '  ', 'chain ');
	return [...state, `head ${verification.headHash}`];
}

/** `2026-12-01 10:00` in UTC (`-o json` has the exact time); a time that does not parse is shown as written. */
function shortTime(time: string): string {
	const parsed = new Date(time);
	return Number.isNaN(parsed.getTime()) ? time : parsed.toISOString().slice(0, 16).replace('T', ' ');
}
