/**
 * The set-up every `--demo` terminal test shares: the built CLI refused when stale (a failed build would be tested
 * as if current), a HOME of its own per test (state, cache, config and the demo's folder inside it), the demo in a
 * tmux session, and after each test the session killed and the folder removed. Call `demoTerminal()` at the top
 * level of a test file: it registers the hooks there.
 */
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeAll} from 'vitest';
import {staleBuildReason} from './built-cli.js';
import {startTmux, type TmuxSession} from './tmux.js';
import {waitFor} from './wait-for.js';

/** The bundle the demo tests run. */
export const demoCli = path.resolve(import.meta.dirname, '../../dist/cli.js');

export type DemoStartOptions = {
	columns?: number;
	rows?: number;
	/** Flags after `--demo`, as shell words (`--read-only`). */
	flags?: string;
	/** Added to (or overriding) the test's environment. */
	env?: Record<string, string>;
	/** A shell stays after the CLI ends and says its exit code, so the restored terminal can be inspected (a dead pane cannot). */
	keepShell?: boolean;
	/** The demo's stderr goes to `stderrPath` instead of the terminal. */
	stderrToFile?: boolean;
};

/** One running demo: its terminal, its HOME, and where its stderr went when asked. */
export type DemoRun = {tmux: TmuxSession; home: string; stderrPath: string};

/** Registers the stale-bundle guard and the clean-up in the calling test file; returns what starts a demo. */
export function demoTerminal(): {start(options?: DemoStartOptions): Promise<DemoRun>} {
	const started: DemoRun[] = [];
	beforeAll(() => {
		const stale = staleBuildReason(demoCli, path.resolve(import.meta.dirname, '../../source'));
		if (stale) throw new Error(stale);
	});
	afterEach(async () => {
		for (const run of started.splice(0)) {
			await run.tmux.kill();
			// The TUI killed with its tmux session may still write its last log lines while the folder goes: retry.
			await rm(run.home, {recursive: true, force: true, maxRetries: 10, retryDelay: 100});
		}
	});
	return {
		async start(options = {}) {
			const home = await mkdtemp(path.join(os.tmpdir(), 'gitops-tui-e2e-'));
			const stderrPath = path.join(home, 'demo.err');
			const demo = `node ${demoCli} --demo${options.flags ? ` ${options.flags}` : ''}${options.stderrToFile ? ` 2>${stderrPath}` : ''}`;
			const tmux = await startTmux({
				command: options.keepShell ? `sh -c '${demo}; echo "gitops-tui exited with $?"; sleep 600'` : demo,
				columns: options.columns ?? 80,
				rows: options.rows ?? 24,
				env: {
					HOME: home,
					TMPDIR: home,
					XDG_STATE_HOME: path.join(home, 'state'),
					XDG_CACHE_HOME: path.join(home, 'cache'),
					XDG_CONFIG_HOME: path.join(home, 'config'),
					LANG: 'C.UTF-8',
					TERM: 'xterm-256color',
					...options.env,
				},
			});
			const run = {tmux, home, stderrPath};
			started.push(run);
			return run;
		},
	};
}

/** The screen's lines, without the empty one after the last newline. */
export const screenLines = (screen: string): string[] => screen.replace(/\n$/, '').split('\n');

/** The line under the cursor (the one with the pointer glyph). */
export const pointerLine = (screen: string): string => screenLines(screen).find(line => line.startsWith('›')) ?? '';

/** Every line of the screen fits `columns` (and, when given, the screen fits `rows`). */
export function fitsTerminal(screen: string, columns: number, rows?: number): boolean {
	const lines = screenLines(screen);
	return (rows === undefined || lines.length <= rows) && lines.every(line => Array.from(line).length <= columns);
}

/** Types a `:` command and runs it. */
export async function typeCommand(tmux: TmuxSession, text: string): Promise<void> {
	await tmux.keys([':']);
	await tmux.keys([text], {literal: true});
	await tmux.keys(['Enter']);
}

/** Presses j until the pointer is on a line matching `pattern`, waiting for each move to be drawn. */
export async function movePointerTo(tmux: TmuxSession, pattern: RegExp | string, maxMoves = 40): Promise<void> {
	const matches = (line: string) => (typeof pattern === 'string' ? line.includes(pattern) : pattern.test(line));
	for (let moves = 0; moves < maxMoves; moves++) {
		const before = pointerLine(await tmux.screen());
		if (matches(before)) return;
		await tmux.keys(['j']);
		await waitFor(async () => pointerLine(await tmux.screen()) !== before, {timeoutMs: 5000, describe: () => `the pointer to move from "${before}"`});
	}
	throw new Error(`no line matching ${String(pattern)} under the pointer`);
}
