/**
 * The action runner over an opened session: its contexts and clients, the local clone (rollback needs no
 * network), the render tools, the user's journal and last-known-good store, and the read-only and protected
 * contexts the flags and settings decide. The action commands and the TUI (through the FleetSource) use the same.
 */
import os from 'node:os';
import {createActionRunner, type ActionDeps, type ActionRunner} from '../actions/index.js';
import {lastKnownGoodDir, openLastKnownGood} from '../journal/last-known-good.js';
import type {CommandIo} from './command.js';
import type {EvaluationSession} from './evaluation-session.js';
import {openUserJournal} from './journal-location.js';

/** What the actions need from a session. */
export function sessionActionDeps(session: EvaluationSession, io: CommandIo): ActionDeps {
	const home = io.env['HOME'] ?? os.homedir();
	return {
		contexts: session.contexts,
		...(session.currentContext ? {currentContext: session.currentContext} : {}),
		kubeconfigContexts: session.kubeconfigContexts,
		...(session.repo ? {repo: session.repo} : {}),
		...(session.repoError ? {repoError: session.repoError} : {}),
		tools: session.tools,
		journal: openUserJournal(io),
		now: session.now,
		settings: {
			readOnly: session.readOnly,
			readOnlyContexts: session.userSettings.readOnlyContexts,
			readOnlyReason: context => session.readOnlyReason(context),
			protectedContexts: session.userSettings.protectedContexts,
		},
		lastKnownGood: openLastKnownGood({dir: lastKnownGoodDir(io.env, home), now: session.now}),
	};
}

/** The runner over the session's deps. */
export function sessionActionRunner(session: EvaluationSession, io: CommandIo): ActionRunner {
	return createActionRunner(sessionActionDeps(session, io));
}
