/**
 * The built TUI's splash in a terminal (tmux): its first frame is painted before Ink and the session load; when the
 * session cannot open, the terminal is back (normal screen, cursor shown) before the error is printed, and the
 * exit code is the command's; Ctrl-C while loading gives the terminal back and ends with 130 (the demo stops its
 * sandboxes and removes its folder first); with stdout piped there is no splash at all.
 *
 * A kubeconfig that is a named pipe nobody writes to holds the session open forever (reading it blocks), so the
 * splash can be looked at and interrupted at leisure.
 */
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {runProcess} from '../support/scenario-cluster.js';
import {builtCli, ensureBuiltCli} from '../support/scenario-cli.js';
import {startTmux, tmuxCommand, type TmuxSession} from '../support/tmux.js';
import {waitFor} from '../support/wait-for.js';

let home: string;
let session: TmuxSession | undefined;
beforeAll(async () => {
	await ensureBuiltCli();
	home = mkdtempSync(path.join(os.tmpdir(), 'gitops-tui-splash-e2e-'));
	writeFileSync(
		path.join(home, 'kubeconfig'),
		['apiVersion: v1', 'kind: Config', 'current-context: prod-eu', 'clusters:', '- name: c', '  cluster: {server: "https://127.0.0.1:1"}', 'users:', '- name: u', '  user: {}', 'contexts:', '- name: prod-eu', '  context: {cluster: c, user: u}', ''].join('\n'),
	);
	execFileSync('mkfifo', [path.join(home, 'hanging-kubeconfig')]);
}, 60_000);
afterEach(async () => {
	await session?.kill();
	session = undefined;
});
afterAll(() => rmSync(home, {recursive: true, force: true}));

const env = () => ({PATH: process.env['PATH'] ?? '', HOME: home, TMPDIR: home, XDG_CACHE_HOME: path.join(home, 'cache'), LANG: 'C.UTF-8', TERM: 'xterm-256color'});

/** The CLI in a shell that says how it exited and stays; the shell's own trap keeps it alive through Ctrl-C. */
function inShell(args: string): string {
	return `sh -c 'trap "echo interrupted" INT; node ${builtCli} ${args}; echo "gitops-tui exited with $?"; sleep 600'`;
}

/** Whether the pane shows the alternate screen, and whether its cursor is visible. */
async function terminalModes(tmux: TmuxSession): Promise<{alternate: boolean; cursorShown: boolean}> {
	const {stdout} = await tmuxCommand(['display-message', '-p', '-t', tmux.name, '#{alternate_on} #{cursor_flag}']);
	const [alternate, cursor] = stdout.trim().split(' ');
	return {alternate: alternate === '1', cursorShown: cursor === '1'};
}

describe('the TUI\'s splash', () => {
	it('paints the header before the session opens, and Ctrl-C while loading gives the terminal back (exit 130)', async () => {
		session = await startTmux({command: inShell(`--kubeconfig ${path.join(home, 'hanging-kubeconfig')} --context prod-eu --repo /src/config --read-only`), columns: 80, rows: 24, env: env()});
		const screen = await session.waitForText('Loading contexts and repository…', 20_000);
		const lines = screen.split('\n');
		expect(lines[0]).toMatch(/^gitops-tui\s+READ-ONLY\s+◐ prod-eu\s+loading…/);
		expect(lines[1]).toBe('repo /src/config');
		expect(await terminalModes(session)).toEqual({alternate: true, cursorShown: false});
		await session.keys(['C-c']);
		const after = await session.waitForText('gitops-tui exited with 130', 10_000);
		expect(after).not.toContain('Loading contexts');
		expect(await terminalModes(session)).toEqual({alternate: false, cursorShown: true});
	}, 60_000);

	it('when the session cannot open, prints the error on the normal screen after the terminal is back, exit 2', async () => {
		session = await startTmux({command: inShell(`--kubeconfig ${path.join(home, 'kubeconfig')} --context nope --repo /src/config`), columns: 200, rows: 24, env: env()});
		const screen = await session.waitForText('gitops-tui exited with 2', 20_000);
		expect(screen.split('\n')[0]).toBe(`gitops-tui tui: context "nope" not found in ${path.join(home, 'kubeconfig')}`);
		expect(screen).not.toContain('Loading contexts');
		expect(await terminalModes(session)).toEqual({alternate: false, cursorShown: true});
	}, 60_000);

	it('--demo: says it starts the sandboxes; Ctrl-C then stops them, removes its folder and gives the terminal back', async () => {
		session = await startTmux({command: inShell('--demo'), columns: 80, rows: 24, env: env()});
		await session.waitForText('Starting the demo: three sandbox clusters, a Git server, the repository…', 20_000);
		// Interrupted once the demo is under way (its folder made), not before it began.
		const demoFolders = () => readdirSync(home).filter(name => name.startsWith('gitops-tui-demo-'));
		await waitFor(() => demoFolders().length > 0, {timeoutMs: 20_000, describe: () => 'the demo to make its folder'});
		await session.keys(['C-c']);
		const after = await session.waitForText('gitops-tui exited with 130', 30_000);
		expect(after).not.toContain('Starting the demo');
		expect(await terminalModes(session)).toEqual({alternate: false, cursorShown: true});
		expect(demoFolders()).toEqual([]);
	}, 90_000);

	it('paints nothing when stdout is piped: the status text, with no terminal control', async () => {
		const run = await runProcess('node', [builtCli, '--kubeconfig', path.join(home, 'kubeconfig'), '--context', 'nope'], env());
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('gitops-tui status: context "nope" not found');
		expect(run.stdout + run.stderr).not.toContain('\u001B');
	}, 60_000);
});
