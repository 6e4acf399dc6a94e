/**
 * The flow every action command shares: check -o, open the session, find the app, run the request with the
 * confirmation the flags allow, print the plan and results as they come (table, on stdout) or one document at
 * the end (json), and answer with the exit code (0 done, 1 not Synced/Healthy in time, 2 refused or failed).
 */
import type {ActionPlan, ActionRequest, ActionTarget, PermissionCheck} from '../domain/action.js';
import type {CommandInput} from './command.js';
import {commandConfirmation} from './action-confirm.js';
import {actionDocument, actionEventText, actionExitCode} from './action-output.js';
import {openActionSession, targetOf, type ActionSession} from './action-session.js';
import {terminalText} from '../domain/terminal-text.js';

/** What a command hands over: its name, whether the clone may be fetched, and how to build the request. */
export type ActionCommandSpec = {
	command: string;
	usage: string;
	fetch: boolean;
	/** The request for the resolved target, or a flag error. */
	request(target: ActionTarget, session: ActionSession): {ok: true; request: ActionRequest} | {ok: false; message: string};
};

/** Runs one action command for `APP`. */
export async function runActionCommand(input: CommandInput, spec: ActionCommandSpec): Promise<number> {
	const {flags, io} = input;
	const fail = (message: string) => {
		io.stderr.write(`gitops-tui ${spec.command}: ${terminalText(message)}\n`);
		return 2;
	};
	const format = String(flags['output'] ?? 'table');
	if (format !== 'table' && format !== 'json') return fail(`-o ${format} is not supported (table, json)`);
	const [argument, ...extra] = input.args;
	if (!argument || extra.length > 0) return fail(`usage: ${spec.usage}`);
	const opened = await openActionSession(input, spec.command, {fetch: spec.fetch});
	if (!opened.ok) return opened.code;
	const action = opened.value;
	try {
		const target = await targetOf(action, argument, flags);
		if (!target.ok) return fail(target.message);
		const request = spec.request(target.target, action);
		if (!request.ok) return fail(request.message);
		return await runRequest(input, action, request.request, format);
	} finally {
		action.close();
	}
}

/** Runs one request and prints it; used for each app of `resume --expired` too. */
export async function runRequest(input: CommandInput, action: ActionSession, request: ActionRequest, format: string): Promise<number> {
	const {flags, io} = input;
	let plan: ActionPlan | undefined;
	let check: PermissionCheck | undefined;
	// Ctrl-C stops waiting (or stops before any write) and the action is still journaled, as cancelled.
	const interrupt = new AbortController();
	const onSignal = () => interrupt.abort();
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	const result = await action.runner.run(request, {
		signal: interrupt.signal,
		confirm: commandConfirmation(flags, io, request.kind),
		dryRun: flags['dryRun'] === true,
		force: flags['force'] === true,
		onEvent: event => {
			if (event.stage === 'planned') plan = event.plan;
			if (event.stage === 'checked') check = event.check;
			if (format === 'table') io.stdout.write(visibleLines(actionEventText(event)));
		},
	}).finally(() => {
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
	});
	if (format === 'json') io.stdout.write(`${JSON.stringify(actionDocument(result, plan, check), null, 2)}\n`);
	return actionExitCode(result);
}

function visibleLines(text: string): string {
	return text
		.split('\n')
		.map(line => terminalText(line))
		.join('\n');
}
