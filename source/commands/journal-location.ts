/**
 * Where the journal lives: `$XDG_STATE_HOME/gitops-tui/journal.jsonl` (default `~/.local/state/gitops-tui/`), next
 * to the log file. Commands resolve it and hand it to `openJournal`; the journal layer never reads the environment.
 */
import os from 'node:os';
import path from 'node:path';
import {openJournal} from '../journal/journal-file.js';
import type {Journal, JournalEntry} from '../journal/journal-types.js';
import {recordReadOnlyModes} from '../journal/read-only-mode.js';
import type {CommandIo} from './command.js';
import type {EvaluationSession} from './evaluation-session.js';
import {stateDirectory} from './log-file.js';

export function journalPath(env: NodeJS.ProcessEnv, home: string): string {
	return path.join(stateDirectory(env, home), 'journal.jsonl');
}

/** The user's journal, with the real clock. */
export function openUserJournal(io: CommandIo): Journal {
	return openJournal({path: journalPath(io.env, io.env['HOME'] ?? os.homedir()), now: () => new Date()});
}

/**
 * Journals this run's read-only mode changes per context (see journal/read-only-mode.ts). The actor is the
 * kubeconfig user: no request is spent on asking the server who we are just to note a mode.
 */
export async function recordSessionModes(session: EvaluationSession, io: CommandIo, command: string): Promise<JournalEntry[]> {
	const modes = session.contexts.flatMap(({info, client}) => {
		if (!client) return [];
		const reason = session.readOnlyReason(info.name);
		return [{context: info.name, readOnly: reason !== undefined, ...(reason ? {reason} : {}), actor: client.context.user.name}];
	});
	return recordReadOnlyModes(openUserJournal(io), modes, {command});
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
