/**
 * Checking a journal's text: each entry's hash against its content, and each link of the chain. When the chain
 * breaks, the first bad entry is named with what most likely happened to it, read from the sequence numbers
 * and hashes that survive: an edit (content or re-hashed), a deletion (a gap in seq), an insertion (the chain
 * goes around the line) or a reordering (the entry's neighbours in the chain are elsewhere in the file).
 * A cut tail leaves a valid chain; only a head hash noted earlier (`expectedHead`) shows it.
 */
import {entryHash, genesisHash, parseEntryLine} from './journal-entry.js';
import type {JournalEntry, JournalVerification} from './journal-types.js';

type Problem = Extract<JournalVerification, {ok: false}>['problem'];

/** Verifies the file's text (an absent file is the empty text: a valid, empty journal). */
export function verifyJournalText(text: string, options: {expectedHead?: string} = {}): JournalVerification {
	const rawLines = text === '' ? [] : text.split('\n');
	const complete = text.endsWith('\n') || text === '';
	if (text.endsWith('\n')) rawLines.pop();
	const entries: JournalEntry[] = [];
	for (const [index, line] of rawLines.entries()) {
		const parsed = parseEntryLine(line);
		if (!parsed.ok) {
			const last = index === rawLines.length - 1;
			const kind = last && !complete ? 'truncated' : 'malformed';
			const why = kind === 'truncated' ? `the last line is incomplete (${parsed.message}); a write was cut short` : parsed.message;
			return failed(entries, {line: index + 1, kind, message: `line ${index + 1}: ${why}`});
		}
		entries.push(parsed.entry);
	}

	for (const [index, entry] of entries.entries()) {
		if (entryHash(entry) !== entry.hash) {
			return failed(entries, {line: index + 1, seq: entry.seq, kind: 'edited', message: `entry ${entry.seq} (line ${index + 1}) was edited: its content does not match its hash`});
		}
		const before = index === 0 ? genesisHash : entries[index - 1]!.hash;
		if (entry.prevHash !== before) return failed(entries, classifyBreak(entries, index));
		const expectedSeq = index === 0 ? 1 : entries[index - 1]!.seq + 1;
		if (entry.seq !== expectedSeq) {
			return failed(entries, {line: index + 1, seq: entry.seq, kind: 'edited', message: `entry at line ${index + 1} has seq ${entry.seq}, expected ${expectedSeq}`});
		}
	}

	const headHash = entries.at(-1)?.hash ?? genesisHash;
	if (options.expectedHead !== undefined && options.expectedHead !== headHash) {
		const at = entries.findIndex(entry => entry.hash === options.expectedHead);
		// A head noted earlier is still in the chain: entries were appended since, which is what a journal does.
		if (at === -1) {
			return {
				ok: false,
				entries: entries.length,
				headHash,
				problem: {
					line: entries.length + 1,
					kind: 'truncated',
					message: `the expected head ${options.expectedHead} is not in the journal: entries after line ${entries.length} (seq ${entries.at(-1)?.seq ?? 0}) were cut, or the chain was rewritten`,
				},
			};
		}
	}
	return {ok: true, entries: entries.length, headHash};
}

function failed(entries: JournalEntry[], problem: Problem): JournalVerification {
	// The head hash is that of the last entry read, so a person can compare it with one noted earlier.
	return {ok: false, entries: entries.length, headHash: entries.at(-1)?.hash ?? genesisHash, problem};
}

/** Names what happened at the first broken link, at 0-based index `i` (the entry's own hash is right). */
function classifyBreak(entries: JournalEntry[], i: number): Problem {
	const entry = entries[i]!;
	const line = i + 1;
	const hashBefore = (index: number) => (index < 0 ? genesisHash : entries[index]!.hash);
	const expectedSeq = i === 0 ? 1 : entries[i - 1]!.seq + 1;
	const next = entries[i + 1];

	// A copy of another line.
	const original = entries.findIndex((other, index) => index !== i && other.hash === entry.hash);
	if (original !== -1) {
		return {line, seq: entry.seq, kind: 'inserted', message: `entry at line ${line} is a copy of line ${original + 1} (seq ${entry.seq}): it was inserted`};
	}
	// The line before this one was slipped in: this entry links to the one before that.
	if (i >= 1 && entry.prevHash === hashBefore(i - 2)) {
		const inserted = entries[i - 1]!;
		return {line: i, seq: inserted.seq, kind: 'inserted', message: `entry at line ${i} (seq ${inserted.seq}) was inserted: the chain goes from line ${i - 1} to line ${line}`};
	}
	// Its neighbours in the chain are elsewhere in the file: a genuine entry out of place.
	const predecessorElsewhere = entries.some((other, index) => index !== i - 1 && index !== i && other.hash === entry.prevHash);
	const successorElsewhere = entries.some((other, index) => index !== i + 1 && index !== i && other.prevHash === entry.hash);
	if (predecessorElsewhere || successorElsewhere) {
		return {line, seq: entry.seq, kind: 'reordered', message: `entry ${entry.seq} (line ${line}) is out of order: the entry it follows in the chain is not the line before it`};
	}
	// The chain goes around this line.
	if (next && next.prevHash === hashBefore(i - 1)) {
		return {line, seq: entry.seq, kind: 'inserted', message: `entry at line ${line} (seq ${entry.seq}) was inserted: the chain goes from line ${i} to line ${line + 1}`};
	}
	if (entry.seq < expectedSeq) {
		return {line, seq: entry.seq, kind: 'inserted', message: `entry at line ${line} repeats seq ${entry.seq} and links to no entry: it was inserted`};
	}
	if (entry.seq > expectedSeq && !entries.some(other => other.seq === expectedSeq)) {
		const range = entry.seq - 1 === expectedSeq ? `entry ${expectedSeq} was` : `entries ${expectedSeq} to ${entry.seq - 1} were`;
		return {line, seq: expectedSeq, kind: 'deleted', message: `${range} deleted before line ${line} (seq ${entry.seq})`};
	}
	if (i >= 1 && entry.seq === expectedSeq) {
		const edited = entries[i - 1]!;
		return {line: i, seq: edited.seq, kind: 'edited', message: `entry ${edited.seq} (line ${i}) was edited and re-hashed: entry ${entry.seq} no longer links to it`};
	}
	return {line, seq: entry.seq, kind: 'edited', message: `entry ${entry.seq} (line ${line}) does not link to the entry before it`};
}
