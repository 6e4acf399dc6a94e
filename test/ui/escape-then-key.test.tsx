/**
 * An escape and the next key in one read (a slow SSH link, tmux send-keys) are both pressed: the dialog closes and
 * q quits; two escapes go back two levels; in a prompt, escape cancels and the key after it acts. Each is written
 * to stdin in one write, so Ink reads it at once.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {fakeActionRunner} from '../support/fake-action-runner.js';
import {fakeFleetSource} from '../support/fake-fleet-source.js';
import {seededFastDiff, startTui} from '../support/tui-harness.js';
import {seededSnapshot} from '../support/tui-snapshot.js';
import {waitFor} from '../support/wait-for.js';

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

function start() {
	const runner = fakeActionRunner({});
	const source = fakeFleetSource({initial: seededSnapshot(), fastDiff: seededFastDiff, history: {status: 'loading'}, actions: runner});
	const tui = startTui({source});
	unmount = tui.app.unmount;
	return {...tui, runner};
}

describe('escape read together with the next key', () => {
	it('closes the dialog and quits with esc q', async () => {
		const tui = start();
		await tui.ready();
		tui.press('R');
		await tui.until('y confirms');
		expect(tui.source.subscribers()).toBe(1);
		tui.press('\u001Bq');
		// Quitting unmounts the TUI, which unsubscribes from its source.
		await waitFor(() => tui.source.subscribers() === 0, {timeoutMs: 5000, describe: () => `the TUI to quit; screen:\n${tui.screen()}`});
		expect(tui.runner.executed).toEqual([]);
	});

	it('goes back two levels with two escapes, diff to tree to the list', async () => {
		const tui = start();
		await tui.ready();
		tui.press('jjj');
		await tui.until('› shop');
		tui.press('\r');
		await tui.until('Deployment/web');
		tui.press('j');
		tui.press('\r');
		await tui.until('image: nginx:1.25');
		tui.press('\u001B\u001B');
		const list = await tui.until('NAME');
		expect(list).not.toContain('Deployment/web');
		expect(list).toMatch(/› shop\s+flux\s+prod-eu/);
	});

	it('cancels a prompt with esc and acts on the key after it', async () => {
		const tui = start();
		await tui.ready();
		tui.press('j');
		await tui.until('› checkout');
		tui.press('P');
		await tui.until('reason (required)');
		tui.press('\u001B/');
		// The pause form is cancelled (nothing typed into it) and / opens the list's filter.
		await waitFor(() => !tui.screen().includes('reason (required)'), {timeoutMs: 5000, describe: () => `the form to close:\n${tui.screen()}`});
		tui.press('argo\r');
		await waitFor(() => !tui.screen().includes('billing'), {timeoutMs: 5000, describe: () => `the list filtered to argo:\n${tui.screen()}`});
		expect(tui.screen()).toMatch(/› payments\s+argo/);
		expect(tui.screen()).toContain('pause auto-sync of checkout on staging: cancelled, nothing was written');
		expect(tui.runner.requests).toEqual([]);

		// The same in the command line: esc cancels it, and the key after it acts on the list.
		tui.press(':');
		await tui.until(/^:/m);
		tui.press('\u001B?');
		await tui.until('Keys (esc or ? to close)');
	});

	it('still reads arrows and page keys as one key each', async () => {
		const tui = start();
		await tui.ready();
		tui.press('\u001B[B');
		await tui.until('› checkout');
		tui.press('\u001B[A');
		await tui.until('› billing');
	});
});
