/**
 * Opening the action dialog on the selected app: the target is the app under the cursor (or the app whose tree,
 * diff or history is open), always one app on one context, so a grouped name is never ambiguous. Read-only mode
 * and sessions without an action engine answer why instead of opening anything.
 */
import type {ActionKind, ActionRequest, ActionTarget} from '../domain/action.js';
import type {AppStatus} from '../domain/app.js';
import type {ActionDialog} from './action-dialog.js';
import {appRows, cursorOf, findApp} from './selectors.js';
import {currentScreen, type TuiState} from './tui-state.js';

/** What the operator asked for, before the target is known. */
export type ActionIntent =
	| {kind: 'reconcile'; withSource?: boolean}
	| {kind: 'suspend'; reason?: string; until?: string}
	| {kind: 'resume'}
	| {kind: 'rollback'; revision?: string};

/** The app the keys act on: the selected row of the list, or the app of the open tree, diff or history. */
export function selectedApp(state: TuiState): {id: string; app: AppStatus} | undefined {
	const screen = currentScreen(state);
	if (screen.kind === 'apps') {
		const row = appRows(state)[cursorOf(state)];
		return row && {id: row.id, app: row.app};
	}
	const app = findApp(state.snapshot, screen.appId);
	return app && {id: screen.appId, app};
}

/** The revision a rollback goes to when none was typed: the commit selected in the history, or the one diffed. */
function selectedRevision(state: TuiState): string | undefined {
	const screen = currentScreen(state);
	if (screen.kind === 'diff') return screen.revision;
	if (screen.kind !== 'history') return undefined;
	const doc = state.histories[screen.appId];
	return doc?.status === 'ready' ? doc.commits[cursorOf(state)]?.sha : undefined;
}

const verbs: Record<ActionKind, string> = {reconcile: 'reconcile', suspend: 'pause auto-sync of', resume: 'resume auto-sync of', rollback: 'roll back'};

/** Why this action cannot start here, if it cannot. */
function refusal(state: TuiState, intent: ActionIntent, app: AppStatus): string | undefined {
	const verb = verbs[intent.kind].split(' ')[0];
	if (state.readOnly) return `read-only mode: ${verb} would write to ${app.context}, and --read-only sends no write`;
	if (state.readOnlyContexts.includes(app.context)) return `read-only context: ${app.context} is read-only in your settings, so ${verb} is not offered`;
	if (!state.canAct) return `${verb} is not available: this session has no action engine`;
	const paused = !app.autoSync.enabled && Boolean(app.autoSync.pausedBy || app.autoSync.reason);
	if (intent.kind === 'suspend' && paused) return `${app.name} on ${app.context} is already paused (U resumes it)`;
	if (intent.kind === 'resume' && app.autoSync.enabled) return `auto-sync of ${app.name} on ${app.context} is on: nothing to resume`;
	return undefined;
}

/**
 * How long reconcile and rollback wait for the controller once written, so the dialog shows it land (or not);
 * esc during the wait leaves it to the background.
 */
export const actionWaitMs = 120_000;

function requestOf(intent: ActionIntent, target: ActionTarget, revision: string | undefined): ActionRequest | undefined {
	switch (intent.kind) {
		case 'reconcile':
			return {kind: 'reconcile', target, ...(intent.withSource ? {withSource: true} : {}), timeoutMs: actionWaitMs};
		case 'suspend':
			return intent.reason ? {kind: 'suspend', target, reason: intent.reason, ...(intent.until ? {until: intent.until} : {})} : undefined;
		case 'resume':
			return {kind: 'resume', target};
		case 'rollback':
			return {kind: 'rollback', target, ...(revision ? {revision} : {}), timeoutMs: actionWaitMs};
	}
}

function titleOf(intent: ActionIntent, app: AppStatus, revision: string | undefined): string {
	const base = `${verbs[intent.kind]} ${app.name} on ${app.context}`;
	if (intent.kind === 'reconcile' && intent.withSource) return `${base} (with source)`;
	if (intent.kind === 'rollback') return `${base} to ${revision ? revision.slice(0, 7) : 'the previous revision'}`;
	return base;
}

/** Opens the dialog for an intent on the selected app, or says why not. */
export function openAction(state: TuiState, intent: ActionIntent): TuiState {
	if (state.dialog) return state;
	const selected = selectedApp(state);
	if (!selected) return {...state, message: {tone: 'error', text: 'select an app first'}};
	const {app, id} = selected;
	const why = refusal(state, intent, app);
	if (why) return {...state, message: {tone: 'error', text: why}};
	const target: ActionTarget = {app: app.name, engine: app.engine, context: app.context, namespace: app.namespace};
	const revision = intent.kind === 'rollback' ? intent.revision ?? selectedRevision(state) : undefined;
	const request = requestOf(intent, target, revision);
	const dialog: ActionDialog = {
		id: state.nextDialogId,
		appId: id,
		kind: intent.kind,
		target,
		title: titleOf(intent, app, revision),
		stage: request ? 'starting' : 'form',
		...(request ? {request} : {form: {reason: '', duration: '', field: 'reason'}}),
		progress: [],
		scroll: 0,
	};
	return {...state, dialog, nextDialogId: state.nextDialogId + 1, message: undefined, help: false};
}
