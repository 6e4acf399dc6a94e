/**
 * The built CLI loads only what a run needs (issue 11: in a fully read-only run the mutating code is not even
 * loaded; issue 14: the TUI's splash is painted before Ink, React, yoga and client-node load). Each run goes through node's module hooks (test/support/module-trace.mjs), and the bundle files it
 * loaded are mapped back to their sources: a --read-only TUI session and a read-only `status` load no file of
 * source/actions/; a writable TUI loads them on its first action (which then plans and asks), and so does an
 * action command (which also shows the trace sees them when they load).
 */
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {startScenario, runProcess, type Scenario} from '../support/scenario-cluster.js';
import {builtCli, ensureBuiltCli} from '../support/scenario-cli.js';
import {loadedSources, moduleTraceImport, sourcesLoadedBefore} from '../support/loaded-sources.js';
import {startTmux, type TmuxSession} from '../support/tmux.js';

let scenario: Scenario;
let tmux: TmuxSession | undefined;
let runs = 0;

beforeAll(async () => {
	await ensureBuiltCli();
	scenario = await startScenario();
}, 120_000);
afterEach(async () => {
	await tmux?.kill();
	tmux = undefined;
});
afterAll(async () => scenario?.stop());

function environment(trace: string): Record<string, string> {
	return {PATH: process.env['PATH'] ?? '', HOME: scenario.repo.root, XDG_STATE_HOME: path.join(scenario.repo.root, 'state'), KUBECONFIG: scenario.kubeconfig, GITOPS_TUI_MODULE_TRACE: trace};
}

const traceFile = () => path.join(scenario.repo.root, `modules-${++runs}.txt`);
const actionSources = (sources: string[]) => sources.filter(source => source.startsWith(`source${path.sep}actions${path.sep}`));
/** What the splash path must not load: the UI runtime, its layout engine and the Kubernetes client. */
const heavySources = (sources: string[]) => sources.filter(source => /node_modules[\\/](ink|react|react-reconciler|yoga-layout|@kubernetes[\\/]client-node)[\\/]/.test(source));

describe('lazy loading of the built CLI', () => {
	it('a --read-only TUI session shows the fleet without loading the actions code', async () => {
		const trace = traceFile();
		tmux = await startTmux({
			command: `sh -c 'node --import ${moduleTraceImport} ${builtCli} --read-only --repo ${scenario.repo.dir}; echo "gitops-tui exited with $?"; sleep 600'`,
			columns: 100,
			rows: 24,
			env: {...environment(trace), LANG: 'C.UTF-8', TERM: 'xterm-256color'},
		});
		await tmux.waitForText(/worker\s+plain/, 30_000);
		await tmux.keys(['q']);
		await tmux.waitForText('gitops-tui exited with 0', 15_000);
		const sources = loadedSources(trace);
		expect(sources).toContain(path.join('source', 'ui', 'app.tsx'));
		expect(actionSources(sources)).toEqual([]);
		// The splash was painted before the TUI's modules loaded, from modules that load none of the heavy ones.
		expect(heavySources(sources)).not.toEqual([]);
		const splashPath = sourcesLoadedBefore(trace, path.join('source', 'commands', 'tui.ts'));
		expect(splashPath).toContain(path.join('source', 'commands', 'splash.ts'));
		expect(heavySources(splashPath)).toEqual([]);
	}, 90_000);

	it('a writable TUI session loads the actions code on the first action, and the action works', async () => {
		const trace = traceFile();
		tmux = await startTmux({
			command: `sh -c 'node --import ${moduleTraceImport} ${builtCli} --repo ${scenario.repo.dir}; echo "gitops-tui exited with $?"; sleep 600'`,
			columns: 120,
			rows: 30,
			env: {...environment(trace), LANG: 'C.UTF-8', TERM: 'xterm-256color'},
		});
		await tmux.waitForText(/worker\s+plain/, 30_000);
		expect(actionSources(loadedSources(trace))).toEqual([]);
		await tmux.keys(['R']);
		// The engine planned the reconcile and asks: it was loaded and ran.
		await tmux.waitForText('y confirms', 30_000);
		expect(actionSources(loadedSources(trace))).not.toEqual([]);
		await tmux.keys(['Escape']);
		// q only once the dialog has gone, so the cancel is seen (esc and q in one read are both pressed, too).
		await tmux.waitForText('cancelled, nothing was written', 15_000);
		await tmux.keys(['q']);
		await tmux.waitForText('gitops-tui exited with 0', 15_000);
	}, 90_000);

	it('status loads neither the TUI nor the actions; an action command loads the actions', async () => {
		const statusTrace = traceFile();
		const status = await runProcess('node', ['--import', moduleTraceImport, builtCli, 'status', '--read-only', '--repo', scenario.repo.dir], environment(statusTrace));
		expect(status.stdout).toContain('worker');
		const statusSources = loadedSources(statusTrace);
		expect(statusSources).toContain(path.join('source', 'engines', 'evaluate.ts'));
		expect(statusSources.filter(source => source.startsWith(`source${path.sep}ui${path.sep}`))).toEqual([]);
		expect(actionSources(statusSources)).toEqual([]);

		const actionTrace = traceFile();
		const action = await runProcess('node', ['--import', moduleTraceImport, builtCli, 'suspend', 'worker', '--reason', 'test', '--dry-run', '--read-only', '--repo', scenario.repo.dir], environment(actionTrace));
		expect(action.code, action.stderr).not.toBe(0);
		expect(actionSources(loadedSources(actionTrace))).not.toEqual([]);
	}, 90_000);
});
