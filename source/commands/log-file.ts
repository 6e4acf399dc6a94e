/**
 * The TUI's log goes to a file in the state directory, never onto the screen.
 * `$XDG_STATE_HOME/gitops-tui/gitops-tui.log` (default `~/.local/state/...`).
 */
import {appendFileSync, mkdirSync} from 'node:fs';
import path from 'node:path';

export type Logger = {info(message: string): void; error(message: string, error?: unknown): void; file: string};

export function stateDirectory(env: NodeJS.ProcessEnv, home: string): string {
	return path.join(env.XDG_STATE_HOME || path.join(home, '.local', 'state'), 'gitops-tui');
}

/** A synchronous appender: a crash handler must be able to log before the process ends. */
export function fileLogger(file: string, now: () => Date = () => new Date()): Logger {
	let ready = false;
	const write = (level: string, message: string) => {
		try {
			if (!ready) {
				mkdirSync(path.dirname(file), {recursive: true});
				ready = true;
			}
			appendFileSync(file, `${now().toISOString()} ${level} ${message}\n`);
		} catch {
			// Logging must never take the screen down; a full disk loses log lines, not the session.
		}
	};
	return {
		file,
		info: message => write('INFO', message),
		error: (message, error) => write('ERROR', `${message}${error ? `: ${error instanceof Error ? error.stack ?? error.message : String(error)}` : ''}`),
	};
}
