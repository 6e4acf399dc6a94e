/**
 * Owns the terminal for a full-screen session: the alternate screen and a hidden cursor while it
 * runs, and the terminal put back exactly once on quit, SIGINT, SIGTERM, SIGHUP or a crash.
 */
const enterAlternateScreen = '\u001B[?1049h\u001B[H';
const leaveAlternateScreen = '\u001B[?1049l';
const hideCursor = '\u001B[?25l';
const showCursor = '\u001B[?25h';

export type TerminalSession = {
	/** Restores the terminal; safe to call many times, acts once. */
	restore(): void;
};

export type SessionOptions = {
	stdout: NodeJS.WriteStream;
	stdin: NodeJS.ReadStream;
	/** Process-level hooks, injected so tests need not touch the real process. */
	process: Pick<NodeJS.Process, 'on' | 'off' | 'exit'>;
	/** Called when a signal or crash ends the session, after the terminal is restored. */
	onAbort: (reason: {signal?: NodeJS.Signals; error?: unknown}) => void;
};

export function beginTerminalSession(options: SessionOptions): TerminalSession {
	const {stdout, stdin} = options;
	let restored = false;
	const restore = () => {
		if (restored) return;
		restored = true;
		for (const [event, handler] of handlers) options.process.off(event, handler);
		try {
			if (stdin.isTTY) stdin.setRawMode(false);
		} catch {
			// stdin may already be closed.
		}
		// Cursor shown on both screens: terminals differ on whether leaving the alternate screen restores its mode.
		stdout.write(showCursor + leaveAlternateScreen + showCursor);
	};
	// The owner stops drawing first (onAbort unmounts Ink), so no frame lands on the restored screen.
	const signalled = (signal: NodeJS.Signals) => () => {
		options.onAbort({signal});
		restore();
	};
	const crashed = (error: unknown) => {
		try {
			options.onAbort({error});
		} finally {
			restore();
		}
	};
	const handlers: Array<[string, (...args: any[]) => void]> = [
		['SIGINT', signalled('SIGINT')],
		['SIGTERM', signalled('SIGTERM')],
		['SIGHUP', signalled('SIGHUP')],
		['uncaughtException', crashed],
		['unhandledRejection', crashed],
		// Last resort: whatever ends the process, the terminal comes back.
		['exit', restore],
	];
	for (const [event, handler] of handlers) options.process.on(event, handler);
	stdout.write(enterAlternateScreen + hideCursor);
	return {restore};
}
