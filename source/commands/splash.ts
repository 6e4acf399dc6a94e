/**
 * The TUI's first frame, painted before Ink, React, client-node and the session have loaded (k9s paints its splash
 * the same way): those take a few hundred milliseconds to load and open, and until now the terminal showed
 * nothing meanwhile. The splash enters the terminal session (alternate screen, hidden cursor), paints the header
 * the TUI will show with what is known cheaply (splash-facts.ts) and what is being done, with plain writes, and
 * then hands the same session to the TUI (run-tui.tsx), whose first frame replaces it whole (frame-screen.ts
 * clears the screen for its first paint).
 *
 * While it owns the terminal, stderr (when it is that terminal) is held (held-output.ts) and written once the terminal is back, so a session
 * that fails to open (a bad kubeconfig, an unknown context) prints its error on the normal screen, readable, with
 * its exit code unchanged. Ctrl-C (or SIGTERM, SIGHUP) while loading restores the terminal, then ends the process
 * by that signal, unless someone else handles it (the demo stops its sandboxes first, then exits).
 *
 * This module is the splash path: it must not load Ink, React or client-node (test/e2e/lazy-loading.test.ts).
 */
import {readFile} from 'node:fs/promises';
import os from 'node:os';
import {frameRows, paintRows} from '../domain/screen-paint.js';
import {splashLines} from '../ui/splash-lines.js';
import {createTheme} from '../ui/theme.js';
import {holdOutput} from './held-output.js';
import {flagFacts, splashFacts, type SplashKnown} from './splash-facts.js';
import {beginTerminalSession, type SessionAbort, type TerminalSession} from './terminal-session.js';

/** What the TUI is loading: its session, or the demo's world first. */
export type SplashActivity = 'session' | 'demo';

export type SplashOptions = {
	flags: Record<string, unknown>;
	env: NodeJS.ProcessEnv;
	cwd: string;
	stdout: NodeJS.WriteStream;
	stdin: NodeJS.ReadStream;
	stderr: NodeJS.WritableStream;
	activity: SplashActivity;
	/** Process-level hooks (signals, exit), injected so tests need not touch the real process. */
	process: Pick<NodeJS.Process, 'on' | 'off' | 'exit' | 'kill' | 'listenerCount' | 'pid'>;
	/** How long the files are given before the splash is painted from the command line alone (default 100 ms). */
	factsWaitMs?: number;
	/** Reads a file (the user settings, the kubeconfig); the real one by default. */
	readFile?: (file: string) => Promise<string>;
};

export type Splash = {
	/** The terminal session, for the TUI to take over (`handOver`). */
	session: TerminalSession;
	/** stderr while the session owns the terminal: held, written when the terminal is back. */
	stderr: NodeJS.WritableStream;
	/** Restores the terminal unless the TUI already did, and writes what stderr held; acts once. */
	end(): void;
};

const activities: Record<SplashActivity, string> = {
	session: 'Loading contexts and repository…',
	demo: 'Starting the demo: three sandbox clusters, a Git server, the repository…',
};

export async function openSplash(options: SplashOptions): Promise<Splash> {
	const {stdout, process: proc} = options;
	const known = await knownSoon(options);
	// Drawn before the session begins: nothing between entering the screen and painting it can fail.
	const size = {columns: stdout.columns || 80, rows: stdout.rows || 24};
	const lines = splashLines({...known.facts, activity: activities[options.activity]}, {theme: createTheme(known.theme), columns: size.columns});
	// Held only when it would land on the screen the session owns: a file or a pipe takes it at once (a script
	// reading the demo's kubeconfig line while the TUI runs).
	const held = (options.stderr as NodeJS.WriteStream).isTTY ? holdOutput(options.stderr) : undefined;
	const session: TerminalSession = beginTerminalSession({
		stdout,
		stdin: options.stdin,
		process: proc,
		afterRestore: () => held?.release(),
		onAbort: reason => aborted(reason),
	});
	const aborted = (reason: SessionAbort) => {
		session.restore();
		if (reason.signal) {
			// Nobody else listens (the demo does, and exits once its sandboxes are stopped): end as the signal would have.
			if (proc.listenerCount(reason.signal) === 0) proc.kill(proc.pid, reason.signal);
			return;
		}
		// A crash while loading, reported as Node would have (it could not: the handler took the exception), but on
		// the normal screen.
		options.stderr.write(`${reason.error instanceof Error ? (reason.error.stack ?? reason.error.message) : String(reason.error)}\n`);
		proc.exit(1);
	};
	stdout.write(paintRows(undefined, frameRows(lines.join('\n'), size)));
	return {session, stderr: held?.stream ?? options.stderr, end: () => session.restore()};
}

/** The facts from the files when they come at once; from the command line alone when they take longer. */
async function knownSoon(options: SplashOptions): Promise<SplashKnown> {
	const fallback = flagFacts({flags: options.flags, env: options.env, demo: options.activity === 'demo'});
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<SplashKnown>(resolve => {
		timer = setTimeout(() => resolve(fallback), options.factsWaitMs ?? 100);
	});
	const read = splashFacts({
		flags: options.flags,
		env: options.env,
		cwd: options.cwd,
		home: options.env['HOME'] ?? os.homedir(),
		readFile: options.readFile ?? (file => readFile(file, 'utf8')),
		demo: options.activity === 'demo',
	}).catch(() => fallback);
	try {
		return await Promise.race([read, late]);
	} finally {
		clearTimeout(timer);
	}
}
