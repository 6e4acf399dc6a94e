/**
 * Acting from the TUI end to end, as a person at an 80×24 terminal: the built CLI runs `--demo` in tmux with the
 * real action engine. Pause billing with a reason and see it in the row and the line under the list, resume it;
 * with Git taken away (`:outage on`) roll shop on prod-eu back to an older commit from its history, typing the
 * protected context's name, see the old image live and the "rolled back" mark, then resume; and in --read-only
 * the same keys write nothing and say why.
 */
import {describe, expect, it} from 'vitest';
import {demoTerminal, fitsTerminal, pointerLine, screenLines, typeCommand} from '../support/demo-e2e.js';
import type {TmuxSession} from '../support/tmux.js';
import {waitFor} from '../support/wait-for.js';

const demo = demoTerminal();

async function startDemo(flags = ''): Promise<TmuxSession> {
	const {tmux} = await demo.start({flags, keepShell: true});
	await tmux.waitForText(/payments[\s\S]*checkout|checkout[\s\S]*payments/, 60_000);
	await tmux.waitForText(/OutOfSync/, 60_000);
	return tmux;
}

/** The line under the list (the status line), just above the hints. */
const statusLine = (screen: string) => screenLines(screen).at(-2) ?? '';

/**
 * Moves the pointer away and back, so the line under the list shows the selected app again (not the last result).
 * The pointed row is told by its app (name, engine, context), not its whole line: the demo's controllers keep
 * changing health and sync meanwhile (billing went from Progressing to Healthy between two captures).
 */
async function reselect(tmux: TmuxSession): Promise<void> {
	let screen = await tmux.screen();
	const pointedApp = () => pointerLine(screen).split(/\s+/).slice(1, 4).join(' ');
	const before = pointedApp();
	const pointedNow = async () => {
		screen = await tmux.screen();
		return pointedApp();
	};
	await tmux.keys(['j']);
	await waitFor(async () => (await pointedNow()) !== before, {timeoutMs: 5000, describe: () => `the pointer to leave ${before}; screen:\n${screen}`});
	await tmux.keys(['k']);
	await waitFor(async () => (await pointedNow()) === before, {timeoutMs: 5000, describe: () => `the pointer back on ${before}; screen:\n${screen}`});
}

/** Fits 80 columns and 24 rows. */
const fits = (screen: string) => fitsTerminal(screen, 80, 24);

describe('acting from gitops-tui --demo at 80×24', () => {
	it('pauses billing with a reason, shows who and why in the row and under it, and resumes it', async () => {
		const tmux = await startDemo();
		// The demo starts with billing paused by alice: resume it first (staging is not protected: y confirms).
		await waitFor(async () => /billing.*paused/.test(pointerLine(await tmux.screen())), {timeoutMs: 10_000});
		await tmux.keys(['U']);
		const resume = await tmux.waitForText('y confirms', 30_000);
		expect(resume).toContain('resume auto-sync of billing on staging');
		expect(fits(resume)).toBe(true);
		await tmux.keys(['y']);
		await tmux.waitForText(/journal entry #\d+/, 30_000);
		await tmux.keys(['Escape']);
		await waitFor(async () => /billing.*\son\s*$/.test(pointerLine(await tmux.screen())), {timeoutMs: 30_000, describe: () => 'billing to show auto-sync on'});

		await tmux.keys(['P']);
		await tmux.waitForText('reason (required)', 30_000);
		await tmux.keys(['Enter']);
		await tmux.waitForText('a reason is required', 30_000);
		await tmux.keys(['db migration'], {literal: true});
		await tmux.keys(['Tab']);
		await tmux.keys(['2h'], {literal: true});
		await tmux.keys(['Enter']);
		const plan = await tmux.waitForText('y confirms', 30_000);
		expect(plan).toMatch(/pause auto-sync of billing on staging until (\d\d-\d\d )?\d\d:\d\d/);
		expect(plan).toContain('gitops-tui.io/pause-reason: db migration');
		expect(fits(plan)).toBe(true);
		await tmux.keys(['y']);
		await tmux.waitForText(/journal entry #\d+/, 30_000);
		await tmux.keys(['Escape']);
		await waitFor(async () => /billing.*paused\s*$/.test(pointerLine(await tmux.screen())), {timeoutMs: 30_000, describe: () => 'billing to show paused'});
		await reselect(tmux);
		await waitFor(async () => /billing: auto-sync paused by \S+ \d+s ago — until (\d\d-\d\d )?\d\d:\d\d, in (2h|1h59m): db migr/.test(statusLine(await tmux.screen())), {
			timeoutMs: 15_000,
			describe: () => 'the line under the list to tell who paused billing, until when and why',
		});

		await tmux.keys(['U']);
		await tmux.waitForText('y confirms', 30_000);
		await tmux.keys(['y']);
		await tmux.waitForText(/journal entry #\d+/, 30_000);
		await tmux.keys(['Escape']);
		await waitFor(async () => /billing.*\son\s*$/.test(pointerLine(await tmux.screen())), {timeoutMs: 30_000, describe: () => 'billing to show auto-sync on again'});
	}, 240_000);

	it('rolls shop on prod-eu back from its history during a Git outage, marks it, and resumes', async () => {
		const tmux = await startDemo();
		// The demo's outage switch has been seen to fail under load ("socket hang up"): the switch is the demo's, not
		// what this test is about, so it is flipped again when it says it failed.
		for (let attempt = 1; ; attempt++) {
			await typeCommand(tmux, 'outage on');
			try {
				await tmux.waitForText(/GIT OUTAGE/, 30_000);
				break;
			} catch (error) {
				if (attempt === 3) throw error;
			}
		}
		await typeCommand(tmux, 'app shop');
		await tmux.waitForText(/Deployment\/web/, 30_000);
		expect(await tmux.screen()).toMatch(/shop flux on prod-eu/);
		await tmux.keys(['h']);
		await tmux.waitForText('web, worker and settings', 30_000);
		// The oldest commit: web on nginx 1.25, an image no context runs now.
		await tmux.keys(['G']);
		await waitFor(async () => pointerLine(await tmux.screen()).includes('web, worker and settings'), {timeoutMs: 5000});
		await tmux.keys(['d']);
		const diff = await tmux.waitForText(/app shop at [0-9a-f]{7} vs live/, 30_000);
		const sha = /app shop at ([0-9a-f]{7}) vs live/.exec(diff)![1]!;
		await tmux.waitForText('<B>roll back', 30_000);
		await tmux.keys(['B']);
		const confirm = await tmux.waitForText('prod-eu is protected: type its name', 60_000);
		expect(confirm).toContain(`roll back shop on prod-eu to ${sha}`);
		// Rendered from the local clone: the Git server is down.
		expect(confirm).toMatch(/revision [0-9a-f]{7} .* from the local/);
		expect(fits(confirm)).toBe(true);
		await tmux.keys(['y']);
		await tmux.keys(['Enter']);
		await tmux.waitForText('type prod-eu exactly to confirm', 30_000);
		await tmux.keys(['BSpace']);
		await tmux.keys(['prod-eu'], {literal: true});
		await tmux.keys(['Enter']);
		// The demo's web image was edited by hand (kubectl-edit owns it): server-side apply stops at the conflict,
		// naming the field and its manager, and F plans it again taking the field over.
		const conflict = await tmux.waitForText(/journal entry #1/, 150_000);
		expect(conflict).toMatch(/is owned by kubectl-edit/);
		expect(conflict).toContain('F plans it again taking the conflicting fields over');
		await tmux.keys(['F']);
		await tmux.waitForText('prod-eu is protected: type its name', 60_000);
		await tmux.keys(['prod-eu'], {literal: true});
		await tmux.keys(['Enter']);
		const result = await tmux.waitForText(/journal entry #2/, 150_000);
		expect(result).toMatch(/done: \d+ write\(s\)/);
		await tmux.keys(['Escape']);
		await tmux.waitForText(`shop@prod-eu rolled back to ${sha}: auto-sync paused until resumed`, 30_000);

		// The old image is live: the whole-app diff against HEAD now shows nginx 1.25 on the live side. Each esc waits
		// for its screen, so each step is checked (two in one read are two escapes: source/keymap/escape-then-key.ts).
		await tmux.keys(['Escape']);
		await tmux.waitForText('history of shop on prod-eu', 30_000);
		await tmux.keys(['Escape']);
		await tmux.waitForText(/Deployment\/web/, 30_000);
		await tmux.keys(['D']);
		await tmux.waitForText(/^-\s+- image: nginx:1\.25/m, 30_000);
		await tmux.keys(['Escape']);
		await tmux.waitForText(/Deployment\/web/, 30_000);
		expect(await tmux.screen()).toContain(`rolled back to ${sha}`);

		await tmux.keys(['U']);
		await tmux.waitForText('prod-eu is protected: type its name', 30_000);
		await tmux.keys(['prod-eu'], {literal: true});
		await tmux.keys(['Enter']);
		await tmux.waitForText(/journal entry #3/, 60_000);
		await tmux.keys(['Escape']);
		await waitFor(async () => !(await tmux.screen()).includes('rolled back to'), {timeoutMs: 30_000, describe: () => 'the rolled-back mark to go once resumed'});
		// Resumed, the simulated kustomize-controller applies its artifact (HEAD, fetched before the outage) again,
		// taking the hand edit over: shop on prod-eu comes back Synced without Git being reachable.
		await tmux.keys(['Escape']);
		await tmux.waitForText(/shop\s+flux\s+prod-eu\s+✓ Synced/, 60_000);
	}, 300_000);

	it('in --read-only the action keys and commands write nothing and say why', async () => {
		const tmux = await startDemo('--read-only');
		const first = await tmux.screen();
		expect(first).toContain('READ-ONLY');
		expect(first).not.toContain('<R>');
		await tmux.keys(['R']);
		await tmux.waitForText('read-only mode: reconcile would write to staging', 30_000);
		await typeCommand(tmux, 'pause because');
		await tmux.waitForText('read-only mode: pause would write to staging', 30_000);
		await tmux.keys(['U']);
		await tmux.waitForText('read-only mode: resume would write', 30_000);
		expect(await tmux.screen()).not.toContain('y confirms');
	}, 120_000);
});
