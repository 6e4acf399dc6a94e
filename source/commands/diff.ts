/**
 * `gitops-tui diff APP [--context C] [--revision REV] [--fast]`: what differs between an app's live objects and
 * what Git says, per resource: the drifted fields with the field manager that set each live, then a unified
 * diff of live against live-after-apply. Exact by default (a server-side apply dry-run of each object as the
 * app's controller, as `kubectl diff --server-side --force-conflicts` does); `--fast` compares locally.
 * Honours KUBECTL_EXTERNAL_DIFF. `-o json|yaml` prints the app as `status -o json` does, each resource with its
 * diff text. Exit 0 no differences, 1 differences, 2 when the app cannot be judged (Unknown, as `status`) or on
 * error. Secrets are always masked.
 */
import {dump} from 'js-yaml';
import {evaluate, type EvaluatedApp} from '../engines/evaluate.js';
import type {AppDefinition} from '../engines/engine.js';
import {withPlainPauseRead} from '../engines/plain-pause-flag.js';
import {formatResourceDiff} from '../engines/resource-diff-text.js';
import {resourceSidesOf} from '../engines/resource-sides.js';
import {isOutOfSync} from '../domain/verdict.js';
import {terminalSafeJson, terminalText} from '../domain/terminal-text.js';
import {asciiTerminal, asciiText} from '../domain/ascii-text.js';
import type {Command, CommandInput} from './command.js';
import {evaluationInputs, openEvaluationSession} from './evaluation-session.js';
import {runExternalDiff, type ExternalDiffEntry} from './output/external-diff.js';
import {diffDocument} from './output/status-diff-document.js';
import {pauseLine} from './output/status-table.js';

const formats = ['text', 'json', 'yaml'] as const;

export const diffCommand: Command = {
	name: 'diff',
	summary: 'Show how one app\'s live objects differ from Git (exact by default; --fast)',
	run: runDiff,
};

async function runDiff(input: CommandInput): Promise<number> {
	const {flags, io} = input;
	const [argument, ...extra] = input.args;
	// `flux/web` picks the engine when two engines deploy an app of the same name to one context.
	const [engine, name] = argument?.includes('/') ? (argument.split('/', 2) as [string, string]) : [undefined, argument];
	if (!name || extra.length > 0) {
		io.stderr.write('gitops-tui diff: usage: gitops-tui diff APP [--context C] [--revision REV] [--fast] [-o text|json|yaml]\n');
		return 2;
	}

	const format = String(flags['output'] ?? 'text');
	if (!(formats as readonly string[]).includes(format)) {
		io.stderr.write(`gitops-tui diff: -o ${terminalText(format)} is not supported (${formats.join(', ')})\n`);
		return 2;
	}

	// A dry-run is a PATCH, which read-only mode never sends (the transport refuses it): compare locally instead.
	const readOnly = flags['readOnly'] === true;
	const mode = flags['fast'] === true || readOnly ? 'fast' : 'exact';
	if (readOnly && flags['fast'] !== true) {
		io.stderr.write('gitops-tui diff: --read-only sends no server-side dry-run; showing the fast comparison (fields Git sets vs live)\n');
	}
	const opened = await openEvaluationSession(input, 'diff');
	if (!opened.ok) return opened.code;
	const {session} = opened;
	// Text for an ASCII-only terminal as the TUI draws for one (json and yaml stay exact).
	const ascii = asciiTerminal({env: io.env, asked: flags['ascii'] === true || session.userSettings.theme === 'ascii'});
	const err = (text: string) => io.stderr.write(ascii ? asciiText(text) : text);
	try {
		const selectedContexts = contextFlag(flags['context']);
		const evaluation = await evaluate({
			...evaluationInputs(session),
			mode,
			// Only the app's own objects are read (by label selector and by name), not every object of their kinds,
			// and only the app objects of that name (a field selector; names are DNS labels, anything else reads all).
			liveScope: 'apps',
			...(/^[a-z0-9.-]+$/.test(name) ? {appName: name} : {}),
			select: app =>
				app.name === name &&
				(engine === undefined || app.engine === engine) &&
				(selectedContexts.length === 0 || selectedContexts.includes(app.context ?? app.controllerContext)),
		});
		if (evaluation.apps.length !== 1) {
			// No such app: every app is discovered after all, to name the ones there are.
			const discovered = evaluation.apps.length === 0 ? (await evaluate({...evaluationInputs(session), mode: 'fast', select: () => false})).discovered : evaluation.discovered;
			err(`gitops-tui diff: ${terminalText(notFound(name, evaluation.apps.map(app => app.definition), discovered))}\n`);
			return 2;
		}

		// A plain app's pause flag, which the lone app's evaluation lists no ConfigMaps for: read by name, as status shows it.
		const [evaluated] = evaluation.apps as [EvaluatedApp];
		const app = await withPlainPauseRead(evaluated, session.contexts.find(({info}) => info.name === evaluated.status.context)?.client);
		if (!evaluation.settings.ok) err(`gitops-tui diff: ${terminalText(evaluation.settings.error.message)}\n`);
		const contextReadOnly = mode === 'exact' ? session.readOnlyReason(app.status.context) : undefined;
		if (contextReadOnly) err(`gitops-tui diff: ${app.status.context} is read-only (${terminalText(contextReadOnly)}): no server-side dry-run; showing the fast comparison\n`);
		const fast = mode === 'fast' || contextReadOnly !== undefined;
		if (format !== 'text') {
			const document = diffDocument(app, fast ? 'fast' : 'exact');
			io.stdout.write(format === 'json' ? `${terminalSafeJson(document, 2)}\n` : dump(document, {noRefs: true, lineWidth: -1}));
			return diffExitCode(app);
		}

		return await printDiff(app, input, {fast, ascii});
	} finally {
		session.close();
	}
}

async function printDiff(app: EvaluatedApp, {io}: CommandInput, {fast, ascii}: {fast: boolean; ascii: boolean}): Promise<number> {
	const {status} = app;
	// Our own text, in ASCII on an ASCII-only terminal (an external diff program's output is its own).
	const out = (text: string) => io.stdout.write(ascii ? asciiText(text) : text);
	const err = (text: string) => io.stderr.write(ascii ? asciiText(text) : text);
	if (status.error) err(`${terminalText(`gitops-tui diff: ${status.name} (${status.engine}, context ${status.context}): ${status.error}`)}\n`);
	if (status.sync === 'Unknown' && status.resources.every(resource => resource.verdict === 'Unknown')) return 2;
	const shown = status.resources.filter(resource => resource.verdict !== 'Synced' || resource.fields.length > 0);
	const sidesOf = resourceSidesOf(app.prepared, app.dryRuns);
	const external = io.env['KUBECTL_EXTERNAL_DIFF'];
	if (external) {
		const entries: ExternalDiffEntry[] = status.resources
			.filter(resource => resource.verdict !== 'Unknown')
			.map(resource => {
				const sides = sidesOf(resource.key);
				return {key: resource.key, ...(sides.live ? {live: sides.live} : {}), ...(sides.merged && resource.verdict !== 'Extra' ? {merged: sides.merged} : {})};
			});
		const ran = await runExternalDiff({command: external, entries, stdout: io.stdout, stderr: io.stderr, env: io.env});
		if (!ran.ok) {
			err(`gitops-tui diff: ${terminalText(ran.message)}\n`);
			return 2;
		}

		if (ran.exitCode > 1) return 2;
		return diffExitCode(app);
	}

	const revision = status.revision.head ? ` at ${status.revision.head.slice(0, 7)}` : '';
	out(`${terminalText(`# ${status.name} (${status.engine}, context ${status.context})${revision}: ${fast ? 'fast' : 'exact'} comparison`)}\n`);
	const pause = pauseLine(status.autoSync) ?? status.autoSync.unreadable;
	if (pause) out(`${terminalText(`# ${pause}`)}\n`);
	// Headers and diff lines carry names and values from Git and the cluster: shown, never interpreted.
	for (const resource of shown) out(terminalText(formatResourceDiff(resource, sidesOf(resource.key), {showIgnored: false}), {multiline: true}));
	if (shown.length === 0) out('# no differences\n');
	return diffExitCode(app);
}

/**
 * Like `status`: 2 when the app cannot be judged (its sync is Unknown) or one of its resources could not be (a kind
 * the cluster does not serve, an unreadable object: an error, as in kubectl diff, never "no differences"), else 1
 * when anything differs, else 0.
 */
function diffExitCode({status}: EvaluatedApp): number {
	if (status.sync === 'Unknown' || status.resources.some(resource => resource.verdict === 'Unknown')) return 2;
	return status.resources.some(resource => !resource.ignore && isOutOfSync(resource.verdict)) ? 1 : 0;
}

function notFound(name: string, matched: readonly AppDefinition[], discovered: readonly AppDefinition[]): string {
	if (matched.length > 1) {
		const candidates = matched.map(app => `${app.engine} app in context ${app.context ?? app.controllerContext} (${app.objectKind} ${app.namespace}/${app.name})`);
		return `${name} is ambiguous: ${candidates.join('; ')}. Pick one with --context, or ENGINE/${name}.`;
	}

	const names = [...new Set(discovered.map(app => app.name))];
	return names.length > 0 ? `no app named ${name}; apps: ${names.join(', ')}` : `no app named ${name}: no apps found on the selected contexts`;
}

function contextFlag(value: unknown): string[] {
	return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
}
