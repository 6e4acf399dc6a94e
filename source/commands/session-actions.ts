/**
 * The action runner over an opened session: its contexts and clients, the local clone (rollback needs no
 * network), the render tools, the user's journal and last-known-good store, and the read-only and protected
 * contexts the flags and settings decide. The TUI hands it to its screens through the FleetSource.
 */
import os from 'node:os';
import {createActionRunner, type ActionRunner} from '../actions/index.js';
import {lastKnownGoodDir, openLastKnownGood} from '../journal/last-known-good.js';
import type {CommandIo} from './command.js';
import type {EvaluationSession} from './evaluation-session.js';
import {openUserJournal} from './journal-location.js';

export function sessionActionRunner(session: EvaluationSession, io: CommandIo): ActionRunner {
	const home = io.env['HOME'] ?? os.homedir();
	return createActionRunner({
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
			protectedContexts: session.userSettings.protectedContexts,
		},
		lastKnownGood: openLastKnownGood({dir: lastKnownGoodDir(io.env, home), now: session.now}),
	});
}
