/** Renders one frame of the TUI from a state built with the reducer: a screen test with no hooks or timing. */
import {render} from 'ink-testing-library';
import type {CommandId} from '../../source/keymap/bindings.js';
import type {TuiAction} from '../../source/state/actions.js';
import type {FleetSnapshot} from '../../source/state/fleet-snapshot.js';
import {reducer} from '../../source/state/reducer.js';
import {initialState, type TuiState} from '../../source/state/tui-state.js';
import {AppFrame} from '../../source/ui/app-frame.js';
import {ThemeProvider} from '../../source/ui/theme-context.js';
import {createTheme} from '../../source/ui/theme.js';

/** The state after the snapshot arrives, at 80×24 unless told; `canAct` as when the session has an action engine. */
export function stateWith(snapshot: FleetSnapshot, size: {columns?: number; rows?: number; canAct?: boolean} = {}): TuiState {
	return reducer(initialState({readOnly: false, columns: size.columns ?? 80, rows: size.rows ?? 24, canAct: size.canAct ?? false}), {type: 'snapshot-updated', snapshot});
}

export function run(state: TuiState, ...steps: Array<CommandId | TuiAction>): TuiState {
	return steps.reduce<TuiState>((s, c) => reducer(s, typeof c === 'string' ? {type: 'command-invoked', command: c} : c), state);
}

/** The frame as the terminal shows it, one string per row; unmounts at once (a frame is all a screen test needs). */
export function frameOf(state: TuiState, now: Date, options: {ascii?: boolean} = {}): string[] {
	const app = render(
		<ThemeProvider value={createTheme({colour: false, ascii: options.ascii ?? false})}>
			<AppFrame state={state} now={now} />
		</ThemeProvider>,
	);
	const frame = app.lastFrame() ?? '';
	app.unmount();
	return frame.split('\n');
}
