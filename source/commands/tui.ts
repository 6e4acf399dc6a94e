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

export type LiveTuiOptions = {
	input: CommandInput;
	/** The demo's outage switch. */
	simulateOutage?: (on: boolean) => Promise<void>;
};

/** Opens the session, runs the TUI until it quits, and closes everything it opened. */
export async function runLiveTui({input, simulateOutage}: LiveTuiOptions): Promise<number> {
	const {io, flags} = input;
	const log = fileLogger(path.join(stateDirectory(io.env, io.env['HOME'] ?? os.homedir()), 'gitops-tui.log'));
	const started = performance.now();
	log.info(`starting the TUI in ${io.cwd}`);
	// A first clone of a --repo URL may take long: the TUI draws without it and takes it on when it arrives.
	const opened = await openEvaluationSession(input, 'tui', {fetchOnOpen: false, repoWaitMs: 500});
	if (!opened.ok) return opened.code;
	const {session} = opened;
	log.info(`session opened in ${Math.round(performance.now() - started)} ms (${session.contexts.length} contexts, repo ${session.repo ? session.repo.location.source : 'none'})`);
	const readOnly = flags['readOnly'] === true;
	// The TUI follows HEAD (history diffs any revision); --revision is for the one-shot commands.
	const {revision: _headOnly, ...inputs} = evaluationInputs(session);
	const start = (fleetInputs: typeof inputs) =>
		startLiveFleet({
			inputs: fleetInputs,
			readOnly,
			runtime: nodeRuntime(io.env),
			timers: {setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: handle => clearTimeout(handle as NodeJS.Timeout)},
			now: session.now,
			log: (message, error) => (error ? log.error(message, error) : log.info(message)),
			...(simulateOutage ? {simulateOutage} : {}),
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
		return await runTui({source: fleet.source, readOnly, ascii: flags['ascii'] === true, env: io.env, log});
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
