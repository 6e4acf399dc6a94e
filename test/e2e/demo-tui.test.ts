/**
 * End to end, as a person at a terminal: the built CLI runs `--demo` in tmux, at 80×24 and 200×50;
 * the test reads the screen, moves, opens a tree and a diff, filters, simulates a Git outage, quits,
 * and checks the terminal came back.
 */
import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {describe, expect, it} from 'vitest';
import {demoTerminal, fitsTerminal, movePointerTo, typeCommand} from '../support/demo-e2e.js';
import {tmuxCommand, type TmuxSession} from '../support/tmux.js';
import {waitFor} from '../support/wait-for.js';

const run = promisify(execFile);
const demo = demoTerminal();

async function startDemo(columns: number, rows: number, env: Record<string, string> = {}): Promise<TmuxSession> {
	return (await demo.start({columns, rows, env, keepShell: true})).tmux;
}

async function paneFlag(tmux: TmuxSession, format: string): Promise<string> {
	return (await tmuxCommand(['display-message', '-p', '-t', tmux.name, format])).stdout.trim();
}

async function walkThrough(tmux: TmuxSession, columns: number, rows: number): Promise<void> {
	const first = await tmux.waitForText(/payments[\s\S]*checkout|checkout[\s\S]*payments/, 30_000);
	expect(first).toContain('shop');
	expect(first).toContain('billing');
	expect(fitsTerminal(first, columns)).toBe(true);
	// Every demo app has a verdict once evaluation finished.
	await tmux.waitForText(/OutOfSync/, 30_000);

	// Reflow on resize: the frame fills the new size, hints on the last line, and comes back.
	await tmux.resize(columns + 20, rows + 6);
	await waitFor(async () => ((await tmux.screen()).split('\n')[rows + 5] ?? '').includes('<q>quit'), {timeoutMs: 10_000, describe: () => 'the hints to move to the new last line'});
	await tmux.resize(columns, rows);
	await waitFor(async () => ((await tmux.screen()).split('\n')[rows - 1] ?? '').includes('<q>quit'), {timeoutMs: 10_000, describe: () => 'the hints to move back'});
	expect(fitsTerminal(await tmux.screen(), columns)).toBe(true);

	// Open the shop app on prod-eu: the tree shows the drifted Deployment with its children.
	await typeCommand(tmux, 'app shop');
	const tree = await tmux.waitForText(/Deployment\/web/);
	expect(tree).toMatch(/ReplicaSet\/web-/);
	expect(tree).toMatch(/Drifted/);

	// Move to the drifted Deployment and open its diff: the image differs, changed by kubectl-edit.
	await movePointerTo(tmux, /Deployment\/web/);
	await tmux.keys(['Enter']);
	const diff = await tmux.waitForText(/image/);
	expect(diff).toMatch(/kubectl-edit/);
	expect(fitsTerminal(diff, columns)).toBe(true);
	await tmux.keys(['Escape']);
	await tmux.waitForText(/ReplicaSet\/web-/);
	await tmux.keys(['Escape']);
	await tmux.waitForText(/NAME/);

	// Filter the list down to the Argo CD app.
	await tmux.keys(['/']);
	await tmux.keys(['payments'], {literal: true});
	await tmux.keys(['Enter']);
	const filtered = await tmux.waitForText(/filter: payments/);
	expect(filtered).not.toMatch(/checkout/);
	await tmux.keys(['/', 'Escape']);
	await tmux.waitForText(/checkout/);

	// Simulate the Git outage and see the banner; end it and see the banner go.
	await typeCommand(tmux, 'outage on');
	await tmux.waitForText(/GIT OUTAGE/, 30_000);
	await typeCommand(tmux, 'outage off');
	await waitFor(async () => !(await tmux.screen()).includes('GIT OUTAGE'), {timeoutMs: 30_000, describe: () => 'the outage banner to go'});

	// Quit: the program ends and the terminal leaves the alternate screen with the cursor shown.
	await tmux.keys(['q']);
	const after = await tmux.waitForText('gitops-tui exited with 0', 15_000);
	// The normal screen is back: none of the TUI is left on it.
	expect(after).not.toContain('NAME');
	expect(await paneFlag(tmux, '#{alternate_on}')).toBe('0');
	expect(await paneFlag(tmux, '#{cursor_flag}')).toBe('1');
}

describe('gitops-tui --demo in a terminal', () => {
	it('works at 80×24', async () => {
		await walkThrough(await startDemo(80, 24), 80, 24);
	}, 180_000);

	it('works at 200×50', async () => {
		await walkThrough(await startDemo(200, 50), 200, 50);
	}, 180_000);

	it('writes no colour escape codes with NO_COLOR=1, and leaves on SIGTERM with the terminal restored', async () => {
		const tmux = await startDemo(80, 24, {NO_COLOR: '1'});
		await tmux.waitForText(/payments/, 30_000);
		await tmux.waitForText(/OutOfSync/, 30_000);
		const coloured = await tmux.screenWithEscapes();
		// SGR colour parameters: 30–37, 38;…, 40–47, 48;…, 90–97, 100–107.
		expect(coloured).not.toMatch(/\u001B\[(?:[0-9;]*;)?(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;[0-9;]*)?m/);
		// The pane runs sh; the CLI is its child.
		await run('pkill', ['-TERM', '-P', await paneFlag(tmux, '#{pane_pid}')]);
		await tmux.waitForText('gitops-tui exited with 143', 15_000);
		expect(await paneFlag(tmux, '#{alternate_on}')).toBe('0');
		expect(await paneFlag(tmux, '#{cursor_flag}')).toBe('1');
	}, 180_000);
});
