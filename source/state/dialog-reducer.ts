/** What happens to the action dialog: the form, the engine's stages, the operator's answer, closing. */
import type {ActionEvent, ActionPlan, PermissionCheck} from '../domain/action.js';
import {conflicted, dialogWithEvent, resultSummary, type ActionDialog} from './action-dialog.js';
import {openAction, type ActionIntent} from './action-open.js';
import {parseDuration, pauseEnd} from './duration.js';
import {clockTime} from './pause-story.js';
import type {TuiState} from './tui-state.js';

export type DialogAction =
	| {type: 'action-requested'; intent: ActionIntent}
	| {type: 'pause-form-edited'; text: string}
	| {type: 'pause-form-field-switched'}
	/** `now` dates the end of a pause given as a duration. */
	| {type: 'pause-form-submitted'; now: string}
	| {type: 'action-event'; id: number; event: ActionEvent}
	| {type: 'action-confirmation-asked'; id: number; protectedContext: boolean; plan: ActionPlan; check: PermissionCheck}
	| {type: 'confirmation-typed'; text: string}
	| {type: 'action-confirmed'}
	/** After field conflicts: the same request planned, checked and confirmed again, with force. */
	| {type: 'force-retry-requested'}
	| {type: 'action-crashed'; id: number; error: string}
	| {type: 'dialog-closed'};

function withDialog(state: TuiState, dialog: ActionDialog | undefined): TuiState {
	return {...state, dialog};
}

function submitForm(state: TuiState, dialog: ActionDialog, now: string): TuiState {
	const form = dialog.form;
	if (!form) return state;
	const reason = form.reason.trim();
	if (!reason) return withDialog(state, {...dialog, form: {...form, field: 'reason', error: 'a reason is required: say why, for the next person'}});
	const duration = form.duration.trim();
	const ms = duration ? parseDuration(duration) : undefined;
	if (duration && !ms) return withDialog(state, {...dialog, form: {...form, field: 'duration', error: `"${duration}" is not a duration: try 30m, 2h or 1d, or leave it empty`}});
	const until = ms ? pauseEnd(new Date(now), ms) : undefined;
	const request = {kind: 'suspend' as const, target: dialog.target, reason, ...(until ? {until} : {})};
	const title = until ? `${dialog.title} until ${clockTime(new Date(until), new Date(now))} (for ${duration})` : dialog.title;
	return withDialog(state, {...dialog, request, stage: 'starting', title});
}

function confirm(state: TuiState, dialog: ActionDialog): TuiState {
	if (dialog.stage !== 'confirming' || !dialog.confirm || dialog.answer) return state;
	if (!dialog.confirm.protectedContext) return withDialog(state, {...dialog, answer: {confirmed: true}});
	const typed = dialog.confirm.typed.trim();
	if (typed !== dialog.target.context) {
		return withDialog(state, {...dialog, confirm: {...dialog.confirm, error: `type ${dialog.target.context} exactly to confirm (esc cancels)`}});
	}
	return withDialog(state, {...dialog, answer: {confirmed: true, typed}});
}

function close(state: TuiState, dialog: ActionDialog): TuiState {
	if (dialog.stage === 'executing' && dialog.waiting) {
		// Written already; only the wait for the controller is left, and the row shows how that goes.
		const text = `${dialog.title}: written; waiting for the controller in the background, the result follows here`;
		return {...state, dialog: undefined, detached: {id: dialog.id, title: dialog.title}, message: {tone: 'info', text}};
	}
	if (dialog.stage === 'executing') return withDialog(state, {...dialog, notice: 'it is writing: esc can no longer cancel; the result follows'});
	const finished = dialog.stage === 'finished' || dialog.crash;
	const failed = Boolean(dialog.crash) || (dialog.result && !['done', 'dry-run'].includes(dialog.result.outcome));
	const text = finished ? resultSummary(dialog) : `${dialog.title}: cancelled, nothing was written`;
	return {...state, dialog: undefined, message: {tone: failed ? 'error' : 'info', text}};
}

/** Applies a dialog action; undefined for actions that are not the dialog's. */
export function dialogReducer(state: TuiState, action: DialogAction): TuiState {
	if (action.type === 'action-requested') return openAction(state, action.intent);
	if (action.type === 'action-event' && state.detached?.id === action.id && action.event.stage === 'finished') {
		const {title} = state.detached;
		const closed: ActionDialog = {id: action.id, appId: '', kind: action.event.result.request.kind, target: action.event.result.request.target, title, stage: 'finished', result: action.event.result, progress: [], scroll: 0};
		const good = ['done', 'dry-run'].includes(action.event.result.outcome);
		return {...state, detached: undefined, message: {tone: good ? 'info' : 'error', text: resultSummary(closed)}};
	}
	const dialog = state.dialog;
	if (!dialog) return state;
	switch (action.type) {
		case 'pause-form-edited':
			return dialog.form ? withDialog(state, {...dialog, form: {...dialog.form, [dialog.form.field]: action.text, error: undefined}}) : state;
		case 'pause-form-field-switched':
			return dialog.form ? withDialog(state, {...dialog, form: {...dialog.form, field: dialog.form.field === 'reason' ? 'duration' : 'reason'}}) : state;
		case 'pause-form-submitted':
			return submitForm(state, dialog, action.now);
		case 'action-event':
			return action.id === dialog.id ? withDialog(state, dialogWithEvent(dialog, action.event)) : state;
		case 'action-confirmation-asked':
			if (action.id !== dialog.id) return state;
			return withDialog(state, {...dialog, stage: 'confirming', plan: action.plan, check: action.check, confirm: {protectedContext: action.protectedContext, typed: ''}});
		case 'confirmation-typed':
			return dialog.confirm ? withDialog(state, {...dialog, confirm: {...dialog.confirm, typed: action.text, error: undefined}}) : state;
		case 'action-confirmed':
			return confirm(state, dialog);
		case 'force-retry-requested': {
			if (!conflicted(dialog) || !dialog.request) return state;
			const retry: ActionDialog = {
				id: state.nextDialogId,
				appId: dialog.appId,
				kind: dialog.kind,
				target: dialog.target,
				title: `${dialog.title} (force)`,
				stage: 'starting',
				request: dialog.request,
				force: true,
				progress: [],
				scroll: 0,
			};
			return {...state, dialog: retry, nextDialogId: state.nextDialogId + 1};
		}
		case 'action-crashed':
			return action.id === dialog.id ? withDialog(state, {...dialog, stage: 'finished', crash: action.error}) : state;
		case 'dialog-closed':
			return close(state, dialog);
	}
}

