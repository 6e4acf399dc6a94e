/**
 * The journal on disk: JSON Lines, one entry a line, appended under a lock file so that two processes appending at
 * once still chain each entry to the one really before it. Each append reads the last line, writes the new one
 * in a single write and fsyncs before the lock is released. The file is created 0600 in a 0700 directory.
 *
 * The journal stores records as given: callers mask Secret values (the actions never put one in a record).
 */
import {access, chmod, mkdir, open, readFile, type FileHandle} from 'node:fs/promises';
import path from 'node:path';
import {withFileLock, type FileLockOptions} from './file-lock.js';
import {chainEntry, entryLine, parseEntryLine} from './journal-entry.js';
import type {Journal, JournalEntry} from './journal-types.js';
import {verifyJournalText} from './journal-verify.js';

export type OpenJournalOptions = {
	/** The file, e.g. `$XDG_STATE_HOME/gitops-tui/journal.jsonl` (resolved by the caller). */
	path: string;
	/** The clock for entries whose record has no time. */
	now: () => Date;
	lock?: FileLockOptions;
	/** How a reader waits for a half-written last line to be finished by the lock holder. */
	settle?: SettleOptions;
};

export type SettleOptions = {
	/** How long a reader waits for the writer before taking what is there (and `verify` calling it cut). Default 2 s. */
	waitMs?: number;
	/** Waits between two reads; injected so a test can see the reader waiting without sleeping itself. */
	pause?: (ms: number) => Promise<void>;
};

/** Opens (lazily: nothing is touched until the first call) the journal at `options.path`. */
export function openJournal(options: OpenJournalOptions): Journal {
	const file = options.path;
	return {
		path: file,
		async append(record) {
			await ensureDirectory(path.dirname(file));
			return withFileLock(`${file}.lock`, options.lock ?? {}, async () => {
				const handle = await open(file, 'a+', 0o600);
				try {
					const previous = await lastEntry(handle, file);
					const entry = chainEntry({record, ...(previous ? {previous} : {}), now: options.now});
					await handle.write(`${entryLine(entry)}\n`);
					await handle.sync();
					return entry;
				} finally {
					await handle.close();
				}
			});
		},
		async read() {
			const text = await readSettled(file, options.settle);
			const entries: JournalEntry[] = [];
			// Lines that are not entries are skipped here; `verify` is what reports them.
			for (const line of text.split('\n')) {
				if (line === '') continue;
				const parsed = parseEntryLine(line);
				if (parsed.ok) entries.push(parsed.entry);
			}
			return entries;
		},
		async verify(verifyOptions = {}) {
			return verifyJournalText(await readSettled(file, options.settle), verifyOptions);
		},
	};
}

async function ensureDirectory(directory: string): Promise<void> {
	await mkdir(directory, {recursive: true, mode: 0o700});
	// The state directory may have been made by the log file with the default mode; the journal's is private.
	await chmod(directory, 0o700);
}

async function readText(file: string): Promise<string> {
	try {
		return await readFile(file, 'utf8');
	} catch (error) {
		if (error !== null && typeof error === 'object' && 'code' in error && error.code === 'ENOENT') return '';
		throw error;
	}
}

/**
 * The file's text once no append is half-way: a last line without its newline while the lock is held is a write
 * in progress, so the reader waits (briefly, without taking the lock: an auditor may not be allowed to create one)
 * for the lock to go and reads again. A cut line with no writer is damage, and `verify` reports it.
 */
async function readSettled(file: string, settle: SettleOptions = {}): Promise<string> {
	const deadline = Date.now() + (settle.waitMs ?? 2000);
	const pause = settle.pause ?? (ms => new Promise<void>(resolve => setTimeout(resolve, ms)));
	for (;;) {
		const text = await readText(file);
		if (text === '' || text.endsWith('\n') || Date.now() > deadline) return text;
		try {
			await access(`${file}.lock`);
		} catch {
			// No writer: read once more (the lock may have gone between the two reads) and take what is there.
			return readText(file);
		}
		await pause(10);
	}
}

/**
 * The last line's entry, read from the end of the file in growing chunks so an append does not read the whole
 * journal. A damaged tail (a cut write, a line that is not an entry) stops the append: chaining onto it would
 * hide the damage.
 */
async function lastEntry(handle: FileHandle, file: string): Promise<{seq: number; hash: string} | undefined> {
	const {size} = await handle.stat();
	if (size === 0) return undefined;
	let chunk = 4096;
	for (;;) {
		const start = Math.max(0, size - chunk);
		const buffer = Buffer.alloc(size - start);
		await handle.read(buffer, 0, buffer.length, start);
		const text = buffer.toString('utf8');
		if (!text.endsWith('\n')) throw new Error(`the journal ${file} ends with an incomplete line; run gitops-tui journal verify`);
		const body = text.slice(0, -1);
		const newline = body.lastIndexOf('\n');
		if (newline !== -1 || start === 0) {
			const parsed = parseEntryLine(body.slice(newline + 1));
			if (!parsed.ok) throw new Error(`the journal ${file} ends with a line that is not an entry (${parsed.message}); run gitops-tui journal verify`);
			return {seq: parsed.entry.seq, hash: parsed.entry.hash};
		}
		chunk *= 4;
	}
}
