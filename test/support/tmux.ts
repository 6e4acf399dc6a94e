/**
 * Drives a real terminal for end-to-end tests: a detached tmux session of a given size runs the
 * built CLI; tests type with send-keys and read the screen with capture-pane, like a person.
 */
import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {randomBytes} from 'node:crypto';
import {waitFor} from './wait-for.js';

const execFileAsync = promisify(execFile);

/** Our own tmux server: tests never touch the user's sessions, nor one another's runs. */
const socket = `gitops-tui-test-${process.pid}`;
const run = (command: 'tmux', args: string[]) => execFileAsync(command, ['-L', socket, ...args]);

/** Runs a tmux command on the tests' own server. */
export function tmuxCommand(args: string[]): Promise<{stdout: string; stderr: string}> {
	return run('tmux', args);
}

export type TmuxSession = {
	name: string;
	/** The visible screen as text (no escape codes). */
	screen(): Promise<string>;
	/** The visible screen with escape codes, to check colour. */
	screenWithEscapes(): Promise<string>;
	/** Send tmux key names (`Enter`, `Escape`, `C-c`, `j`) or literal text with {literal: true}. */
	keys(keys: string[], options?: {literal?: boolean}): Promise<void>;
	waitForText(text: string | RegExp, timeoutMs?: number): Promise<string>;
	resize(columns: number, rows: number): Promise<void>;
	kill(): Promise<void>;
};

export async function startTmux(options: {command: string; columns: number; rows: number; env?: Record<string, string>; cwd?: string}): Promise<TmuxSession> {
	const name = `gt-${randomBytes(4).toString('hex')}`;
	const envArgs = Object.entries(options.env ?? {}).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
	await newSession(['new-session', '-d', '-s', name, '-x', String(options.columns), '-y', String(options.rows), ...envArgs, ...(options.cwd ? ['-c', options.cwd] : []), options.command]);
	const capture = async (escapes: boolean) => (await run('tmux', ['capture-pane', '-p', ...(escapes ? ['-e'] : []), '-t', name])).stdout;
	const session: TmuxSession = {
		name,
		screen: () => capture(false),
		screenWithEscapes: () => capture(true),
		async keys(keys, keyOptions) {
			await run('tmux', ['send-keys', '-t', name, ...(keyOptions?.literal ? ['-l'] : []), ...keys]);
		},
		async waitForText(text, timeoutMs = 15_000) {
			let last = '';
			await waitFor(async () => {
				last = await capture(false);
				return typeof text === 'string' ? last.includes(text) : text.test(last);
			}, {timeoutMs, describe: () => `screen to show ${String(text)}; last screen:\n${last}`});
			return last;
		},
		async resize(columns, rows) {
			await run('tmux', ['resize-window', '-t', name, '-x', String(columns), '-y', String(rows)]);
		},

		async kill() {
			await run('tmux', ['kill-session', '-t', name]).catch(() => undefined);
		},
	};
	return session;
}

/**
 * A new session, again when it reached the server while that was going away: when a test kills the last session,
 * the server exits, and a new-session right after can reach it exiting ("server exited unexpectedly").
 */
async function newSession(args: string[]): Promise<void> {
	for (let attempt = 1; ; attempt++) {
		try {
			await run('tmux', args);
			return;
		} catch (error) {
			if (attempt >= 5 || !String((error as {stderr?: string}).stderr ?? error).includes('server exited unexpectedly')) throw error;
			await new Promise(resolve => setTimeout(resolve, 50 * attempt));
		}
	}
}
