/**
 * `gitops-tui status [-o table|json|yaml] [--exact]`: every app on every selected context — our verdict, the
 * controller's, health, deployed revision against the repository, auto-sync — with drifted resources, their
 * field paths and who changed them. Fast comparison by default (`--exact` dry-runs every object on the server).
 * Exit 0 all synced and healthy, 1 drift or unhealthy, 2 when something could not be judged or on bad input.
 */
import {dump} from 'js-yaml';
import {terminalSafeJson, terminalText} from '../domain/terminal-text.js';
import {evaluate, type Evaluation} from '../engines/evaluate.js';
import type {Command, CommandInput} from './command.js';
import {keepLastKnownGood} from './action-last-known-good.js';
import {evaluationInputs, openEvaluationSession} from './evaluation-session.js';
import {statusDocument, statusExitCode, type StatusDocument} from './output/status-document.js';
import {formatStatusTable} from './output/status-table.js';
import {asciiTerminal, asciiText} from '../domain/ascii-text.js';

const formats = ['table', 'json', 'yaml'] as const;

export const statusCommand: Command = {
	name: 'status',
	summary: 'Every app: sync (ours and its controller\'s), health, revision, auto-sync, drifted fields',
	run: runStatus,
};

/** Runs `status`; also what the CLI prints with no subcommand and no TTY. */
export async function runStatus(input: CommandInput): Promise<number> {
	const {flags, io} = input;
	const format = String(flags['output'] ?? 'table');
	if (!(formats as readonly string[]).includes(format)) {
		io.stderr.write(`gitops-tui status: -o ${format} is not supported (${formats.join(', ')})\n`);
		return 2;
	}

	if (input.args.length > 0) {
		io.stderr.write(`gitops-tui status: unexpected argument ${terminalText(input.args[0] ?? '')} (use gitops-tui diff APP for one app)\n`);
		return 2;
	}

	const opened = await openEvaluationSession(input, 'status');
	if (!opened.ok) return opened.code;
	const {session} = opened;
	// Text for an ASCII-only terminal as the TUI draws for one (json and yaml stay exact).
	const ascii = asciiTerminal({env: io.env, asked: flags['ascii'] === true || session.userSettings.theme === 'ascii'});
	try {
		const evaluation = await evaluate({
			...evaluationInputs(session),
			mode: flags['exact'] === true ? 'exact' : 'fast',
		});
		const lastKnownGood = await keepLastKnownGood(evaluation, io, session.now);
		if (lastKnownGood.problem) io.stderr.write(`gitops-tui status: ${lastKnownGood.problem}\n`);
		const document = statusDocument(evaluation, session.repo, session.repoError);
		const problems = settingsProblems(evaluation);
		for (const problem of problems) io.stderr.write(`gitops-tui status: ${ascii ? asciiText(terminalText(problem)) : terminalText(problem)}\n`);
		io.stdout.write(render(document, evaluation, format, session.now(), ascii));
		return statusExitCode(document, {settingsError: !evaluation.settings.ok, repoError: session.repoError !== undefined});
	} finally {
		session.close();
	}
}

function render(document: StatusDocument, evaluation: Evaluation, format: string, now: Date, ascii: boolean): string {
	if (format === 'json') return `${terminalSafeJson(document, 2)}\n`;
	if (format === 'yaml') return dump(document, {noRefs: true, lineWidth: -1});
	return formatStatusTable(document, {
		now,
		notes: evaluation.apps.map(app => app.notes),
		problems: evaluation.settings.ok ? evaluation.settings.settings.warnings : [evaluation.settings.error.message],
		ascii,
	});
}

function settingsProblems(evaluation: Evaluation): string[] {
	return evaluation.settings.ok ? [] : [evaluation.settings.error.message];
}
