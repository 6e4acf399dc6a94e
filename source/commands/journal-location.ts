/**
 * Where the journal lives: `$XDG_STATE_HOME/gitops-tui/journal.jsonl` (default `~/.local/state/gitops-tui/`), next
 * to the log file. Commands resolve it and hand it to `openJournal`; the journal layer never reads the environment.
 */
import os from 'node:os';
import path from 'node:path';
import {openJournal} from '../journal/journal-file.js';
import type {Journal} from '../journal/journal-types.js';
import type {CommandIo} from './command.js';
import {stateDirectory} from './log-file.js';

export function journalPath(env: NodeJS.ProcessEnv, home: string): string {
	return path.join(stateDirectory(env, home), 'journal.jsonl');
}

/** The user's journal, with the real clock. */
export function openUserJournal(io: CommandIo): Journal {
	return openJournal({path: journalPath(io.env, io.env['HOME'] ?? os.homedir()), now: () => new Date()});
}

/**
 * `--since` as a time: RFC 3339 (`2026-12-01T00:00:00Z`, or a date `2026-12-01`), or an age back from now
 * (`90m`, `24h`, `7d`).
 */
export function parseSince(value: unknown, now: Date): {ok: true; time?: Date} | {ok: false; message: string} {
	if (value === undefined || value === '') return {ok: true};
	const text = String(value).trim();
	const age = /^(\d+)(m|h|d)$/.exec(text);
	if (age) {
		const unit = {m: 60_000, h: 3_600_000, d: 86_400_000}[age[2] as 'm' | 'h' | 'd'];
		return {ok: true, time: new Date(now.getTime() - Number(age[1]) * unit)};
	}
	if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) {
		const time = new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
		if (!Number.isNaN(time.getTime())) return {ok: true, time};
	}
	return {ok: false, message: `--since ${JSON.stringify(text)}: expected an RFC 3339 time (2026-12-01T08:00:00Z), a date or an age (90m, 24h, 7d)`};
}
