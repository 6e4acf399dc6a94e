import {useApp} from 'ink';
import {useEffect} from 'react';
import {useActionRunner} from '../hooks/use-action-runner.js';
import {useFleetSnapshots, useScreenDocuments, withCurrentSnapshot} from '../hooks/use-fleet.js';
import {useKeys} from '../hooks/use-keys.js';
import {useTerminalSize} from '../hooks/use-terminal-size.js';
import type {FleetSource} from '../state/fleet-source.js';
import {useTuiStore} from '../hooks/use-tui-store.js';
import {initialState} from '../state/tui-state.js';
import {AppFrame} from './app-frame.js';
import {useNow} from '../hooks/use-now.js';

export type AppProps = {
	source: FleetSource;
	readOnly: boolean;
	/** Contexts the settings make read-only: actions are not offered on their apps. */
	readOnlyContexts?: string[];
	columns?: number;
	rows?: number;
};

/** The interactive root: the store, the keyboard, the live source, the action runner and the frame. */
export function App({source, readOnly, readOnlyContexts = [], columns = 80, rows = 24}: AppProps) {
	const {state, store} = useTuiStore(() => withCurrentSnapshot(initialState({readOnly, columns, rows, canAct: Boolean(source.actions), readOnlyContexts}), source));
	const {dispatch} = store;
	const {exit} = useApp();
	useTerminalSize(dispatch);
	useFleetSnapshots(source, dispatch);
	useScreenDocuments(source, state, dispatch);
	useKeys(store, source);
	useActionRunner(store, source.actions);
	// Relative times ("fetched 3m ago", "paused 2h ago — until 18:00, in 40m") need a clock that moves.
	// Only pauses with a time say one ("paused 2h ago"); a plain app's auto-sync is simply off, and must not tick.
	const paused = state.snapshot?.apps.some(app => !app.autoSync.enabled && Boolean(app.autoSync.since || app.autoSync.until)) ?? false;
	const now = useNow(state.snapshot?.git.lastFetch || paused ? 10_000 : undefined);
	useEffect(() => {
		if (state.quitting) exit();
	}, [state.quitting, exit]);
	return <AppFrame state={state} now={now} />;
}
