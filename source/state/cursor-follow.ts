/**
 * The cursor follows its object, not its row number: when pods come and go or an app re-sorts, the selection
 * stays on what the operator was looking at. Only when that object is gone does the row number stay (clamped).
 */
import {appRows, treeRowsOf} from './selectors.js';
import {screenKey, type Screen, type TuiState} from './tui-state.js';

function rowIds(state: TuiState, screen: Screen): string[] | undefined {
	if (screen.kind === 'apps') return appRows(state).map(row => row.id);
	if (screen.kind === 'tree') return treeRowsOf(state, screen).map(row => row.node.id);
	return undefined;
}

/** The cursors of `next` moved so each list screen on the stack points at the object it pointed at in `previous`. */
export function followCursors(previous: TuiState, next: TuiState): Record<string, number> {
	const cursors = {...next.cursors};
	for (const screen of next.stack) {
		const key = screenKey(screen);
		const before = rowIds(previous, screen);
		const after = rowIds(next, screen);
		if (!before || !after || after.length === 0) continue;
		const cursor = previous.cursors[key] ?? 0;
		const id = before[cursor];
		const index = id === undefined ? -1 : after.indexOf(id);
		cursors[key] = index >= 0 ? index : Math.min(cursor, after.length - 1);
	}
	return cursors;
}
