/** The TUI's pure reducer: state and an event in, the next state out. */
import type {TuiAction} from './actions.js';
import type {FleetSnapshot} from './fleet-snapshot.js';
import {followCursors} from './cursor-follow.js';
import {bodyRows} from './frame-layout.js';
import {dialogReducer} from './dialog-reducer.js';
import {invokeCommand} from './navigation.js';
import {appRows, diffVisibleRows, findApp} from './selectors.js';
import {currentScreen, filterOf, screenKey, shownDiffLines, type DiffDocument, type Screen, type TuiState} from './tui-state.js';

/** Drops screens whose app vanished from the snapshot, so a deleted app never leaves a dead view. */
function pruneStack(state: TuiState): Screen[] {
	const alive = state.stack.filter(screen => screen.kind === 'apps' || findApp(state.snapshot, screen.appId));
	return alive.length > 0 ? alive : [{kind: 'apps'}];
}

/** Contexts that answer now are current as of this evaluation; the others keep the time they last answered. */
function contextsSeen(seen: Record<string, string>, snapshot: FleetSnapshot): Record<string, string> {
	const at = snapshot.evaluatedAt;
	if (!at) return seen;
	const next = {...seen};
	for (const context of snapshot.contexts) if (context.state === 'ready') next[context.name] = at;
	return next;
}

export function reducer(state: TuiState, action: TuiAction): TuiState {
	switch (action.type) {
		case 'snapshot-updated': {
			const loaded = {...state, snapshot: action.snapshot, contextsSeen: contextsSeen(state.contextsSeen, action.snapshot)};
			const next = {...loaded, stack: pruneStack(loaded)};
			return {...next, cursors: followCursors(state, next)};
		}
		case 'terminal-resized':
			return {...state, viewport: {columns: action.columns, rows: action.rows}};
		case 'command-invoked':
			return invokeCommand(state, action.command);
		case 'filter-edited': {
			const key = screenKey(currentScreen(state));
			return {...state, filters: {...state.filters, [key]: action.text}, filterEditing: true, cursors: {...state.cursors, [key]: 0}};
		}
		case 'filter-closed': {
			const key = screenKey(currentScreen(state));
			return {...state, filters: {...state.filters, [key]: action.keep ? filterOf(state) : ''}, filterEditing: false};
		}
		case 'command-line-edited':
			return {...state, commandLine: action.text};
		case 'command-line-closed':
			return {...state, commandLine: undefined};
		case 'context-chosen': {
			const known = !action.context || state.snapshot?.contexts.some(c => c.name === action.context);
			if (!known) return {...state, message: {tone: 'error', text: `no context named "${action.context}"`}};
			return {...state, contextFilter: action.context, cursors: {...state.cursors, apps: 0}, stack: [{kind: 'apps'}], message: undefined};
		}
		case 'app-named': {
			const rows = appRows({...state, filters: {}});
			const row = rows.find(r => r.app.name === action.name) ?? rows.find(r => r.app.name.startsWith(action.name));
			if (!row) return {...state, message: {tone: 'error', text: `no app named "${action.name}"`}};
			return {...state, filters: {...state.filters, apps: ''}, filterEditing: false, stack: [{kind: 'apps'}, {kind: 'tree', appId: row.id}], message: undefined};
		}
		case 'diff-loaded': {
			// A diff read to its end stays at its end when the exact one (or a refresh) replaces it with more lines.
			const bottom = (document: DiffDocument | undefined) => Math.max(0, (document ? shownDiffLines(document, state.showIgnored).length : 0) - diffVisibleRows(bodyRows(state), document));
			const previous = state.diffs[action.key];
			const cursor = state.cursors[action.key];
			const atEnd = previous && cursor !== undefined && cursor > 0 && cursor >= bottom(previous);
			const next = {...state, diffs: {...state.diffs, [action.key]: action.document}};
			return atEnd ? {...next, cursors: {...next.cursors, [action.key]: bottom(action.document)}} : next;
		}
		case 'history-loaded':
			return {...state, histories: {...state.histories, [action.appId]: action.document}};
		case 'since-healthy-loaded':
			return {...state, sinceHealthy: {...state.sinceHealthy, [action.appId]: action.document}};
		case 'app-object-loaded':
			return {...state, appObjects: {...state.appObjects, [action.appId]: action.document}};
		case 'message-shown':
			return {...state, message: action.message};
		default:
			return dialogReducer(state, action);
	}
}

