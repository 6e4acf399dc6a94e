/**
 * `gitops-tui audit [--out DIR] [--since TIME] [--head HASH]`: an evidence bundle an auditor can hand over —
 * `evidence.json` and `evidence.md` in DIR (default `./gitops-tui-audit-<time>`). The run is read-only whatever
 * the flags or settings say: the transport refuses every write, so the only requests that leave are reads and
 * the self-reviews, and the bundle counts them per verb as the transport sent them.
 * Exit codes as `status`: 0 clean, 1 drift or unhealthy, 2 something could not be judged or the bundle not written.
 */
import {mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {createIdentityService} from '../cluster/identity.js';
import {evaluate} from '../engines/evaluate.js';
import type {Command, CommandInput} from './command.js';
import {evaluationInputs, openEvaluationSession, type EvaluationSession} from './evaluation-session.js';
import {openUserJournal, parseSince} from './journal-location.js';
import {auditEvidence, requestCounter, type AuditIdentity, type AuditJournal} from './output/audit-document.js';
import {auditMarkdown} from './output/audit-markdown.js';
import {statusDocument, statusExitCode, type StatusDocument} from './output/status-document.js';

export const auditCommand: Command = {
	name: 'audit',
	summary: 'Write an evidence bundle (evidence.json, evidence.md) from a read-only run: fleet, journal, requests sent',
	run: runAudit,
};

async function runAudit(input: CommandInput): Promise<number> {
	const {flags, io} = input;
	const fail = (message: string) => {
		io.stderr.write(`gitops-tui audit: ${message}\n`);
		return 2;
	};
	if (input.args.length > 0) return fail(`unexpected argument ${input.args[0]}`);
	const started = new Date();
	const since = parseSince(flags['since'], started);
	if (!since.ok) return fail(since.message);
	const head = flags['head'];
	if (head !== undefined && !/^[0-9a-f]{64}$/.test(String(head))) return fail(`--head ${JSON.stringify(String(head))}: expected a SHA-256 hash (64 hex digits)`);
	const out = path.resolve(io.cwd, typeof flags['out'] === 'string' && flags['out'] ? flags['out'] : `gitops-tui-audit-${started.toISOString().replaceAll(/[:.]/g, '-')}`);

	const counter = requestCounter();
	const opened = await openEvaluationSession({...input, flags: {...flags, readOnly: true}}, 'audit', {forceReadOnly: true, onRequestSent: request => counter.count(request)});
	if (!opened.ok) return opened.code;
	const {session} = opened;
	let status: {document: StatusDocument; settingsError: boolean};
	let identities: Record<string, AuditIdentity>;
	try {
		// A fast comparison: the exact one dry-runs on the server, which is a PATCH the transport refuses here.
		const [evaluation, who] = await Promise.all([evaluate({...evaluationInputs(session), mode: 'fast'}), identitiesOf(session)]);
		identities = who;
		status = {document: statusDocument(evaluation, session.repo, session.repoError), settingsError: !evaluation.settings.ok};
		if (!evaluation.settings.ok) io.stderr.write(`gitops-tui audit: ${evaluation.settings.error.message}\n`);
	} finally {
		session.close();
	}

	const journal = await journalPart(input, since.time, head === undefined ? undefined : String(head));
	const evidence = auditEvidence({
		version: io.version ?? 'unknown',
		time: session.now(),
		status: status.document,
		servers: Object.fromEntries(session.contexts.map(context => [context.info.name, context.info.server])),
		identities,
		journal,
		requests: counter.snapshot(),
	});
	try {
		await mkdir(out, {recursive: true, mode: 0o700});
		await writeFile(path.join(out, 'evidence.json'), `${JSON.stringify(evidence, null, 2)}\n`, {mode: 0o600});
		await writeFile(path.join(out, 'evidence.md'), auditMarkdown(evidence), {mode: 0o600});
	} catch (error) {
		return fail(`cannot write the bundle to ${out}: ${error instanceof Error ? error.message : String(error)}`);
	}

	const requests = Object.entries(evidence.requests.byVerb).map(([verb, n]) => `${verb} ${n}`).join(', ') || 'none';
	io.stdout.write(`evidence written to ${out} (evidence.json, evidence.md): ${evidence.apps.length} apps, ${requests} requests sent\n`);
	if (!('error' in journal) && !journal.verification.ok) io.stderr.write(`gitops-tui audit: the journal's chain is broken: ${journal.verification.problem.message}\n`);
	if ('error' in journal) io.stderr.write(`gitops-tui audit: the journal could not be read: ${journal.error}\n`);
	return statusExitCode(status.document, {settingsError: status.settingsError});
}

/** Who we are on each reachable context (SelfSubjectReview, else the kubeconfig's user). */
async function identitiesOf(session: EvaluationSession): Promise<Record<string, AuditIdentity>> {
	const entries = await Promise.all(
		session.contexts.map(async ({info, client}): Promise<[string, AuditIdentity] | undefined> => {
			if (!client) return undefined;
			const answer = await createIdentityService(client, {now: () => Date.now()}).whoami();
			return [info.name, answer.ok ? answer.value : {error: answer.error.message}];
		}),
	);
	return Object.fromEntries(entries.filter(entry => entry !== undefined));
}

async function journalPart(input: CommandInput, since: Date | undefined, expectedHead: string | undefined): Promise<AuditJournal> {
	const journal = openUserJournal(input.io);
	try {
		const verification = await journal.verify(expectedHead === undefined ? {} : {expectedHead});
		const all = await journal.read();
		const entries = since ? all.filter(entry => Date.parse(entry.time) >= since.getTime()) : all;
		return {path: journal.path, ...(since ? {since: since.toISOString()} : {}), verification, totalEntries: all.length, entries};
	} catch (error) {
		return {path: journal.path, error: error instanceof Error ? error.message : String(error)};
	}
}
