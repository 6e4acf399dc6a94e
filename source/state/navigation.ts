/** What each key command does to the state: moving, opening and going back. */
import type {CommandId} from '../keymap/bindings.js';
import type {ActionDialog} from './action-dialog.js';
import {openAction} from './action-open.js';
import {dialogBodyRows, dialogLines} from './dialog-lines.js';
import {dialogReducer} from './dialog-reducer.js';
import {detailsLines} from './details.js';
import {bodyRows, clockOf} from './frame-layout.js';
import {resourceId} from '../domain/resource-key.js';
import {appRows, cursorOf, diffVisibleRows, findApp, rowCount, treeRowsOf} from './selectors.js';
import {otherSideOffset, yamlLines, yamlVisibleRows} from './yaml-view.js';
import {helpLines, helpVisibleRows} from './help-lines.js';
import {currentScreen, filterOf, screenKey, sortOrders, type Screen, type TuiState} from './tui-state.js';

/** Lines a scrolled view (a diff, the YAML) shows at once; lists scroll by their cursor (1). */
function scrolledRows(state: TuiState, screen: Screen): number {
	if (screen.kind === 'diff') return diffVisibleRows(bodyRows(state), state.diffs[screenKey(screen)]);
	if (screen.kind === 'yaml') return yamlVisibleRows(bodyRows(state));
	return 1;
}

/** How far page keys move: a scrolled view by what it shows (no line skipped), a list by the body's height. */
function pageRows(state: TuiState, screen: Screen): number {
	const rows = scrolledRows(state, screen);
	return rows > 1 ? rows : bodyRows(state);
}

/** Back to the screen under this one when it is `screen` (y and d toggle between a resource's YAML and diff), else on to it. */
function pushOrReturn(state: TuiState, screen: Screen): TuiState {
	const below = state.stack[state.stack.length - 2];
	return below && screenKey(below) === screenKey(screen) ? {...state, stack: state.stack.slice(0, -1), message: undefined} : push(state, screen);
}

function withCursor(state: TuiState, cursor: number): TuiState {
	const screen = currentScreen(state);
	const max = Math.max(0, rowCount(state, screen) - scrolledRows(state, screen));
	const clamped = Math.min(Math.max(0, cursor), max);
	// A message (an action's result, an error) stays until the pointer moves on.
	return {...state, cursors: {...state.cursors, [screenKey(screen)]: clamped}, message: undefined};
}

function clearFilter(state: TuiState): TuiState {
	return {...state, filters: {...state.filters, [screenKey(currentScreen(state))]: ''}, message: undefined};
}

function push(state: TuiState, screen: Screen): TuiState {
	return {...state, stack: [...state.stack, screen], message: undefined};
}

/** The screen `enter` opens from the current selection, if any. */
function opened(state: TuiState): Screen | undefined {
	const screen = currentScreen(state);
	const cursor = cursorOf(state);
	if (screen.kind === 'apps') {
		const row = appRows(state)[cursor];
		return row && {kind: 'tree', appId: row.id};
	}
	if (screen.kind === 'tree') {
		const row = treeRowsOf(state, screen)[cursor];
		// Owned children (Pods, ReplicaSets) are not compared with Git: nothing to diff.
		return row?.node.verdict ? {kind: 'diff', appId: screen.appId, resourceId: row.node.id} : undefined;
	}
	if (screen.kind === 'since-healthy') {
		// The diff that answers the question: the last healthy revision's render against live.
		const doc = state.sinceHealthy[screen.appId];
		return doc?.status === 'ready' && doc.revision ? {kind: 'diff', appId: screen.appId, revision: doc.revision} : undefined;
	}
	if (screen.kind === 'history') {
		const doc = state.histories[screen.appId];
		const commit = doc?.status === 'ready' ? doc.commits[cursor] : undefined;
		return commit && {kind: 'diff', appId: screen.appId, revision: commit.sha};
	}
	return undefined;
}

function selectedAppId(state: TuiState): string | undefined {
	const screen = currentScreen(state);
	if (screen.kind === 'apps') return appRows(state)[cursorOf(state)]?.id;
	return 'appId' in screen ? screen.appId : undefined;
}

/** The offset a scrolling key moves a pane of `page` rows to (within 0…max), or undefined for any other key. */
function scrolledTo(command: CommandId, scroll: number, page: number, max: number): number | undefined {
	const within = (offset: number) => Math.min(Math.max(0, offset), max);
	switch (command) {
		case 'move-down':
			return within(scroll + 1);
		case 'move-up':
			return within(scroll - 1);
		case 'page-down':
			return within(scroll + page);
		case 'page-up':
			return within(scroll - page);
		case 'top':
			return 0;
		case 'bottom':
			return max;
		default:
			return undefined;
	}
}

/** Keys while the action dialog is open: scrolling its body, confirming, cancelling or closing. */
function dialogCommand(state: TuiState, dialog: ActionDialog, command: CommandId): TuiState {
	const page = dialogBodyRows(bodyRows(state));
	const max = Math.max(0, dialogLines(dialog).length - page);
	const scrolled = scrolledTo(command, dialog.scroll, page, max);
	if (scrolled !== undefined) return {...state, dialog: {...dialog, scroll: scrolled}};
	switch (command) {
		case 'confirm-action':
			return dialogReducer(state, {type: 'action-confirmed'});
		case 'close-dialog':
			return dialogReducer(state, {type: 'dialog-closed'});
		case 'force-retry':
			return dialogReducer(state, {type: 'force-retry-requested'});
		case 'quit':
			return {...state, quitting: true};
		default:
			return state;
	}
}

/** Keys while the details pane is open: scrolling it, closing it; the rest waits until it is closed. */
function detailsCommand(state: TuiState, scroll: number, command: CommandId): TuiState {
	const page = Math.max(1, bodyRows(state) - 1);
	const max = Math.max(0, detailsLines(state, clockOf(state), state.viewport.columns).length - page);
	const scrolled = scrolledTo(command, scroll, page, max);
	if (scrolled !== undefined) return {...state, details: scrolled};
	switch (command) {
		case 'back':
		case 'toggle-details':
			return {...state, details: undefined};
		case 'quit':
			return {...state, quitting: true};
		case 'help':
			return {...state, details: undefined, help: true, helpScroll: 0};
		default:
			return state;
	}
}

/** Keys while the help is open: scrolling it, closing it (esc, ?), the command line, quitting. */
function helpCommand(state: TuiState, command: CommandId): TuiState {
	const page = helpVisibleRows(bodyRows(state));
	// Counted with two-cell glyphs (the ASCII set's widest), so the last line is always reachable.
	const max = Math.max(0, helpLines(state, {columns: state.viewport.columns, glyph: () => '??'}).length - page);
	const scroll = state.helpScroll ?? 0;
	const scrolled = scrolledTo(command, scroll, page, max);
	if (scrolled !== undefined) return {...state, helpScroll: scrolled};
	switch (command) {
		case 'back':
		case 'help':
			return {...state, help: false, helpScroll: 0};
		case 'quit':
			return {...state, quitting: true};
		case 'command-line':
			return {...state, commandLine: ''};
		default:
			return state;
	}
}

/** Applies one key command. Unknown or inapplicable commands leave the state as it was. */
export function invokeCommand(state: TuiState, command: CommandId): TuiState {
	if (state.dialog) return dialogCommand(state, state.dialog, command);
	if (state.details !== undefined) return detailsCommand(state, state.details, command);
	if (state.help) return helpCommand(state, command);
	const cursor = cursorOf(state);
	const page = pageRows(state, currentScreen(state));
	switch (command) {
		case 'quit':
			return {...state, quitting: true};
		case 'help':
			return {...state, help: true, helpScroll: 0};
		case 'back':
			// An applied filter goes first, as in k9s: esc again goes back.
			if (filterOf(state)) return clearFilter(state);
			return state.stack.length > 1 ? {...state, stack: state.stack.slice(0, -1), message: undefined} : state;
		case 'move-down':
			return withCursor(state, cursor + 1);
		case 'move-up':
			return withCursor(state, cursor - 1);
		case 'page-down':
			return withCursor(state, cursor + page);
		case 'page-up':
			return withCursor(state, cursor - page);
		case 'top':
			return withCursor(state, 0);
		case 'bottom':
			return withCursor(state, Number.MAX_SAFE_INTEGER);
		case 'open': {
			const next = opened(state);
			return next ? push(state, next) : state;
		}
		case 'diff-revision': {
			const next = opened(state);
			return next?.kind === 'diff' ? push(state, next) : state;
		}
		case 'show-diff': {
			const screen = currentScreen(state);
			if (screen.kind === 'tree') return invokeCommand(state, 'open');
			// From the YAML: the same resource's diff (owned children have none).
			const judged = screen.kind === 'yaml' && findApp(state.snapshot, screen.appId)?.resources.some(r => resourceId(r.key) === screen.resourceId);
			return screen.kind === 'yaml' && judged ? pushOrReturn(state, {kind: 'diff', appId: screen.appId, resourceId: screen.resourceId}) : state;
		}
		case 'other-side': {
			const screen = currentScreen(state);
			return screen.kind === 'yaml' ? withCursor(state, otherSideOffset(yamlLines(state, screen), cursor, yamlVisibleRows(bodyRows(state)))) : state;
		}
		case 'show-yaml': {
			const screen = currentScreen(state);
			if (screen.kind === 'apps') {
				// The app's own object: its Kustomization, HelmRelease or Application.
				const id = selectedAppId(state);
				return id ? push(state, {kind: 'yaml', appId: id}) : state;
			}
			if (screen.kind === 'tree') {
				const node = treeRowsOf(state, screen)[cursor]?.node;
				return node ? push(state, {kind: 'yaml', appId: screen.appId, resourceId: node.id}) : state;
			}
			if (screen.kind === 'diff' && !screen.revision) {
				if (screen.resourceId) return pushOrReturn(state, {kind: 'yaml', appId: screen.appId, resourceId: screen.resourceId});
				return {...state, message: {tone: 'info', text: 'a whole-app diff: press y on one resource in the tree'}};
			}
			return state;
		}
		case 'show-app-diff': {
			const id = selectedAppId(state);
			return id ? push(state, {kind: 'diff', appId: id}) : state;
		}
		case 'show-history': {
			const id = selectedAppId(state);
			return id ? push(state, {kind: 'history', appId: id}) : state;
		}
		case 'show-since-healthy': {
			const id = selectedAppId(state);
			return id ? push(state, {kind: 'since-healthy', appId: id}) : state;
		}
		case 'toggle-details':
			return {...state, details: 0, help: false};
		case 'clear-filter':
			return filterOf(state) ? clearFilter(state) : state;
		case 'filter':
			return {...state, filterEditing: true};
		case 'command-line':
			return {...state, commandLine: ''};
		case 'cycle-sort':
			return {...state, sort: sortOrders[(sortOrders.indexOf(state.sort) + 1) % sortOrders.length]!};
		case 'toggle-group':
			return {...state, grouped: !state.grouped};
		case 'toggle-ignored':
			return {...state, showIgnored: !state.showIgnored};
		case 'reconcile':
			return openAction(state, {kind: 'reconcile'});
		case 'reconcile-with-source':
			return openAction(state, {kind: 'reconcile', withSource: true});
		case 'pause':
			return openAction(state, {kind: 'suspend'});
		case 'resume':
			return openAction(state, {kind: 'resume'});
		case 'rollback':
			return openAction(state, {kind: 'rollback'});
		case 'confirm-action':
		case 'force-retry':
		case 'close-dialog':
			return state;
	}
}
