/**
 * A journal kept in memory, implementing the `Journal` contract for action tests until the real one lands
 * (no hash chain: `hash` is a counter, `verify` always succeeds).
 */
import type {Journal, JournalEntry, JournalRecord} from '../../source/journal/journal-types.js';

/** The in-memory journal; `entries` is the live list. */
export function memoryJournal(): Journal & {entries: JournalEntry[]} {
	const entries: JournalEntry[] = [];
	return {
		path: ':memory:',
		entries,
		async append(record: JournalRecord) {
			const seq = entries.length + 1;
			const entry: JournalEntry = {...record, seq, time: record.time ?? new Date().toISOString(), prevHash: entries.at(-1)?.hash ?? '0'.repeat(64), hash: String(seq).padStart(64, '0')};
			entries.push(entry);
			return entry;
		},
		read: async () => entries.slice(),
		verify: async () => ({ok: true, entries: entries.length, headHash: entries.at(-1)?.hash ?? '0'.repeat(64)}),
	};
}
