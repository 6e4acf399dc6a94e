/**
 * The built TUI in a terminal (tmux) with `--repo` naming a Git server that accepts and never answers: the first
 * frame comes at once, with the contexts' apps and a line saying the repository is being cloned; `q` quits at once.
 */
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {silentServer} from '../support/repo-helpers.js';
import {startScenario, type Scenario} from '../support/scenario-cluster.js';
import {builtCli, ensureBuiltCli} from '../support/scenario-cli.js';
import {startTmux, type TmuxSession} from '../support/tmux.js';
import {waitFor} from '../support/wait-for.js';

let scenario: Scenario;
let server: Awaited<ReturnType<typeof silentServer>>;
let session: TmuxSession | undefined;
beforeAll(async () => {
	await ensureBuiltCli();
	scenario = await startScenario();
	server = await silentServer();
}, 90_000);
afterAll(async () => {
	await session?.kill();
	await server?.close();
	await scenario?.stop();
});

describe('the TUI and a first clone that hangs', () => {
	it('draws the apps at once and says the repository is being cloned', async () => {
		const started = Date.now();
		session = await startTmux({
			command: `node ${builtCli} --repo http://127.0.0.1:${server.port}/org/config.git`,
			columns: 120,
			rows: 30,
			env: {PATH: process.env['PATH'] ?? '', HOME: scenario.repo.root, XDG_CACHE_HOME: path.join(scenario.repo.root, 'cache'), KUBECONFIG: scenario.kubeconfig, TERM: 'xterm-256color'},
		});
		const screen = await session.waitForText(/api\s+argo/, 15_000);
		expect(Date.now() - started).toBeLessThan(15_000);
		expect(screen).toContain('cloning http://127.0.0.1');
		expect(server.connections()).toBeGreaterThan(0);
		// The session can act while it clones: the action keys are offered (the switching fleet carries the runner).
		expect(screen).toContain('<R>reconcile');
		// Quitting does not wait for the clone either: the full-screen frame is gone at once.
		await session.keys(['q']);
		const tui = session;
		await waitFor(async () => !/api\s+argo/.test(await tui.screen()), {timeoutMs: 5000, describe: () => 'the TUI to quit'});
	}, 60_000);
});
