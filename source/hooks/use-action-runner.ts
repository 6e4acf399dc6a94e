/**
 * Runs the action the dialog asks for on the engine, and bridges the two: engine stages become state events, the
 * engine's confirmation question waits for the operator's answer in the state. Closing the dialog before it runs
 * answers no (or aborts the planning), so esc never leaves an action half-asked.
 */
import {useEffect} from 'react';
import type {ActionResult, ConfirmationRequest} from '../domain/action.js';
import type {ActionDialog} from '../state/action-dialog.js';
import type {ActionRunner} from '../state/action-runner.js';
import type {TuiStore} from './use-tui-store.js';

type Answer = {confirmed: boolean; typed?: string};

/** One run in flight: its dialog id, how to stop it, and the confirmation it waits for, if any. */
type Run = {id: number; abort: AbortController; answer?: (answer: Answer) => void; settled: boolean; cancelled: boolean};

function cancel(run: Run): void {
	run.cancelled = true;
	if (run.answer) {
		const answer = run.answer;
		run.answer = undefined;
		answer({confirmed: false});
	} else if (!run.settled) {
		run.abort.abort();
	}
}

/** Starts the engine on the dialog's request; `run` is already recorded, since the engine may report at once. */
function launch(store: TuiStore, runner: ActionRunner | undefined, dialog: ActionDialog, run: Run): void {
	const {id} = run;
	// A run whose dialog was closed while it waited still reports how it ended (as a message).
	const current = () => store.getState().dialog?.id === id || store.getState().detached?.id === id;
	if (!runner || !dialog.request) {
		// Deferred: this runs inside the store's notification.
		queueMicrotask(() => store.dispatch({type: 'action-crashed', id, error: 'this session has no action engine'}));
		run.settled = true;
		return;
	}
	const confirm = (request: ConfirmationRequest) =>
		new Promise<Answer>(resolve => {
			if (run.cancelled || !current()) return resolve({confirmed: false});
			run.answer = resolve;
			store.dispatch({type: 'action-confirmation-asked', id, protectedContext: request.protectedContext, plan: request.plan, check: request.check});
		});
	const request = dialog.request;
	// A runner that throws instead of rejecting is a failed run too, not a crashed screen.
	new Promise<ActionResult>(resolve => resolve(runner.run(request, {confirm, signal: run.abort.signal, ...(dialog.force ? {force: true} : {}), onEvent: event => current() && store.dispatch({type: 'action-event', id, event})}))).then(
			result => {
				run.settled = true;
				// The engine normally reports `finished` itself; this covers one that only resolves.
				if (current() && !store.getState().dialog?.result) store.dispatch({type: 'action-event', id, event: {stage: 'finished', result}});
			},
			(error: unknown) => {
				run.settled = true;
				if (current()) store.dispatch({type: 'action-crashed', id, error: error instanceof Error ? error.message : String(error)});
			},
		);
}

export function useActionRunner(store: TuiStore, runner: ActionRunner | undefined): void {
	useEffect(() => {
		let run: Run | undefined;
		const sync = () => {
			const dialog = store.getState().dialog;
			if (run && dialog?.id !== run.id) {
				if (store.getState().detached?.id !== run.id) cancel(run);
				run = undefined;
			}
			if (!run && dialog?.stage === 'starting') {
				run = {id: dialog.id, abort: new AbortController(), settled: false, cancelled: false};
				launch(store, runner, dialog, run);
			}
			if (run?.answer && dialog?.answer) {
				const answer = run.answer;
				run.answer = undefined;
				answer(dialog.answer);
			}
		};
		const unsubscribe = store.subscribe(sync);
		sync();
		return () => {
			unsubscribe();
			if (run) cancel(run);
		};
	}, [store, runner]);
}
