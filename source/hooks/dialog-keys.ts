/**
 * Keys while the action dialog is open. Text goes to the pause form or, on a protected context, to the typed
 * confirmation; everything else is looked up in the key table's `dialog` scope (y confirms, esc cancels, j/k
 * scroll). `now` dates a pause given as a duration.
 */
import type {Dispatch} from 'react';
import {keyName, type KeyPress} from '../keymap/key-name.js';
import {matchKey} from '../keymap/matcher.js';
import type {ActionDialog} from '../state/action-dialog.js';
import type {TuiAction} from '../state/actions.js';
import {editPrompt} from './edit-prompt.js';

export function handleDialogKey(dialog: ActionDialog, input: string, key: KeyPress, dispatch: Dispatch<TuiAction>, now: () => Date): void {
	if (dialog.stage === 'form' && dialog.form) {
		if (key.tab) return dispatch({type: 'pause-form-field-switched'});
		const next = editPrompt(dialog.form[dialog.form.field], input, key);
		if (next === 'cancel') return dispatch({type: 'dialog-closed'});
		if (next === 'submit') return dispatch({type: 'pause-form-submitted', now: now().toISOString()});
		return dispatch({type: 'pause-form-edited', text: next});
	}
	if (dialog.stage === 'confirming' && dialog.confirm?.protectedContext && !dialog.answer) {
		const next = editPrompt(dialog.confirm.typed, input, key);
		if (next === 'cancel') return dispatch({type: 'dialog-closed'});
		if (next === 'submit') return dispatch({type: 'action-confirmed'});
		return dispatch({type: 'confirmation-typed', text: next});
	}
	const name = keyName(input, key);
	const command = name && matchKey(name, {scope: 'dialog', readOnly: false});
	if (command) dispatch({type: 'command-invoked', command});
}
