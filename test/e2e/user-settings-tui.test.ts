/**
 * The user settings as a person meets them in the TUI (the built CLI in tmux, against a sandbox scenario): the
 * theme from config.yaml (ASCII glyphs only; no colour; colour despite NO_COLOR), the READ-ONLY badge when the file is broken, and the
 * read-only mode changes the TUI journals per context (read-only-on, then read-only-off when the setting goes).
 */
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {openJournal} from '../../source/journal/journal-file.js';
import {startScenario, type Scenario} from '../support/scenario-cluster.js';
import {builtCli, ensureBuiltCli} from '../support/scenario-cli.js';
import {startTmux, type TmuxSession} from '../support/tmux.js';
import {waitFor} from '../support/wait-for.js';

let scenario: Scenario;
let tmux: TmuxSession | undefined;
let configDir: string;
let stateDir: string;

beforeAll(async () => {
	await ensureBuiltCli();
	scenario = await startScenario();
	configDir = path.join(scenario.repo.root, 'user-config');
	stateDir = path.join(scenario.repo.root, 'state');
	mkdirSync(configDir);
}, 120_000);
afterEach(async () => {
	await tmux?.kill();
	tmux = undefined;
});
afterAll(async () => scenario?.stop());

/** Opens the TUI with this config.yaml, waits for the apps list, quits with q and waits for the exit. */
async function tuiRun(config: string, check: (screen: string, colouredScreen: string) => void, env: Record<string, string> = {}): Promise<void> {
	writeFileSync(path.join(configDir, 'config.yaml'), config);
	tmux = await startTmux({
		command: `sh -c 'node ${builtCli} --repo ${scenario.repo.dir}; echo "gitops-tui exited with $?"; sleep 600'`,
		columns: 100,
		rows: 24,
		env: {HOME: scenario.repo.root, KUBECONFIG: scenario.kubeconfig, GITOPS_TUI_CONFIG_DIR: configDir, XDG_STATE_HOME: stateDir, LANG: 'C.UTF-8', TERM: 'xterm-256color', ...env},
	});
	const screen = await tmux.waitForText(/worker\s+plain/, 30_000);
	check(screen, await tmux.screenWithEscapes());
	await tmux.keys(['q']);
	await tmux.waitForText('gitops-tui exited with 0', 15_000);
}

/** SGR colour parameters: 30–37, 38;…, 40–47, 48;…, 90–97, 100–107. */
const colourCode = /\u001B\[(?:[0-9;]*;)?(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;[0-9;]*)?m/;

const journal = () => openJournal({path: path.join(stateDir, 'gitops-tui', 'journal.jsonl'), now: () => new Date()});
const modeEntries = async () => (await journal().read()).filter(entry => entry.action.startsWith('read-only-')).map(entry => `${entry.context} ${entry.action}`);

describe('user settings in the TUI', () => {
	it('theme ascii and no-colour; readOnlyContexts journaled as read-only-on, its removal as read-only-off', async () => {
		await tuiRun('readOnlyContexts: [sandbox]\ntheme: ascii\n', screen => {
			expect(screen).toMatch(/^[\u0020-\u007e\n]*$/);
		});
		await waitFor(async () => (await modeEntries()).length === 1, {describe: () => 'the read-only-on entry'});
		const [on] = (await journal().read()).filter(entry => entry.action === 'read-only-on');
		expect(on).toMatchObject({context: 'sandbox', parameters: {command: 'tui', reason: expect.stringContaining('readOnlyContexts')}, outcome: {status: 'done'}});

		await tuiRun('theme: no-colour\n', (_screen, coloured) => {
			expect(coloured).not.toMatch(colourCode);
		});
		// A user's configuration overrides NO_COLOR.
		await tuiRun('theme: colour\n', (_screen, coloured) => expect(coloured).toMatch(colourCode), {NO_COLOR: '1'});
		await waitFor(async () => (await modeEntries()).length === 2, {describe: () => 'the read-only-off entry'});
		expect(await modeEntries()).toEqual(['sandbox read-only-on', 'sandbox read-only-off']);
		expect((await journal().verify()).ok).toBe(true);
	}, 120_000);

	it('a broken file: the READ-ONLY badge, and the mode change journaled with the reason', async () => {
		// Whatever ran before, the last journaled mode of sandbox is now writable.
		if ((await modeEntries()).at(-1) !== 'sandbox read-only-off') await journal().append({actor: 'test', context: 'sandbox', action: 'read-only-off', parameters: {}, outcome: {status: 'done'}, objects: []});
		const before = (await modeEntries()).length;
		await tuiRun('readOnlyContexts: sandbox\n', screen => {
			expect(screen).toContain('READ-ONLY');
		});
		await waitFor(async () => (await modeEntries()).length === before + 1, {describe: () => 'a read-only-on entry'});
		const last = (await journal().read()).at(-1)!;
		expect(last).toMatchObject({action: 'read-only-on', parameters: {reason: expect.stringContaining('config.yaml:1: readOnlyContexts: must be a list of context names')}});
	}, 120_000);
});
