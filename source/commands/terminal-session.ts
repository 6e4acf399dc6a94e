/**
 * Owns the terminal for a full-screen session: the alternate screen and a hidden cursor while it
 * runs, and the terminal put back exactly once on quit, SIGINT, SIGTERM, SIGHUP or a crash.
 *
 * A session may change owner once it is open: the splash (splash.ts) opens it and paints the first frame before
 * Ink has loaded, then hands it to the TUI (`handOver`), so the screen is entered once and left once.
 */
const enterAlternateScreen = '\u001B[?1049h\u001B[H';
const leaveAlternateScreen = '\u001B[?1049l';
const hideCursor = '\u001B[?25l';
const showCursor = '\u001B[?25h';

/** Why a session ended early: a signal or a crash. */
export type SessionAbort = {signal?: NodeJS.Signals; error?: unknown};

export type TerminalSession = {
	/** Restores the terminal; safe to call many times, acts once. */
	restore(): void;
	/** Whether the terminal is back already (restored by its owner, a signal or a crash). */
	readonly restored: boolean;
	/** A new owner takes the session: signals and crashes now call its `onAbort` instead. */
	handOver(onAbort: SessionOptions['onAbort']): void;
};

export type SessionOptions = {
	stdout: NodeJS.WriteStream;
	stdin: NodeJS.ReadStream;
	/** Process-level hooks, injected so tests need not touch the real process. */
	process: Pick<NodeJS.Process, 'on' | 'off' | 'exit'>;
	/** Called when a signal or crash ends the session, after the terminal is restored. */
	onAbort: (reason: SessionAbort) => void;
	/** Called once the terminal is back on its normal screen (the splash writes what it held from stderr). */
	afterRestore?: () => void;
};

export function beginTerminalSession(options: SessionOptions): TerminalSession {
	const {stdout, stdin} = options;
	let restored = false;
	let onAbort = options.onAbort;
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
		options.afterRestore?.();
	};
	// The owner stops drawing first (onAbort unmounts Ink), so no frame lands on the restored screen.
	const signalled = (signal: NodeJS.Signals) => () => {
		onAbort({signal});
		restore();
	};
	const crashed = (error: unknown) => {
		try {
			onAbort({error});
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
	return {
		restore,
		get restored() {
			return restored;
		},
		handOver(next) {
			onAbort = next;
		},
	};
}
