/**
 * What the built TUI writes to a real terminal (tmux), every byte copied by `tmux pipe-pane`: the demo at 80×24 and 200×50.
 * A one-row change rewrites only the rows that changed; between two ticks of the header's clock the only write is
 * that tick's; after churn and a resize (shrinking, growing) the screen is exactly what it was; quitting gives the
 * normal screen and the cursor back. In ASCII (a locale without UTF-8, TERM=dumb, NO_COLOR) not one byte outside
 * ASCII and no colour reaches the terminal on any screen. Windows are bounded by events on the screen, not sleeps.
 */
import {mkdtemp, readFile, rm, stat} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {builtCli, ensureBuiltCli} from '../support/scenario-cli.js';
import {startTmux, tmuxCommand, type TmuxSession} from '../support/tmux.js';
import {waitFor} from '../support/wait-for.js';

beforeAll(ensureBuiltCli, 60_000);

let session: TmuxSession | undefined;
let home: string | undefined;
afterEach(async () => {
	await session?.kill();
	session = undefined;
	if (home) await rm(home, {recursive: true, force: true, maxRetries: 10, retryDelay: 100});
	home = undefined;
});

const paintStart = '\u001B[?2026h';

/** The demo in tmux with every byte it writes recorded from its first one; the shell stays after it quits. */
async function recordedDemo(env: Record<string, string>, screenSize = {columns: 80, rows: 24}) {
	home = await mkdtemp(path.join(os.tmpdir(), 'gitops-tui-render-'));
	const record = path.join(home, 'pty.out');
	const tmux = (session = await startTmux({
		// The shell waits for Enter, so the recording starts before the TUI's first byte.
		command: `read go; printf 'before the TUI\\n'; node ${builtCli} --demo; echo "the TUI exited $?"; sleep 300`,
		columns: screenSize.columns,
		rows: screenSize.rows,
		env: {HOME: home, XDG_STATE_HOME: path.join(home, 'state'), XDG_CACHE_HOME: path.join(home, 'cache'), ...env},
	}));
	await tmuxCommand(['pipe-pane', '-o', '-t', tmux.name, `cat >> ${record}`]);
	await tmux.keys(['Enter']);
	const size = async () => (await stat(record).catch(() => ({size: 0}))).size;
	const bytes = async (from = 0, to?: number) => (await readFile(record)).subarray(from, to);
	/** The recording's size once nothing was written for 500 ms (at most 10 s of waiting). */
	const quiet = async () => {
		let last = await size();
		let since = Date.now();
		await waitFor(async () => {
			const now = await size();
			if (now !== last) [last, since] = [now, Date.now()];
			return Date.now() - since >= 500;
		}, {timeoutMs: 10_000, describe: () => 'the terminal to be quiet for 500 ms'});
		return last;
	};
	return {tmux, size, bytes, quiet};
}

// A move to a row (and a column, when a row is rewritten from its first changed cell).
const rowsMoved = (text: string) => new Set([...text.matchAll(/\u001B\[(\d+)(?:;\d+)?H/g)].map(match => Number(match[1])));
const changedRows = (before: string, after: string) => {
	const a = before.split('\n');
	return new Set(after.split('\n').flatMap((line, index) => (line === a[index] ? [] : [index + 1])));
};
const screenRow = async (tmux: TmuxSession, index: number) => (await tmux.screen()).split('\n')[index] ?? '';

describe('the TUI on a real terminal', () => {
	it.each([
		[80, 24],
		[200, 50],
	])('at %i×%i rewrites only changed rows, writes only the clock between ticks, stays right through churn and resize, and gives the terminal back', async (columns, rows) => {
		const {tmux, bytes, quiet} = await recordedDemo({LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', TERM: 'xterm-256color'}, {columns, rows});
		await tmux.waitForText(/OutOfSync/, 60_000);
		await waitFor(async () => (await screenRow(tmux, 3)).startsWith('› billing'), {timeoutMs: 20_000, describe: () => 'billing selected'});

		// One row down: the rows that changed on screen are the rows written, in well under 1 KB.
		const from = await quiet();
		const before = {text: await tmux.screen(), styled: await tmux.screenWithEscapes()};
		await tmux.keys(['j']);
		await waitFor(async () => (await screenRow(tmux, 4)).startsWith('›'), {describe: () => 'the cursor on the second row'});
		const to = await quiet();
		const after = {text: await tmux.screen(), styled: await tmux.screenWithEscapes()};
		const oneRow = (await bytes(from, to)).toString('utf8');
		expect(to - from).toBeLessThanOrEqual(1024);
		expect(oneRow).not.toContain('\u001B[2J');
		// Every row whose text changed was written, and no row that shows the same (capture-pane -e carries a row's
		// styles into the next one, so the styled comparison may name one row more than was touched).
		const written = rowsMoved(oneRow);
		for (const row of changedRows(before.text, after.text)) expect(written).toContain(row);
		const styledChanges = changedRows(before.styled, after.styled);
		for (const row of written) expect(styledChanges).toContain(row);
		expect(written.size).toBeLessThanOrEqual(4);
		await tmux.keys(['k']);
		await waitFor(async () => (await screenRow(tmux, 3)).startsWith('› billing'), {describe: () => 'billing selected again'});

		// Idle: from one tick of the header's clock ("fetched 20s ago") to the next, one paint of that row only.
		const clock = () => screenRow(tmux, 1);
		let shown = await clock();
		await waitFor(async () => (await clock()) !== shown, {timeoutMs: 75_000, describe: () => `the clock to tick (${shown})`});
		const tickFrom = await quiet();
		shown = await clock();
		await waitFor(async () => (await clock()) !== shown, {timeoutMs: 75_000, describe: () => `the clock to tick again (${shown})`});
		const tickTo = await quiet();
		const idle = (await bytes(tickFrom, tickTo)).toString('utf8');
		expect(idle.split(paintStart).length - 1).toBe(1);
		expect(rowsMoved(idle)).toEqual(new Set([2]));
		// The clock's changed cells only: well under the 93 bytes of its whole row.
		expect(tickTo - tickFrom).toBeLessThanOrEqual(60);

		// Churn, other screens, a shrink and a grow: the screen comes back exactly as it was (but the clock).
		const settled = (await tmux.screenWithEscapes()).split('\n');
		for (let i = 0; i < 40; i++) await tmux.keys([i % 2 ? 'k' : 'j']);
		await tmux.keys(['Enter']);
		await tmux.waitForText(/events of/);
		await tmux.keys(['Escape']);
		await tmux.waitForText(/NAME/);
		await tmux.keys(['?']);
		await tmux.waitForText(/Keys \(esc or \? to close\)/);
		await tmux.keys(['?']);
		await tmux.waitForText(/NAME/);
		await tmux.resize(60, 16);
		await waitFor(async () => (await tmux.screen()).split('\n').length <= 17 && (await screenRow(tmux, 15)).includes('<q>'), {describe: () => 'the frame at 60×16'});
		await tmux.resize(columns, rows);
		await waitFor(async () => (await screenRow(tmux, rows - 1)).includes('<q>quit'), {describe: () => `the frame at ${columns}×${rows} again`});
		await quiet();
		const back = (await tmux.screenWithEscapes()).split('\n');
		expect(back.filter((_, index) => index !== 1)).toEqual(settled.filter((_, index) => index !== 1));

		// Quit: the normal screen with what was there before, and the cursor shown.
		await tmux.keys(['q']);
		const shell = await tmux.waitForText(/the TUI exited 0/, 20_000);
		expect(shell).toContain('before the TUI');
		expect(shell).not.toContain('NAME');
		const {stdout} = await tmuxCommand(['display-message', '-p', '-t', tmux.name, '#{alternate_on} #{cursor_flag}']);
		expect(stdout.trim()).toBe('0 1');
	}, 300_000);

	it('in ASCII (no UTF-8 locale, TERM=dumb, NO_COLOR) writes only ASCII and no colour on every screen', async () => {
		const {tmux, bytes, quiet} = await recordedDemo({LANG: 'C', LC_ALL: 'C', TERM: 'dumb', NO_COLOR: '1'});
		await tmux.waitForText(/OutOfSync/, 60_000);
		await waitFor(async () => (await screenRow(tmux, 3)).startsWith('> billing'), {timeoutMs: 20_000, describe: () => 'billing selected'});
		// billing (paused) and its tree, the app diff, history, changes since healthy, details, help; payments' pause form.
		const visit = async (key: string, shows: RegExp, back: string[] = ['Escape'], home: RegExp = /NAME/) => {
			await tmux.keys([key]);
			await tmux.waitForText(shows);
			for (const k of back) await tmux.keys([k]);
			await waitFor(async () => {
				const screen = await tmux.screen();
				return home.test(screen) && !shows.test(screen);
			}, {describe: () => `back from ${String(shows)} to ${String(home)}`});
		};
		await tmux.keys(['Enter']);
		await tmux.waitForText(/events of/);
		await visit('D', /live vs Git/, ['Escape'], /events of/);
		await visit('h', /history of/, ['Escape'], /events of/);
		await visit('c', /what changed since/, ['Escape'], /events of/);
		await tmux.keys(['Escape']);
		await tmux.waitForText(/NAME/);
		await visit('v', /details \(v or esc closes\)/);
		await visit('?', /Keys \(esc or \? to close\)/, ['?']);
		await tmux.keys(['j', 'j']);
		await waitFor(async () => (await screenRow(tmux, 5)).startsWith('> payments'), {describe: () => 'payments selected'});
		await visit('P', /reason \(required\)/);
		await tmux.keys([':']);
		await tmux.keys(['outage on'], {literal: true});
		await tmux.keys(['Enter']);
		await tmux.waitForText(/GIT OUTAGE/, 60_000);
		await quiet();
		await tmux.keys(['q']);
		await tmux.waitForText(/the TUI exited 0/, 20_000);

		const written = await bytes();
		const outside = written.findIndex(byte => byte >= 0x80);
		expect(outside === -1 ? '' : written.subarray(Math.max(0, outside - 40), outside + 20).toString('latin1')).toBe('');
		expect(written.toString('latin1')).not.toMatch(/\u001B\[(?:[0-9;]*;)?(?:3[0-9]|9[0-7]|4[0-9]|10[0-7]|38;5|48;5)(?:;[0-9;]*)?m/);
		expect(written.toString('latin1')).toContain('|- ');
	}, 300_000);
});
