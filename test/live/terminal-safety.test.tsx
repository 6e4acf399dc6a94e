/**
 * The TUI over the real live fleet (sandbox over HTTPS, a real git repository): every text from Git or the
 * cluster reaches the screen visible, never raw — the context name in the list, the pause reason under it, a
 * condition message and a file name in apps' errors, an object name from Git in the tree, an event message under
 * it, and a commit's subject and author in the history. Colours are off, so any ESC in a frame would be data.
 */
import {render} from 'ink-testing-library';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {nodeRuntime} from '../../source/cluster/runtime.js';
import {openEvaluationSession, type EvaluationSession} from '../../source/commands/evaluation-session.js';
import {startLiveFleet, type LiveFleet} from '../../source/live/live-fleet.js';
import {App} from '../../source/ui/app.js';
import {ThemeProvider} from '../../source/ui/theme-context.js';
import {createTheme} from '../../source/ui/theme.js';
import {plantHostileText, rawControl, shown} from '../support/hostile-text.js';
import {startScenario, type Scenario} from '../support/scenario-cluster.js';
import {waitFor} from '../support/wait-for.js';

let scenario: Scenario;
let session: EvaluationSession;
let fleet: LiveFleet;
const timers = {setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms), clearTimeout: (handle: unknown) => clearTimeout(handle as NodeJS.Timeout)};

beforeAll(async () => {
	scenario = await startScenario();
	await plantHostileText(scenario);
	const env = {...process.env, KUBECONFIG: scenario.kubeconfig, HOME: scenario.repo.root, XDG_CACHE_HOME: path.join(scenario.repo.root, 'cache')};
	const opened = await openEvaluationSession({args: [], flags: {repo: scenario.repo.dir}, io: {stdout: process.stdout, stderr: process.stderr, env, cwd: scenario.repo.root}}, 'tui');
	if (!opened.ok) throw new Error('cannot open the scenario session');
	session = opened.session;
	fleet = startLiveFleet({
		inputs: {contexts: session.contexts, kubeconfigContexts: session.kubeconfigContexts, ...(session.repo ? {repo: session.repo} : {}), tools: session.tools},
		readOnly: true,
		runtime: nodeRuntime(env),
		timers,
		now: () => new Date(),
		log: () => undefined,
		quietMs: 50,
	});
}, 60_000);

afterAll(async () => {
	fleet?.stop();
	session?.close();
	await scenario?.stop();
});

describe('the TUI shows Git and cluster text visibly, never raw', () => {
	it('in the list, the tree, its events and the history', async () => {
		const app = render(
			<ThemeProvider value={createTheme({colour: false, ascii: false})}>
				<App source={fleet.source} readOnly />
			</ThemeProvider>,
		);
		const frames: string[] = [];
		const screen = () => {
			const frame = app.lastFrame() ?? '';
			frames.push(frame);
			return frame;
		};
		const until = (text: string) => waitFor(() => screen().includes(text), {timeoutMs: 20_000, describe: () => `${text} on screen:\n${screen()}`});
		try {
			await until('worker');
			await until(shown.contextName);
			// The list opens on api (paused): its pause reason is under the list.
			await until(shown.pauseReason);
			app.stdin.write('\r');
			await until(`ConfigMap/${shown.objectName}`);
			app.stdin.write('jj');
			await until('events of Deployment/api');
			await until(shown.eventMessage);
			app.stdin.write('h');
			await until('Mallory\\x1b');
			await until('fix\\x1b]0;owned');
			app.stdin.write('\u001B');
			await until('events of');
			app.stdin.write('\u001B');
			await until('NAME');
			app.stdin.write('j');
			await until('auth failed\\x1b[5m');
			app.stdin.write('j');
			await until(`apps/worker/${shown.fileName}`);
			for (const frame of frames) expect(rawControl.test(frame)).toBe(false);
		} finally {
			app.unmount();
		}
	}, 60_000);
});
