/**
 * The TUI's action runner, loaded on demand: the mutating code (actions/, the journal writer it drives) is not
 * even loaded in a run where every context is read-only — there is then no runner at all and the screens refuse
 * actions saying why — and in a writable run it loads on the first action, so start-up never pays for it.
 */
import type {ActionRunner} from '../state/action-runner.js';
import type {CommandIo} from './command.js';
import type {EvaluationSession} from './evaluation-session.js';

/** Whether any context of the session may be written to (not --read-only, not in readOnlyContexts). */
export function hasWritableContext(session: Pick<EvaluationSession, 'readOnly' | 'contexts' | 'readOnlyReason'>): boolean {
	return !session.readOnly && session.contexts.some(({info}) => session.readOnlyReason(info.name) === undefined);
}

/** A runner that imports the real one on its first run; undefined when the session has no writable context. */
export function lazySessionActionRunner(session: EvaluationSession, io: CommandIo): ActionRunner | undefined {
	if (!hasWritableContext(session)) return undefined;
	let loaded: Promise<ActionRunner> | undefined;
	return {
		async run(request, options) {
			loaded ??= import('./session-actions.js').then(module => module.sessionActionRunner(session, io));
			return (await loaded).run(request, options);
		},
	};
}
