import {useEffect, type Dispatch} from 'react';
import type {TuiAction} from '../state/actions.js';
import type {FleetSnapshot} from '../state/fleet-snapshot.js';
import type {FleetSource} from '../state/fleet-source.js';
import {reducer} from '../state/reducer.js';
import type {SinceHealthyDocument} from '../state/since-healthy.js';
import {currentScreen, screenKey, type AppObjectDocument, type TuiState} from '../state/tui-state.js';

/**
 * The TUI's first state with the snapshot the source has at once (the live fleet hands its current one over on
 * subscribe): the first frame then shows the contexts and the repository, as the splash before it did
 * (commands/splash.ts), instead of an empty header for the interval until the next paint. A source that has none
 * yet leaves the state as it is; useFleetSnapshots delivers it when it comes.
 */
export function withCurrentSnapshot(state: TuiState, source: FleetSource): TuiState {
	let current: FleetSnapshot | undefined;
	source.subscribe(snapshot => (current ??= snapshot))();
	return current ? reducer(state, {type: 'snapshot-updated', snapshot: current}) : state;
}

/** Feeds snapshots into the store for as long as the screen is mounted. */
export function useFleetSnapshots(source: FleetSource, dispatch: Dispatch<TuiAction>): void {
	useEffect(() => source.subscribe(snapshot => dispatch({type: 'snapshot-updated', snapshot})), [source, dispatch]);
}

/**
 * Loads what the current screen shows (a diff, a history) when it is opened, and reloads a diff
 * when the snapshot changes, since live may have moved. Cancels work for screens left behind.
 */
export function useScreenDocuments(source: FleetSource, state: TuiState, dispatch: Dispatch<TuiAction>): void {
	const screen = currentScreen(state);
	const key = screenKey(screen);
	const evaluatedAt = state.snapshot?.evaluatedAt;
	const hasSnapshot = Boolean(state.snapshot);
	// A new evaluation refreshes an open diff or app object, since live may have moved; histories stay.
	const diffRefresh = screen.kind === 'diff' || (screen.kind === 'yaml' && !screen.resourceId) ? evaluatedAt : undefined;
	useEffect(() => {
		if (!hasSnapshot) return;
		if (screen.kind === 'diff') {
			return source.loadDiff({appId: screen.appId, resourceId: screen.resourceId, revision: screen.revision}, document =>
				dispatch({type: 'diff-loaded', key, document}),
			);
		}
		if (screen.kind === 'history') {
			let live = true;
			dispatch({type: 'history-loaded', appId: screen.appId, document: {status: 'loading'}});
			source.loadHistory(screen.appId).then(
				document => live && dispatch({type: 'history-loaded', appId: screen.appId, document}),
				(error: unknown) => live && dispatch({type: 'history-loaded', appId: screen.appId, document: {status: 'error', error: String(error)}}),
			);
			return () => {
				live = false;
			};
		}
		if (screen.kind === 'yaml' && !screen.resourceId) {
			let live = true;
			const {appId} = screen;
			const done = (document: AppObjectDocument) => live && dispatch({type: 'app-object-loaded', appId, document});
			if (!source.loadAppObject) done({status: 'error', error: 'this session cannot load app objects'});
			else source.loadAppObject(appId).then(done, (error: unknown) => done({status: 'error', error: String(error)}));
			return () => {
				live = false;
			};
		}
		if (screen.kind === 'since-healthy') {
			let live = true;
			const {appId} = screen;
			const done = (document: SinceHealthyDocument) => live && dispatch({type: 'since-healthy-loaded', appId, document});
			done({status: 'loading'});
			if (!source.loadSinceHealthy) done({status: 'error', error: 'this session cannot tell when apps were last healthy'});
			else source.loadSinceHealthy(appId).then(done, (error: unknown) => done({status: 'error', error: String(error)}));
			return () => {
				live = false;
			};
		}
		return undefined;
		// The screen is identified by its key, so `screen` itself is not a dependency.
	}, [source, key, diffRefresh, hasSnapshot]);
}
