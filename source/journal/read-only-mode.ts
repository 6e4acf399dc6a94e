/**
 * Read-only mode changes in the journal: when a context is read-only in this run (the flag, the user settings'
 * readOnlyContexts, a broken settings file) and was writable in the last run that journaled its mode — or the other
 * way round — a `read-only-on` or `read-only-off` entry says so, with why. A context never journaled counts as
 * writable, so the first read-only run is recorded. Runs that can act (the TUI, the action commands) call this;
 * `status`, `diff` and `audit` never write to a cluster, so their mode changes nothing worth recording.
 */
import type {Journal, JournalEntry} from './journal-types.js';

/** One context's mode in this run. */
export type ContextMode = {context: string; readOnly: boolean; reason?: string; actor: string};

export const readOnlyOn = 'read-only-on';
export const readOnlyOff = 'read-only-off';

/** Appends an entry for each context whose mode differs from its last journaled one; returns them. */
export async function recordReadOnlyModes(journal: Journal, modes: readonly ContextMode[], parameters: Record<string, unknown> = {}): Promise<JournalEntry[]> {
	const last = new Map<string, boolean>();
	for (const entry of await journal.read()) {
		if (entry.context === undefined) continue;
		if (entry.action === readOnlyOn) last.set(entry.context, true);
		if (entry.action === readOnlyOff) last.set(entry.context, false);
	}
	const appended: JournalEntry[] = [];
	for (const mode of modes) {
		if ((last.get(mode.context) ?? false) === mode.readOnly) continue;
		appended.push(
			await journal.append({
				actor: mode.actor,
				context: mode.context,
				action: mode.readOnly ? readOnlyOn : readOnlyOff,
				parameters: {...parameters, ...(mode.reason ? {reason: mode.reason} : {})},
				outcome: {status: 'done'},
				objects: [],
			}),
		);
	}
	return appended;
}
