import {useInput, useStdin} from 'ink';
import {useEffect, useRef, type Dispatch} from 'react';
import {escapeThenKey, isEscapeThenKey} from '../keymap/escape-then-key.js';
import {charPress, keyName, type KeyPress} from '../keymap/key-name.js';
import {matchKey} from '../keymap/matcher.js';
import type {TuiAction} from '../state/actions.js';
import {parseCommandLine} from '../state/command-line.js';
import {pauseEnd} from '../state/duration.js';
import type {FleetSource} from '../state/fleet-source.js';
import {keyScope} from '../state/key-scope.js';
import {filterOf} from '../state/tui-state.js';
import {handleDialogKey} from './dialog-keys.js';
import {editPrompt} from './edit-prompt.js';
import type {TuiStore} from './use-tui-store.js';

/** Runs a submitted `:` command: pure intents go to the reducer, the outage switch to the source. */
function runCommandLine(text: string, dispatch: Dispatch<TuiAction>, source: FleetSource, now: () => Date, repo: string | undefined): void {
	const intent = parseCommandLine(text);
	switch (intent.kind) {
		case 'quit':
			return dispatch({type: 'command-invoked', command: 'quit'});
		case 'help':
			return dispatch({type: 'command-invoked', command: 'help'});
		case 'kubeconfig':
			return dispatch({type: 'message-shown', message: kubeconfigMessage(source.kubeconfig, repo)});
		case 'context':
			return dispatch({type: 'context-chosen', context: intent.name});
		case 'app':
			return dispatch({type: 'app-named', name: intent.name});
		case 'outage':
			if (!source.simulateOutage) return dispatch({type: 'message-shown', message: {tone: 'error', text: ':outage works only in --demo'}});
			dispatch({type: 'message-shown', message: {tone: 'info', text: intent.on ? 'simulating a Git outage…' : 'ending the simulated Git outage…'}});
			source.simulateOutage(intent.on).catch((error: unknown) => dispatch({type: 'message-shown', message: {tone: 'error', text: String(error)}}));
			return;
		case 'reconcile':
			return dispatch({type: 'action-requested', intent: {kind: 'reconcile', withSource: intent.withSource}});
		case 'pause': {
			const until = intent.forMs ? pauseEnd(now(), intent.forMs) : undefined;
			return dispatch({type: 'action-requested', intent: {kind: 'suspend', ...(intent.reason ? {reason: intent.reason} : {}), ...(until ? {until} : {})}});
		}
		case 'resume':
			return dispatch({type: 'action-requested', intent: {kind: 'resume'}});
		case 'rollback':
			return dispatch({type: 'action-requested', intent: {kind: 'rollback', ...(intent.revision ? {revision: intent.revision} : {})}});
		case 'invalid':
			return dispatch({type: 'message-shown', message: {tone: 'error', text: intent.message}});
	}
}

/** Where the session's kubeconfig is, and the command that points `status` at the same clusters and repo (v shows it in full). */
function kubeconfigMessage(kubeconfig: string | undefined, repo: string | undefined) {
	if (!kubeconfig) return {tone: 'info' as const, text: 'this session names no kubeconfig file'};
	// A $KUBECONFIG list (a:b) is not one file for --kubeconfig: the variable takes it as it is.
	const command = kubeconfig.includes(':') ? `KUBECONFIG=${kubeconfig} gitops-tui status` : `gitops-tui status --kubeconfig ${kubeconfig}`;
	return {tone: 'info' as const, text: `kubeconfig ${kubeconfig}; ${command} --all-contexts${repo ? ` --repo ${repo}` : ''}`};
}

/**
 * Splits a read into single key presses: a chunk of several characters (fast typing, paste, send-keys) into its
 * characters, and an escape read together with the next key into both (`escape-then-key.ts`).
 */
function presses(input: string, key: KeyPress, escapeFirst: boolean): Array<[string, KeyPress]> {
	if (escapeFirst) return escapeThenKey(input, key);
	if (input.length <= 1 || key.ctrl || key.meta) return [[input, key]];
	return Array.from(input).map(charPress);
}

/** Handles one key press against the latest state: the dialog, prompts (filter, command line), then the key table. */
function handleKey(store: TuiStore, source: FleetSource, input: string, key: KeyPress, now: () => Date): void {
	const state = store.getState();
	const {dispatch} = store;
	if (key.ctrl && input === 'c') return dispatch({type: 'command-invoked', command: 'quit'});
	if (state.dialog) return handleDialogKey(state.dialog, input, key, dispatch, now);
	if (state.commandLine !== undefined) {
		const next = editPrompt(state.commandLine, input, key);
		if (next === 'cancel') return dispatch({type: 'command-line-closed'});
		if (next === 'submit') {
			dispatch({type: 'command-line-closed'});
			return runCommandLine(state.commandLine, dispatch, source, now, state.snapshot?.git.repo);
		}
		return dispatch({type: 'command-line-edited', text: next});
	}
	if (state.filterEditing) {
		const next = editPrompt(filterOf(state), input, key);
		if (next === 'cancel') return dispatch({type: 'filter-closed', keep: false});
		if (next === 'submit') return dispatch({type: 'filter-closed', keep: true});
		return dispatch({type: 'filter-edited', text: next});
	}
	const name = keyName(input, key);
	// Action keys are matched even where hints and help leave them out: pressed, they say why nothing happens.
	const command = name && matchKey(name, {scope: keyScope(state), readOnly: false});
	if (command) dispatch({type: 'command-invoked', command});
}

/**
 * The one keyboard handler. The store is read at each press, since several can arrive before React renders.
 * Ink's parsed key cannot tell ESC q from alt+q, so the raw read is looked at first: Ink hands every read to its
 * input listeners in the order they were added, and this one is added before useInput's (which is added again on
 * every render, at the end) and never again.
 */
export function useKeys(store: TuiStore, source: FleetSource, now: () => Date = () => new Date()): void {
	const {internal_eventEmitter: reads} = useStdin();
	const escapeFirst = useRef(false);
	useEffect(() => {
		const seen = (sequence: string) => {
			escapeFirst.current = isEscapeThenKey(sequence);
		};
		reads?.on('input', seen);
		return () => {
			reads?.removeListener('input', seen);
		};
	}, [reads]);
	useInput((input, key) => {
		const split = escapeFirst.current;
		escapeFirst.current = false;
		for (const [char, press] of presses(input, key, split)) handleKey(store, source, char, press, now);
	});
}
