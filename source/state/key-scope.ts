/** Which part of the key table is live, and whether action keys are offered: read by the keys, hints and help. */
import type {KeyScope} from '../keymap/bindings.js';
import {selectedApp} from './action-open.js';
import {currentScreen, type TuiState} from './tui-state.js';

export function keyScope(state: TuiState): KeyScope {
	if (state.dialog) return 'dialog';
	if (state.help) return 'help';
	if (state.details !== undefined) return 'details';
	const screen = currentScreen(state);
	return screen.kind === 'diff' && screen.revision ? 'revision-diff' : screen.kind;
}

/**
 * Action keys are left out of hints and help in read-only mode, on a context the settings make read-only, and
 * when the session has no action engine. Pressed anyway, they say why (the transport refuses writes regardless).
 */
export function actionsHidden(state: TuiState): boolean {
	if (state.readOnly || !state.canAct) return true;
	const selected = selectedApp(state);
	return Boolean(selected && state.readOnlyContexts.includes(selected.app.context));
}
