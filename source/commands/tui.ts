/**
 * `gitops-tui` in a terminal: the live TUI over the selected contexts and the config repo. The demo
 * runs the same thing against its own world.
 */
import os from 'node:os';
import path from 'node:path';
import {nodeRuntime} from '../cluster/runtime.js';
import {startLiveFleet} from '../live/live-fleet.js';
import {switchingFleet} from '../live/switching-fleet.js';
import type {Command, CommandInput} from './command.js';
import {evaluationInputs, openEvaluationSession} from './evaluation-session.js';
import {fileLogger, stateDirectory} from './log-file.js';
import {runTui} from './run-tui.js';
import {openUserJournal, recordSessionModes} from './journal-location.js';
import {lastKnownGoodDir, openLastKnownGood} from '../journal/last-known-good.js';
import {lazySessionActionRunner} from './lazy-action-runner.js';
import {themedEnv} from './themed-env.js';

export type LiveTuiOptions = {
	input: CommandInput;
	/** The demo's outage switch. */
	simulateOutage?: (on: boolean) => Promise<void>;
	/** Journal read-only mode changes of the contexts (default true; the demo's sandboxes are not the user's). */
	recordModeChanges?: boolean;
};

/** Opens the session, runs the TUI until it quits, and closes everything it opened. */
export async function runLiveTui({input, simulateOutage, recordModeChanges = true}: LiveTuiOptions): Promise<number> {
	const {io, flags} = input;
	const log = fileLogger(path.join(stateDirectory(io.env, io.env['HOME'] ?? os.homedir()), 'gitops-tui.log'));
	const started = performance.now();
	log.info(`starting the TUI in ${io.cwd}`);
	// A first clone of a --repo URL may take long: the TUI draws without it and takes it on when it arrives.
	const opened = await openEvaluationSession(input, 'tui', {fetchOnOpen: false, repoWaitMs: 500});
	if (!opened.ok) return opened.code;
	const {session} = opened;
	log.info(`session opened in ${Math.round(performance.now() - started)} ms (${session.contexts.length} contexts, repo ${session.repo ? session.repo.location.source : 'none'})`);
	const readOnly = session.readOnly;
	for (const {info} of session.contexts) {
		const reason = session.readOnlyReason(info.name);
		if (reason) log.info(`${info.name} is read-only: ${reason}`);
	}
	if (recordModeChanges) {
		// In the background: the first frame must not wait for the journal, and a journal problem is logged, not fatal.
		void recordSessionModes(session, io, 'tui').then(
			entries => entries.forEach(entry => log.info(`journal: ${entry.action} on ${entry.context ?? '?'}`)),
			error => log.error('journaling the read-only mode failed', error),
		);
	}
	// The TUI follows HEAD (history diffs any revision); --revision is for the one-shot commands.
	const {revision: _headOnly, ...inputs} = evaluationInputs(session);
	// Reconcile, pause, resume and rollback from the screen; read-only settings make it refuse before any request.
	// Loaded on the first action, and not at all when every context is read-only (see lazy-action-runner.ts). The
	// runner uses the repository this fleet has (a first clone may arrive later).
	const actionsFor = (fleetInputs: typeof inputs) => {
		const actions = lazySessionActionRunner({...session, ...(fleetInputs.repo ? {repo: fleetInputs.repo} : {})}, io);
		return actions ? {actions} : {};
	};
	// "What changed since it was last healthy" also reads when gitops-tui saw the app healthy (read only on demand).
	const healthyRecords = {journal: openUserJournal(io), lastKnownGood: openLastKnownGood({dir: lastKnownGoodDir(io.env, io.env['HOME'] ?? os.homedir()), now: session.now})};
	const start = (fleetInputs: typeof inputs) =>
		startLiveFleet({
			healthyRecords,
			keepLastKnownGood: healthyRecords.lastKnownGood,
			inputs: fleetInputs,
			readOnly,
			runtime: nodeRuntime(io.env),
			timers: {setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: handle => clearTimeout(handle as NodeJS.Timeout)},
			now: session.now,
			log: (message, error) => (error ? log.error(message, error) : log.info(message)),
			...(simulateOutage ? {simulateOutage} : {}),
			...actionsFor(fleetInputs),
		});
	const {repoError: _cloning, ...withoutRepo} = inputs;
	const fleet = session.repoPending
		? switchingFleet(
				start(inputs),
				session.repoPending.then(opening => {
					log.info('repo' in opening ? `repository ready after ${Math.round(performance.now() - started)} ms` : opening.repoError);
					return start('repo' in opening ? {...withoutRepo, repo: opening.repo} : {...withoutRepo, repoError: opening.repoError});
				}),
			)
		: start(inputs);
	try {
		// Where the clusters come from (the demo's own file), for :kubeconfig.
		const kubeconfig = typeof flags['kubeconfig'] === 'string' ? path.resolve(io.cwd, flags['kubeconfig']) : io.env['KUBECONFIG'] || path.join(io.env['HOME'] ?? os.homedir(), '.kube', 'config');
		return await runTui({source: {...fleet.source, kubeconfig}, ...(input.splash ? {terminal: input.splash.session} : {}), readOnly, readOnlyContexts: session.userSettings.readOnlyContexts, ascii: flags['ascii'] === true || session.userSettings.theme === 'ascii', env: themedEnv(io.env, session.userSettings.theme), log});
	} finally {
		fleet.stop();
		session.close();
		log.info('the TUI ended');
	}
}

export const tuiCommand: Command = {
	name: 'tui',
	summary: 'Open the full-screen TUI (the default when run in a terminal)',
	run: input => runLiveTui({input}),
};
