/**
 * `gitops-tui` in a terminal: the live TUI over the selected contexts and the config repo. The demo
 * runs the same thing against its own world.
 */
import os from 'node:os';
import path from 'node:path';
import {nodeRuntime} from '../cluster/runtime.js';
import {startLiveFleet} from '../live/live-fleet.js';
import type {Command, CommandInput} from './command.js';
import {evaluationInputs, openEvaluationSession} from './evaluation-session.js';
import {fileLogger, stateDirectory} from './log-file.js';
import {runTui} from './run-tui.js';
import {recordSessionModes} from './journal-location.js';

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
	const opened = await openEvaluationSession(input, 'tui', {fetchOnOpen: false});
	if (!opened.ok) return opened.code;
	const {session} = opened;
	log.info(`session opened in ${Math.round(performance.now() - started)} ms (${session.contexts.length} contexts, repo ${session.repo ? session.repo.location.source : 'none'})`);
	const readOnly = session.readOnly;
	if (recordModeChanges) {
		// In the background: the first frame must not wait for the journal, and a journal problem is logged, not fatal.
		void recordSessionModes(session, io, 'tui').then(
			entries => entries.forEach(entry => log.info(`journal: ${entry.action} on ${entry.context ?? '?'}`)),
			error => log.error('journaling the read-only mode failed', error),
		);
	}
	// The TUI follows HEAD (history diffs any revision); --revision is for the one-shot commands.
	const {revision: _headOnly, ...inputs} = evaluationInputs(session);
	const fleet = startLiveFleet({
		inputs,
		readOnly,
		runtime: nodeRuntime(io.env),
		timers: {setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: handle => clearTimeout(handle as NodeJS.Timeout)},
		now: session.now,
		log: (message, error) => (error ? log.error(message, error) : log.info(message)),
		...(simulateOutage ? {simulateOutage} : {}),
	});
	try {
		const theme = session.userSettings.theme;
		const env = theme === 'no-colour' ? {...io.env, NO_COLOR: '1'} : io.env;
		return await runTui({source: fleet.source, readOnly, ascii: flags['ascii'] === true || theme === 'ascii', env, log});
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
