/**
 * The ASCII theme (asked for, or a locale without UTF-8) on every screen: list, tree, diff, history, changes since
 * healthy, details, help, the pause form, an action dialog with its plan, the Git outage banner. Every frame Ink
 * renders is ASCII already, before the frame screen's last guard (commands/frame-screen.ts): `…` is written `...`
 * and measured as such, `—` and `’` as `-` and `'`, tree connectors and marks from the ASCII glyph set.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {fakeActionRunner, key} from '../support/fake-action-runner.js';
import {fakeFleetSource} from '../support/fake-fleet-source.js';
import {seededFastDiff, startTui} from '../support/tui-harness.js';
import {seededSnapshot} from '../support/tui-snapshot.js';
import {waitFor} from '../support/wait-for.js';

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

const history = {
	status: 'ready' as const,
	commits: [{sha: 'abc1234def', author: 'alice', date: '2026-11-20T10:00:00Z', subject: 'web — “x” it’s…'}],
	deployed: {abc1234def: ['flux@prod-eu']},
};
const notAscii = /[^\u0000-\u007f]/;

describe('the ASCII theme on every screen', () => {
	it('renders only ASCII, with every width counting the ASCII replacement', async () => {
		const runner = fakeActionRunner({objects: () => [{key: key('Deployment', 'apps', 'shop', 'web'), change: 'change', summary: 'image nginx:1.25 → nginx:1.26 — pinned…'}]});
		const source = fakeFleetSource({initial: seededSnapshot(), fastDiff: seededFastDiff, history, actions: runner});
		const tui = startTui({source, ascii: true, colour: false});
		unmount = tui.app.unmount;
		const {until, press, screen} = tui;
		const selected = () => screen().split('\n').find(line => line.startsWith('>')) ?? '';
		await until('payments');
		await waitFor(() => {
			press('G');
			return selected().includes('`-');
		}, {describe: () => `keys to reach the TUI:\n${screen()}`});
		press('g');
		await waitFor(() => selected().includes('billing'), {describe: () => screen()});

		// The paused app's story on the status line, then its details.
		expect(screen()).toMatch(/billing: auto-sync paused by alice/);
		press('v');
		await until(/details/);
		press('v');
		await until(/^> billing/m);
		press('?');
		await until('Keys (esc or ? to close)');
		expect(screen()).toContain("Commits touching the app's path");
		// A key cut to its column ends with the ASCII ellipsis, counted in the width.
		expect(screen()).toMatch(/ctrl-d \/ pg\.\.\.Move down a page/);
		press('\u001B');
		await until(/^> billing/m);

		// shop: its tree (connectors), a resource diff, the app diff, history, changes since healthy.
		press(':');
		press('app shop\r');
		await until('Deployment/web');
		expect(screen()).toMatch(/\|- |`- /);
		press('D');
		await until('live vs Git');
		press('\u001B');
		await until('Deployment/web');
		press('h');
		const commits = await until('web - ');
		expect(commits).toContain('web - "x" it\'s...');
		press('\u001B');
		await until('Deployment/web');
		press('c');
		await until(/healthy/i);
		press('\u001B');
		await until('Deployment/web');

		// An action dialog with its plan, and the pause form.
		press('R');
		await until('y confirms');
		expect(screen()).toContain('image nginx:1.25 -> nginx:1.26 - pinned...');
		press('\u001B');
		await until('Deployment/web');
		press('P');
		await until('reason (required)');
		press('\u001B');
		await until('Deployment/web');

		source.push(seededSnapshot({outage: true}));
		await until('GIT OUTAGE');

		const frames = tui.app.frames.filter(frame => notAscii.test(frame));
		expect(frames[0] ?? '').toBe('');
		// Nothing wider than the terminal: a replacement measured after the cut would push a row past 100 columns.
		for (const frame of tui.app.frames) for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
	});
});
