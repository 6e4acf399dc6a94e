/**
 * What `reconcile`, `suspend`, `resume` and `rollback` share: the evaluation session (contexts, the local clone —
 * fetched only for reconcile, never for rollback — and the user settings), the journal and the last-known-good
 * store in the state directory, the action runner over them, and the app named on the command line.
 */
import {createActionRunner, resolveTarget, type ActionDeps, type ActionRunner} from '../actions/index.js';
import type {ActionTarget} from '../domain/action.js';
import type {Engine} from '../domain/app.js';
import type {CommandInput} from './command.js';
import {openEvaluationSession, type EvaluationSession} from './evaluation-session.js';
import {recordSessionModes} from './journal-location.js';
import {sessionActionDeps} from './session-actions.js';

/** An open action session. */
export type ActionSession = {session: EvaluationSession; deps: ActionDeps; runner: ActionRunner; close(): void};

/** Opens the session; on a fatal problem, writes it and returns the exit code. */
export async function openActionSession(input: CommandInput, command: string, options: {fetch: boolean}): Promise<{ok: true; value: ActionSession} | {ok: false; code: number}> {
	const opened = await openEvaluationSession(input, command, {fetchOnOpen: options.fetch});
	if (!opened.ok) return opened;
	const {session} = opened;
	// Read-only on/off per context is journaled by every run that can act (the TUI does the same).
	await recordSessionModes(session, input.io, command).catch((error: unknown) => {
		input.io.stderr.write(`gitops-tui ${command}: cannot journal the read-only mode: ${error instanceof Error ? error.message : String(error)}\n`);
	});
	const deps = sessionActionDeps(session, input.io);
	return {ok: true, value: {session, deps, runner: createActionRunner(deps), close: () => session.close()}};
}

/** `APP` or `ENGINE/APP` with `--context`, to the one app meant; an error message otherwise. */
export async function targetOf(action: ActionSession, argument: string, flags: Record<string, unknown>): Promise<{ok: true; target: ActionTarget} | {ok: false; message: string}> {
	const [engine, name] = argument.includes('/') ? (argument.split('/', 2) as [string, string]) : [undefined, argument];
	if (engine !== undefined && !['flux', 'argo', 'plain'].includes(engine)) return {ok: false, message: `unknown engine ${engine} in ${argument} (flux, argo, plain)`};
	const context = flags['context'];
	const contexts = Array.isArray(context) ? context.map(String) : typeof context === 'string' ? [context] : [];
	return resolveTarget(action.deps, {name, ...(engine ? {engine: engine as Engine} : {}), contexts});
}
