/**
 * The demo at 80×24 for someone on call, in tmux: the pause reason read in full in the details pane (v), `/` in the
 * tree narrowing the tree, esc clearing an applied filter, and a diff scrolled to its very last line.
 */
import {describe, expect, it} from 'vitest';
import {demoTerminal, pointerLine, typeCommand} from '../support/demo-e2e.js';
import {waitFor} from '../support/wait-for.js';

const demo = demoTerminal();

describe('gitops-tui --demo at 80×24, read in full', () => {
	it('shows the pause reason in full, filters the tree, clears filters with esc, and reaches a diff’s last line', async () => {
		const {tmux} = await demo.start();
		await tmux.waitForText(/OutOfSync/, 30_000);
		// billing is first (sorted by name); its pause reason is cut on the status line and whole in the pane.
		await waitFor(async () => pointerLine(await tmux.screen()).includes('billing'), {timeoutMs: 10_000, describe: () => 'billing selected'});
		await tmux.keys(['v']);
		const details = await tmux.waitForText(/details \(v or esc closes\)/);
		const text = details.replace(/\n {2}/g, ' ');
		expect(text).toMatch(/Auto-sync auto-sync paused by \S+ \S+ ago: incident/);
		expect(details.split('\n').slice(2, -2).join('\n')).not.toContain('…');
		await tmux.keys(['Escape']);
		await tmux.waitForText(/NAME/);

		// `/` in the tree narrows the tree: only pods and what they hang under.
		await typeCommand(tmux, 'app shop');
		await tmux.waitForText(/Service\/web/);
		await tmux.keys(['/']);
		await tmux.keys(['Pod/'], {literal: true});
		await tmux.keys(['Enter']);
		const tree = await tmux.waitForText(/filter: Pod\//);
		expect(tree).toMatch(/Pod\/web-/);
		expect(tree).not.toMatch(/Service\/web/);
		// esc clears the filter first, then goes back.
		await tmux.keys(['Escape']);
		await tmux.waitForText(/Service\/web/);

		// The whole app's diff, scrolled to the bottom: the range ends at the last line.
		await tmux.keys(['D']);
		await tmux.waitForText(/live vs Git/);
		// The demo's diff may fit 24 rows: a shorter terminal makes it scroll whatever its length.
		await tmux.resize(80, 14);
		// tmux crops the old frame to its last 14 rows at once (hints included); the diff's range shows when the
		// app itself has laid out 14 rows, so G is not pressed against the 24-row layout.
		await waitFor(async () => Number(/ 1-(\d+)\/\d+\b/.exec(await tmux.screen())?.[1] ?? 99) < 12, {timeoutMs: 10_000, describe: () => 'the diff laid out for 14 rows'});
		await tmux.keys(['G']);
		const bottom = await tmux.waitForText(/ \d+-(\d+)\/\1\b/);
		const rows = bottom.split('\n');
		// The last diff line sits right above the (empty) bottom line and the hints: no rows left empty.
		expect(rows[11]?.trim()).not.toBe('');
		await tmux.resize(80, 24);
		await waitFor(async () => ((await tmux.screen()).split('\n')[23] ?? '').includes('<q>quit'), {timeoutMs: 10_000, describe: () => 'the frame to reflow to 24 rows'});
		await tmux.keys(['Escape']);
		await tmux.waitForText(/Service\/web/);
		await tmux.keys(['Escape']);
		await tmux.waitForText(/NAME/);
		await tmux.keys(['/']);
		await tmux.keys(['payments'], {literal: true});
		await tmux.keys(['Enter']);
		await tmux.waitForText(/filter: payments/);
		await tmux.keys(['Escape']);
		const cleared = await tmux.waitForText(/checkout/);
		expect(cleared).not.toContain('filter:');
	}, 120_000);
});
