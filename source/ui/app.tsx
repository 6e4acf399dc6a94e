import {useApp} from 'ink';
import {useEffect} from 'react';
import {useFleetSnapshots, useScreenDocuments} from '../hooks/use-fleet.js';
import {useKeys} from '../hooks/use-keys.js';
import {useTerminalSize} from '../hooks/use-terminal-size.js';
import type {FleetSource} from '../state/fleet-source.js';
import {useTuiStore} from '../hooks/use-tui-store.js';
import {initialState} from '../state/tui-state.js';
import {AppFrame} from './app-frame.js';
import {useNow} from '../hooks/use-now.js';

export type AppProps = {source: FleetSource; readOnly: boolean; columns?: number; rows?: number};

/** The interactive root: the store, the keyboard, the live source and the frame. */
export function App({source, readOnly, columns = 80, rows = 24}: AppProps) {
	const {state, store} = useTuiStore(() => initialState({readOnly, columns, rows}));
	const {dispatch} = store;
	const {exit} = useApp();
	useTerminalSize(dispatch);
	useFleetSnapshots(source, dispatch);
	useScreenDocuments(source, state, dispatch);
	useKeys(store, source);
	const now = useNow(state.snapshot?.git.lastFetch ? 10_000 : undefined);
	useEffect(() => {
		if (state.quitting) exit();
	}, [state.quitting, exit]);
	return <AppFrame state={state} now={now} />;
}
