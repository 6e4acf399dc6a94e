/**
 * One journal line: how a record becomes a chained entry, how an entry's hash is computed, and how a line read
 * back is recognised as an entry. Shared by `append` and `verify` so both hash exactly the same bytes.
 */
import {canonicalJson, sha256Hex} from './canonical-json.js';
import type {JournalEntry, JournalRecord} from './journal-types.js';

/** The first entry's `prevHash`. */
export const genesisHash = '0'.repeat(64);

/** SHA-256 (hex) of the canonical JSON of the entry without its `hash`. */
export function entryHash(entry: Omit<JournalEntry, 'hash'> | JournalEntry): string {
	const {hash: _ignored, ...rest} = entry as JournalEntry;
	return sha256Hex(canonicalJson(rest));
}

/**
 * The entry that follows `previous` (or opens the chain), with its hash. The record goes through a JSON round
 * trip first, so what is hashed is exactly what a reader parses back from the line.
 */
export function chainEntry(options: {record: JournalRecord; previous?: {seq: number; hash: string}; now: () => Date}): JournalEntry {
	const {record, previous} = options;
	const plain = JSON.parse(JSON.stringify(record)) as JournalRecord;
	const {time, actor, context, app, action, parameters, planDigest, outcome, objects, ...extra} = plain;
	// Written in this order so a person reading the file sees the story first; the hash does not depend on it.
	const unhashed: Omit<JournalEntry, 'hash'> = {
		seq: (previous?.seq ?? 0) + 1,
		time: time ?? options.now().toISOString(),
		actor,
		...(context === undefined ? {} : {context}),
		...(app === undefined ? {} : {app}),
		action,
		parameters: parameters ?? {},
		...(planDigest === undefined ? {} : {planDigest}),
		outcome,
		objects: objects ?? [],
		// Fields a later version adds to the record are kept (and hashed) rather than dropped.
		...extra,
		prevHash: previous?.hash ?? genesisHash,
	};
	return {...unhashed, hash: entryHash(unhashed)};
}

/** The line written for an entry (no trailing newline). */
export function entryLine(entry: JournalEntry): string {
	return JSON.stringify(entry);
}

/** A line parsed back: the entry, or why it is not one. */
export type ParsedLine = {ok: true; entry: JournalEntry} | {ok: false; message: string};

const hex64 = /^[0-9a-f]{64}$/;

/** Parses one line; checks the shape the chain relies on (seq, hashes, time, actor, action), not the hash. */
export function parseEntryLine(line: string): ParsedLine {
	let value: unknown;
	try {
		value = JSON.parse(line);
	} catch (error) {
		return {ok: false, message: `not JSON (${error instanceof Error ? error.message : String(error)})`};
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return {ok: false, message: 'not a JSON object'};
	const entry = value as Partial<JournalEntry>;
	if (!Number.isInteger(entry.seq) || (entry.seq as number) < 1) return {ok: false, message: 'no valid seq'};
	if (typeof entry.hash !== 'string' || !hex64.test(entry.hash)) return {ok: false, message: 'no valid hash'};
	if (typeof entry.prevHash !== 'string' || !hex64.test(entry.prevHash)) return {ok: false, message: 'no valid prevHash'};
	for (const key of ['time', 'actor', 'action'] as const) {
		if (typeof entry[key] !== 'string') return {ok: false, message: `no ${key}`};
	}
	if (entry.outcome === null || typeof entry.outcome !== 'object') return {ok: false, message: 'no outcome'};
	if (!Array.isArray(entry.objects)) return {ok: false, message: 'no objects list'};
	return {ok: true, entry: entry as JournalEntry};
}
