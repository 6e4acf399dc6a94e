/**
 * The apps list renders only the rows whose inputs changed (ui/app-row-line.tsx): each row on screen must still
 * follow its app through every later frame of the same mounted screen — a new verdict, the controller's message
 * and last sync on a wide terminal, its context going silent, the clock on another day, the cursor moving.
 */
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import type {AppStatus} from '../../source/domain/app.js';
import type {FleetSnapshot} from '../../source/state/fleet-snapshot.js';
import {appId} from '../../source/state/fleet-snapshot.js';
import {reducer} from '../../source/state/reducer.js';
import type {TuiState} from '../../source/state/tui-state.js';
import {AppFrame} from '../../source/ui/app-frame.js';
import {ThemeProvider} from '../../source/ui/theme-context.js';
import {createTheme} from '../../source/ui/theme.js';
import {run, stateWith} from '../support/frame-render.js';
import {seededSnapshot} from '../support/tui-snapshot.js';

const theme = createTheme({colour: false, ascii: false});
const now = new Date('2026-11-22T02:05:00Z');

/** One mounted frame, rendered again for each new state, as the TUI does. */
function mounted(first: TuiState) {
	const app = render(
		<ThemeProvider value={theme}>
			<AppFrame state={first} now={now} />
		</ThemeProvider>,
	);
	const show = (state: TuiState, at = now) => {
		app.rerender(
			<ThemeProvider value={theme}>
				<AppFrame state={state} now={at} />
			</ThemeProvider>,
		);
		return (app.lastFrame() ?? '').split('\n');
	};
	return {show, rows: () => (app.lastFrame() ?? '').split('\n'), unmount: () => app.unmount()};
}

const rowOf = (lines: string[], name: string, context: string) => lines.find(line => line.includes(` ${name} `) && line.includes(context)) ?? '';
const updated = (state: TuiState, snapshot: FleetSnapshot) => reducer(state, {type: 'snapshot-updated', snapshot});
/** The snapshot with one app replaced (a new status object, as a new evaluation makes). */
function withApp(snapshot: FleetSnapshot, id: string, change: Partial<AppStatus>): FleetSnapshot {
	return {...snapshot, apps: snapshot.apps.map(app => (appId(app) === id ? {...app, ...change} : app))};
}

describe('memoised app rows', () => {
	it('follow a new verdict, the cursor and a context that stops answering, at 80 columns', () => {
		const seeded = seededSnapshot();
		let state = stateWith(seeded);
		const screen = mounted(state);
		expect(rowOf(screen.rows(), '└─', 'prod-us')).toMatch(/✓ Synced.*Healthy/);

		let snapshot = withApp(seeded, 'prod-us/flux/shop/shop', {sync: 'OutOfSync', health: 'Degraded'});
		state = updated(state, snapshot);
		let lines = screen.show(state);
		expect(rowOf(lines, '└─', 'prod-us')).toMatch(/OutOfSync.*Degraded/);

		const before = lines.findIndex(line => line.startsWith('›'));
		state = run(state, 'move-down');
		lines = screen.show(state);
		expect(lines.findIndex(line => line.startsWith('›'))).toBe(before + 1);
		expect(lines[before]!.startsWith('›')).toBe(false);

		// prod-eu stops answering: its rows keep their verdicts, muted, with the unknown mark.
		snapshot = {...snapshot, contexts: snapshot.contexts.map(context => (context.name === 'prod-eu' ? {...context, state: 'unreachable' as const, error: 'gone'} : context))};
		const euBefore = rowOf(lines, 'payments', 'prod-eu');
		lines = screen.show(updated(state, snapshot));
		expect(rowOf(lines, 'payments', 'prod-eu')).not.toBe(euBefore);
		expect(rowOf(lines, 'payments', 'prod-eu')).toContain('? OutOfSync'.replace('?', theme.glyph('unknown')));
		screen.unmount();
	});

	it('follow the controller message and last sync, and the clock on another day, at 200 columns', () => {
		const seeded: FleetSnapshot = {...seededSnapshot(), controllers: {'prod-eu/flux/shop/shop': {message: 'first message', lastSync: '2026-11-22T02:02:00Z'}}};
		let state = stateWith(seeded, {columns: 200, rows: 30});
		const screen = mounted(state);
		expect(rowOf(screen.rows(), 'shop', 'prod-eu')).toMatch(/02:02\s+first message/);

		state = updated(state, {...seeded, controllers: {'prod-eu/flux/shop/shop': {message: 'second message', lastSync: '2026-11-22T02:04:00Z'}}});
		expect(rowOf(screen.show(state), 'shop', 'prod-eu')).toMatch(/02:04\s+second message/);

		// The same snapshot the next day: the time now says its day.
		expect(rowOf(screen.show(state, new Date('2026-11-23T09:00:00Z')), 'shop', 'prod-eu')).toMatch(/11-22 02:04\s+second message/);
		screen.unmount();
	});
});
