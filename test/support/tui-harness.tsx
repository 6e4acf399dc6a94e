/** Renders the whole TUI on a fake source through ink-testing-library, with helpers to type and wait like a person. */
import {render} from 'ink-testing-library';
import {App} from '../../source/ui/app.js';
import {ThemeProvider} from '../../source/ui/theme-context.js';
import {createTheme} from '../../source/ui/theme.js';
import type {DiffDocument} from '../../source/state/tui-state.js';
import {fakeFleetSource, type FakeFleetSource} from './fake-fleet-source.js';
import {seededSnapshot} from './tui-snapshot.js';
import {waitFor} from './wait-for.js';

export const seededFastDiff: DiffDocument = {
	mode: 'fast',
	pending: true,
	lines: [
		{kind: 'header', text: '--- live/apps/Deployment/shop/web'},
		{kind: 'hunk', text: '@@ -1,3 +1,3 @@'},
		{kind: 'removed', text: '-        image: nginx:1.26', manager: 'kubectl-edit'},
		{kind: 'added', text: '+        image: nginx:1.25'},
		{kind: 'removed', text: '-  replicas: 5', manager: 'hpa-controller', ignored: true},
	],
};

export type TuiHarnessOptions = {readOnly?: boolean; readOnlyContexts?: string[]; colour?: boolean; ascii?: boolean; source?: FakeFleetSource};

export function startTui(options: TuiHarnessOptions = {}) {
	const source =
		options.source ??
		fakeFleetSource({
			initial: seededSnapshot(),
			fastDiff: seededFastDiff,
			history: {status: 'ready', commits: [{sha: 'abc1234def', author: 'alice', date: '2026-11-20T10:00:00Z', subject: 'bump web to 1.25'}], deployed: {abc1234def: ['flux']}},
		});
	const theme = createTheme({colour: options.colour ?? true, ascii: options.ascii ?? false});
	const app = render(
		<ThemeProvider value={theme}>
			<App source={source} readOnly={options.readOnly ?? false} {...(options.readOnlyContexts ? {readOnlyContexts: options.readOnlyContexts} : {})} />
		</ThemeProvider>,
	);
	const screen = () => app.lastFrame() ?? '';
	const until = async (text: string | RegExp) => {
		await waitFor(() => (typeof text === 'string' ? screen().includes(text) : text.test(screen())), {describe: () => `${String(text)} on screen:\n${screen()}`, timeoutMs: 5000});
		return screen();
	};
	const press = (keys: string) => app.stdin.write(keys);
	/** Waits until the list is drawn and the keyboard is live (G and g are idempotent, so retrying is safe). */
	const ready = async () => {
		await until('payments');
		await waitFor(() => {
			press('G');
			return /›\s+└─/.test(screen());
		}, {describe: () => `keys to reach the TUI:\n${screen()}`, timeoutMs: 5000});
		press('g');
		return until('› billing');
	};
	return {app, source, screen, until, press, ready};
}
