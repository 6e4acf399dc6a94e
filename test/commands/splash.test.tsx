/**
 * The splash: the TUI's first frame painted before Ink and the session load, with what the flags, the user settings
 * and the kubeconfig say (read from real files); stderr held until the terminal is back; Ctrl-C while loading gives
 * the terminal back and ends the process by the signal; and the TUI takes the same session over, its first frame
 * replacing the splash whole.
 */
import {EventEmitter} from 'node:events';
import {mkdtempSync, mkdirSync, rmSync, writeFileSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {runTui} from '../../source/commands/run-tui.js';
import {openSplash, type SplashOptions} from '../../source/commands/splash.js';
import {fakeFleetSource} from '../support/fake-fleet-source.js';
import {fakeKeyboard, fakeTerminal} from '../support/fake-terminal.js';
import {seededFastDiff} from '../support/tui-harness.js';
import {seededSnapshot} from '../support/tui-snapshot.js';
import {waitFor} from '../support/wait-for.js';

// As in frame-screen.test.tsx: Ink draws nothing until exit when it believes it runs in CI.
vi.hoisted(() => {
	delete process.env['CI'];
	delete process.env['CONTINUOUS_INTEGRATION'];
});

const enter = '\u001B[?1049h';
const leave = '\u001B[?1049l';

let home: string;
beforeEach(() => {
	home = mkdtempSync(path.join(os.tmpdir(), 'gitops-tui-splash-'));
	writeFileSync(
		path.join(home, 'kubeconfig'),
		['apiVersion: v1', 'kind: Config', 'current-context: prod-eu', 'clusters:', '- name: c', '  cluster: {server: "https://127.0.0.1:1"}', 'users:', '- name: u', '  user: {}', 'contexts:', '- name: prod-eu', '  context: {cluster: c, user: u}', '- name: staging', '  context: {cluster: c, user: u}', ''].join('\n'),
	);
});
afterEach(() => rmSync(home, {recursive: true, force: true}));

/** The process as the splash uses it: signals and exit recorded, nothing real. */
function fakeProcess() {
	const emitter = new EventEmitter();
	const kills: Array<[number, string]> = [];
	const exits: number[] = [];
	const proc = Object.assign(emitter, {
		pid: 4242,
		kill: (pid: number, signal: string) => (kills.push([pid, signal]), true),
		exit: (code?: number) => void exits.push(code ?? 0),
	});
	return {proc: proc as unknown as SplashOptions['process'], emitter, kills, exits};
}

function splashOn(options: {flags?: Record<string, unknown>; env?: NodeJS.ProcessEnv; columns?: number; readFile?: SplashOptions['readFile']; activity?: SplashOptions['activity']; stderrIsTerminal?: boolean} = {}) {
	const terminal = fakeTerminal(options.columns ?? 80, 24);
	// stderr as a file or another terminal: what was written, lines and all.
	const stderr = {isTTY: options.stderrIsTerminal ?? true, writes: [] as string[], write: (text: string) => (stderr.writes.push(String(text)), true)};
	const {stdin, press} = fakeKeyboard();
	const process = fakeProcess();
	const opened = openSplash({
		flags: {kubeconfig: path.join(home, 'kubeconfig'), ...options.flags},
		env: {HOME: home, XDG_CONFIG_HOME: path.join(home, 'config'), LANG: 'C.UTF-8', TERM: 'xterm-256color', ...options.env},
		cwd: home,
		stdout: terminal as unknown as NodeJS.WriteStream,
		stdin,
		stderr: stderr as unknown as NodeJS.WriteStream,
		activity: options.activity ?? 'session',
		process: process.proc,
		readFile: options.readFile ?? (file => readFile(file, 'utf8')),
	});
	return {opened, terminal, stderr, stdin, press, process};
}

describe('the splash', () => {
	it('enters the alternate screen and paints the header: title, read-only badge, the current context, repo, what loads', async () => {
		const {opened, terminal} = splashOn({flags: {repo: '/src/config', readOnly: true}});
		const splash = await opened;
		expect(terminal.writes[0]).toContain(enter);
		const [header, repo, , body] = terminal.screen.lines();
		expect(header).toMatch(/^gitops-tui\s+READ-ONLY\s+◐ prod-eu\s+loading…/);
		expect(header).not.toContain('staging');
		expect(repo).toBe('repo /src/config');
		expect(body).toBe('Loading contexts and repository…');
		splash.end();
	});

	it('lists every context with --all-contexts, the named ones with --context, and the settings\' repo and theme', async () => {
		const all = splashOn({flags: {allContexts: true}});
		(await all.opened).end();
		expect(all.terminal.screen.lines()[0]).toMatch(/◐ prod-eu\s+◐ staging\s+loading…/);

		mkdirSync(path.join(home, 'config', 'gitops-tui'), {recursive: true});
		writeFileSync(path.join(home, 'config', 'gitops-tui', 'config.yaml'), 'repo: git@example.com:org/config.git\ntheme: ascii\n');
		const named = splashOn({flags: {context: ['staging', 'staging']}});
		const splash = await named.opened;
		const [header, repo, , body] = named.terminal.screen.lines();
		expect(header).toMatch(/^gitops-tui\s+\.\. staging\s+loading\.\.\.\s*$/);
		expect(repo).toBe('repo git@example.com:org/config.git');
		expect(body).toBe('Loading contexts and repository...');
		expect(named.terminal.writes.join('')).toMatch(/^[\u0000-\u007f]*$/);
		splash.end();
	});

	it('writes ASCII only for an ASCII terminal, and shows a hostile context name as visible text', async () => {
		const {opened, terminal} = splashOn({flags: {context: ['evil\u001B]0;owned\u0007']}, env: {LANG: 'C'}, activity: 'demo'});
		(await opened).end();
		const written = terminal.writes.join('');
		expect(written).toMatch(/^[\u0000-\u007f]*$/);
		expect(written).not.toContain('\u001B]0;');
		// The demo's world is its own: the user's contexts are not shown; the body says what starts.
		expect(written).not.toContain('evil');
		expect(written).toContain('Starting the demo: three sandbox clusters, a Git server, the repository...');

		const hostile = splashOn({flags: {context: ['evil\u001B]0;owned\u0007']}});
		(await hostile.opened).end();
		expect(hostile.terminal.writes.join('')).not.toContain('\u001B]0;');
		expect(hostile.terminal.writes.join('')).toContain('evil\\x1b]0;owned\\x07');
	});

	it('paints from the command line alone when the files take too long (a hung mount)', async () => {
		const {opened, terminal} = splashOn({flags: {context: ['prod-eu'], repo: '/src/config'}, readFile: () => new Promise<string>(() => undefined)});
		const splash = await opened;
		expect(terminal.screen.lines()[0]).toMatch(/◐ prod-eu/);
		expect(terminal.screen.lines()[1]).toBe('repo /src/config');
		splash.end();
	});

	it('holds stderr while it owns the terminal, and writes it once the terminal is back', async () => {
		const {opened, terminal, stderr} = splashOn();
		const splash = await opened;
		splash.stderr.write('gitops-tui tui: context "nope" not found\n');
		expect(stderr.writes).toEqual([]);
		splash.end();
		splash.end();
		expect(terminal.writes.at(-1)).toContain(leave);
		expect(terminal.writes.join('').split(leave)).toHaveLength(2);
		expect(stderr.writes).toEqual(['gitops-tui tui: context "nope" not found\n']);
		splash.stderr.write('later\n');
		expect(stderr.writes.at(-1)).toBe('later\n');
	});

	it('writes stderr at once when it is a file or a pipe: it never lands on the screen the session owns', async () => {
		const {opened, stderr} = splashOn({stderrIsTerminal: false, activity: 'demo'});
		const splash = await opened;
		splash.stderr.write('gitops-tui demo: kubeconfig /tmp/k\n');
		expect(stderr.writes).toEqual(['gitops-tui demo: kubeconfig /tmp/k\n']);
		splash.end();
		expect(stderr.writes).toHaveLength(1);
	});

	it('on Ctrl-C while loading gives the terminal back, then ends the process by the signal', async () => {
		const {opened, terminal, process} = splashOn();
		const splash = await opened;
		splash.stderr.write('a warning\n');
		process.emitter.emit('SIGINT');
		expect(terminal.writes.at(-1)).toContain(leave);
		expect(splash.session.restored).toBe(true);
		expect(process.kills).toEqual([[4242, 'SIGINT']]);
		expect(process.emitter.listenerCount('SIGINT')).toBe(0);
	});

	it('leaves a signal to whoever else handles it (the demo stops its sandboxes, then exits)', async () => {
		const {opened, terminal, process} = splashOn({activity: 'demo'});
		await opened;
		const demoStops: string[] = [];
		process.emitter.on('SIGTERM', () => demoStops.push('SIGTERM'));
		process.emitter.emit('SIGTERM');
		expect(terminal.writes.at(-1)).toContain(leave);
		expect(demoStops).toEqual(['SIGTERM']);
		expect(process.kills).toEqual([]);
	});

	it('on a crash while loading gives the terminal back before the error is written, and exits 1', async () => {
		const {opened, terminal, stderr, process} = splashOn();
		await opened;
		process.emitter.emit('uncaughtException', new Error('boom'));
		expect(terminal.writes.at(-1)).toContain(leave);
		expect(stderr.writes.join('')).toContain('boom');
		expect(process.exits).toEqual([1]);
	});
});

describe('the TUI on the splash\'s session', () => {
	it('takes the session over: its first frame replaces the splash whole, and the screen is entered and left once', async () => {
		const {opened, terminal, stdin, press} = splashOn({flags: {repo: '/src/config'}});
		const splash = await opened;
		const log = {file: '/dev/null', info() {}, error() {}};
		const source = fakeFleetSource({initial: seededSnapshot(), fastDiff: seededFastDiff, history: {status: 'ready', commits: [], deployed: {}}});
		const exited = runTui({source, terminal: splash.session, readOnly: false, ascii: false, env: {LANG: 'C.UTF-8', TERM: 'xterm-256color'}, log, stdout: terminal as unknown as NodeJS.WriteStream, stdin});
		const screen = () => terminal.screen.lines().join('\n');
		await waitFor(() => screen().includes('billing'), {describe: () => `the first frame:\n${screen()}`});
		expect(screen()).not.toContain('Loading contexts and repository');
		expect(screen()).not.toContain('/src/config');
		// A signal now ends the TUI, not the process.
		await waitFor(() => {
			press('q');
			return splash.session.restored;
		}, {describe: () => `the TUI to quit:\n${screen()}`});
		expect(await exited).toBe(0);
		splash.end();
		const written = terminal.writes.join('');
		expect(written.split(enter)).toHaveLength(2);
		expect(written.split(leave)).toHaveLength(2);
	});

	it('draws nothing when a signal ended the splash while the session loaded', async () => {
		const {opened, terminal, stdin, process} = splashOn({activity: 'demo'});
		const splash = await opened;
		process.emitter.on('SIGINT', () => undefined);
		process.emitter.emit('SIGINT');
		const written = terminal.writes.length;
		const source = fakeFleetSource({initial: seededSnapshot(), fastDiff: seededFastDiff, history: {status: 'ready', commits: [], deployed: {}}});
		const log = {file: '/dev/null', info() {}, error() {}};
		expect(await runTui({source, terminal: splash.session, readOnly: false, ascii: false, env: {}, log, stdout: terminal as unknown as NodeJS.WriteStream, stdin})).toBe(130);
		expect(terminal.writes.length).toBe(written);
	});
});
