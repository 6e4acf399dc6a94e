/** Runs the full-screen TUI on a FleetSource until the operator quits; the terminal is always restored. */
import {render, type Instance} from 'ink';
import type {FleetSource} from '../state/fleet-source.js';
import {App} from '../ui/app.js';
import {ThemeProvider} from '../ui/theme-context.js';
import {createTheme, themeOptionsFor} from '../ui/theme.js';
import {createFrameScreen} from './frame-screen.js';
import type {Logger} from './log-file.js';
import {beginTerminalSession} from './terminal-session.js';

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
};

/** Resolves with the exit code once the TUI has quit and the terminal is back. */
export async function runTui(options: RunTuiOptions): Promise<number> {
	const stdout = options.stdout ?? process.stdout;
	const stdin = options.stdin ?? process.stdin;
	const stderr = options.stderr ?? process.stderr;
	const theme = createTheme(themeOptionsFor({env: options.env, asciiFlag: options.ascii}));
	let aborted: {signal?: NodeJS.Signals; error?: unknown} | undefined;
	let finish: () => void = () => undefined;
	// Set once Ink renders; a signal that arrives before that has nothing to unmount.
	let instance: Instance | undefined;
	const ended = new Promise<void>(resolve => {
		finish = resolve;
	});
	const restoreConsole = consoleToLog(options.log);
	// Ink renders frames; the frame screen paints only what changed, at most 10 times a second (frame-screen.ts).
	const screen = createFrameScreen({stdout, ascii: theme.ascii});
	const session = beginTerminalSession({
		stdout,
		stdin,
		process,
		onAbort: reason => {
			aborted = reason;
			if (reason.error) options.log.error('the TUI crashed', reason.error);
			else options.log.info(`ended by ${reason.signal}`);
			screen.close();
			instance?.unmount();
			finish();
		},
	});
	instance = render(
		<ThemeProvider value={theme}>
			<App source={options.source} readOnly={options.readOnly} readOnlyContexts={options.readOnlyContexts ?? []} columns={stdout.columns} rows={stdout.rows} />
		</ThemeProvider>,
		// Our own key table handles ctrl-c (as quit). Console output goes to the log file (consoleToLog), never
		// onto the screen, so Ink need not patch the console. Ink renders at most 10 frames a second into the frame
		// screen, which paints what changed.
		{stdout: screen.inkStdout, stdin, stderr, exitOnCtrlC: false, patchConsole: false, maxFps: 10},
	);
	instance.waitUntilExit().then(finish, (error: unknown) => {
		aborted = {error};
		options.log.error('the TUI failed', error);
		finish();
	});
	await ended;
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
