/** Runs the full-screen TUI on a FleetSource until the operator quits; the terminal is always restored. */
import {render, type Instance} from 'ink';
import type {FleetSource} from '../state/fleet-source.js';
import {App} from '../ui/app.js';
import {ThemeProvider} from '../ui/theme-context.js';
import {createTheme, themeOptionsFor} from '../ui/theme.js';
import {createFrameScreen, type FrameScreenTimers} from './frame-screen.js';
import type {Logger} from './log-file.js';
import {beginTerminalSession, type SessionAbort, type TerminalSession} from './terminal-session.js';

export type RunTuiOptions = {
	source: FleetSource;
	readOnly: boolean;
	/** Contexts the user settings make read-only: the screen offers no action on their apps. */
	readOnlyContexts?: string[];
	ascii: boolean;
	env: NodeJS.ProcessEnv;
	log: Logger;
	stdout?: NodeJS.WriteStream;
	stdin?: NodeJS.ReadStream;
	stderr?: NodeJS.WriteStream;
	/** The terminal session the splash opened (commands/splash.ts): taken over, not opened again. */
	terminal?: TerminalSession;
	/** The frame screen's clock and timers (tests hold them still). */
	frameTimers?: FrameScreenTimers;
};

/** Resolves with the exit code once the TUI has quit and the terminal is back. */
export async function runTui(options: RunTuiOptions): Promise<number> {
	// A signal ended the splash while the session loaded (the demo stops its sandboxes before it exits): draw nothing.
	if (options.terminal?.restored) return 130;
	const stdout = options.stdout ?? process.stdout;
	const stdin = options.stdin ?? process.stdin;
	const stderr = options.stderr ?? process.stderr;
	const theme = createTheme(themeOptionsFor({env: options.env, asciiFlag: options.ascii}));
	let aborted: SessionAbort | undefined;
	let finish: () => void = () => undefined;
	// Set once Ink renders; a signal that arrives before that has nothing to unmount.
	let instance: Instance | undefined;
	const ended = new Promise<void>(resolve => {
		finish = resolve;
	});
	const restoreConsole = consoleToLog(options.log);
	// Ink renders frames; the frame screen paints only what changed, at most 10 times a second unless a key asks
	// (frame-screen.ts): each time input arrives it is told, so the key's frame is painted at once.
	const screen = createFrameScreen({stdout, ascii: theme.ascii, ...(options.frameTimers ? {timers: options.frameTimers} : {})});
	const onInput = () => screen.input();
	const onAbort = (reason: SessionAbort) => {
		aborted = reason;
		if (reason.error) options.log.error('the TUI crashed', reason.error);
		else options.log.info(`ended by ${reason.signal}`);
		screen.close();
		instance?.unmount();
		finish();
	};
	const session = options.terminal ?? beginTerminalSession({stdout, stdin, process, onAbort});
	session.handOver(onAbort);
	instance = render(
		<ThemeProvider value={theme}>
			<App source={options.source} readOnly={options.readOnly} readOnlyContexts={options.readOnlyContexts ?? []} columns={stdout.columns} rows={stdout.rows} />
		</ThemeProvider>,
		// Our own key table handles ctrl-c (as quit). Console output goes to the log file (consoleToLog), never
		// onto the screen, so Ink need not patch the console. Ink renders into the frame screen, which paints what
		// changed and paces the background paints itself. Ink's own pacing (a render at most every 1000/maxFps ms)
		// holds a key's render back when a background one (a snapshot, the clock) went out just before it: 5 ms at
		// most here, not 17 at 60 a second. Renders are few anyway (snapshots at most 4 a second, keys as typed) and
		// cheap since Ink keeps its text work across frames (scripts/ink-frame-caches.mjs: ~2–5 ms at 80×24).
		{stdout: screen.inkStdout, stdin, stderr, exitOnCtrlC: false, patchConsole: false, maxFps: 200},
	);
	// Ink's own listener reads the keys; this one only notes that input came (it reads nothing).
	stdin.on('readable', onInput);
	instance.waitUntilExit().then(finish, (error: unknown) => {
		aborted = {error};
		options.log.error('the TUI failed', error);
		finish();
	});
	await ended;
	stdin.off('readable', onInput);
	screen.close();
	session.restore();
	restoreConsole();
	if (aborted?.error) {
		stderr.write(`gitops-tui: crashed: ${aborted.error instanceof Error ? aborted.error.message : String(aborted.error)} (details in ${options.log.file})\n`);
		return 2;
	}
	if (aborted?.signal) return aborted.signal === 'SIGINT' ? 130 : 143;
	return 0;
}

/** Sends console output (ours or a library's) to the log file while the TUI owns the screen; returns the undo. */
export function consoleToLog(log: Logger): () => void {
	const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
	const saved = methods.map(method => [method, console[method]] as const);
	for (const method of methods) {
		console[method] = (...args: unknown[]) => {
			const text = args.map(describeArgument).join(' ');
			if (method === 'error' || method === 'warn') log.error(`console.${method}: ${text}`);
			else log.info(`console.${method}: ${text}`);
		};
	}
	return () => {
		for (const [method, original] of saved) console[method] = original;
	};
}

function describeArgument(arg: unknown): string {
	if (typeof arg === 'string') return arg;
	if (arg instanceof Error) return arg.stack ?? arg.message;
	try {
		return JSON.stringify(arg) ?? String(arg);
	} catch {
		return String(arg);
	}
}
