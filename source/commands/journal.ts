/**
 * `gitops-tui journal [APP] [--context C] [--since T] [-o table|json]`: the actions taken, newest last, with the
 * chain's state and head hash under them; and `gitops-tui journal verify [--head HASH] [-o table|json]`.
 * Exit codes: 0 the chain is intact (and, with --head, that head is in it), 1 tampered (the first bad entry is
 * named), 2 the journal cannot be read or bad flags.
 */
import type {JournalEntry, JournalVerification} from '../journal/journal-types.js';
import type {Command, CommandInput} from './command.js';
import {openUserJournal, parseSince} from './journal-location.js';
import {formatJournalTable, verificationLines} from './journal-table.js';

export const journalCommand: Command = {
	name: 'journal',
	summary: 'The actions taken (journal [APP]); journal verify [--head HASH] checks the hash chain',
	run: runJournal,
};

/** `journal verify -o json`, and the `verification` of `journal -o json`. */
export type JournalVerificationDocument = {apiVersion: 'gitops-tui/v1'; kind: 'JournalVerification'; path: string} & JournalVerification;

async function runJournal(input: CommandInput): Promise<number> {
	const {flags, io} = input;
	const fail = (message: string) => {
		io.stderr.write(`gitops-tui journal: ${message}\n`);
		return 2;
	};
	const format = String(flags['output'] ?? 'table');
	if (format !== 'table' && format !== 'json') return fail(`-o ${format} is not supported (table, json)`);
	const [first, ...rest] = input.args;
	const verifying = first === 'verify';
	if (rest.length > 0) return fail(`unexpected argument ${rest[0]}`);
	const head = flags['head'];
	if (head !== undefined && !verifying) return fail('--head belongs to journal verify');
	if (head !== undefined && !/^[0-9a-f]{64}$/.test(String(head))) return fail(`--head ${JSON.stringify(String(head))}: expected a SHA-256 hash (64 hex digits)`);
	const since = parseSince(flags['since'], new Date());
	if (!since.ok) return fail(since.message);

	const journal = openUserJournal(io);
	let entries: JournalEntry[];
	let verification: JournalVerification;
	try {
		verification = await journal.verify(head === undefined ? {} : {expectedHead: String(head)});
		entries = verifying ? [] : await journal.read();
	} catch (error) {
		return fail(`cannot read ${journal.path}: ${error instanceof Error ? error.message : String(error)}`);
	}
	const document: JournalVerificationDocument = {apiVersion: 'gitops-tui/v1', kind: 'JournalVerification', path: journal.path, ...verification};
	const code = verification.ok ? 0 : 1;

	if (verifying) {
		io.stdout.write(format === 'json' ? `${JSON.stringify(document, null, 2)}\n` : `journal ${journal.path}\n${verificationLines(verification).join('\n')}\n`);
		return code;
	}

	const contexts = contextFilter(flags['context']);
	const selected = entries.filter(
		entry =>
			(first === undefined || entry.app === first) &&
			(contexts.length === 0 || (entry.context !== undefined && contexts.includes(entry.context))) &&
			(since.time === undefined || Date.parse(entry.time) >= since.time.getTime()),
	);
	if (format === 'json') {
		io.stdout.write(`${JSON.stringify({apiVersion: 'gitops-tui/v1', kind: 'Journal', path: journal.path, verification: document, entries: selected}, null, 2)}\n`);
	} else {
		io.stdout.write(formatJournalTable(selected, verification, {path: journal.path}));
	}
	if (!verification.ok) io.stderr.write(`gitops-tui journal: the chain is broken: ${verification.problem.message}\n`);
	return code;
}

function contextFilter(flag: unknown): string[] {
	if (Array.isArray(flag)) return flag.map(String);
	return typeof flag === 'string' ? [flag] : [];
}
