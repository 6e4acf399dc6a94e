import {useState, useSyncExternalStore} from 'react';
import type {TuiAction} from '../state/actions.js';
import {reducer} from '../state/reducer.js';
import type {TuiState} from '../state/tui-state.js';

/** The TUI's store: the pure reducer applied synchronously, so a key handler always reads the latest state. */
export type TuiStore = {
	getState(): TuiState;
	dispatch(action: TuiAction): void;
	subscribe(listener: () => void): () => void;
};

export function createTuiStore(initial: TuiState): TuiStore {
	let state = initial;
	const listeners = new Set<() => void>();
	return {
		getState: () => state,
		dispatch(action) {
			const next = reducer(state, action);
			if (next === state) return;
			state = next;
			for (const listener of listeners) listener();
		},
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
	};
}

/** One store per mounted TUI; re-renders when its state changes. */
export function useTuiStore(init: () => TuiState): {state: TuiState; store: TuiStore} {
	const [store] = useState(() => createTuiStore(init()));
	const state = useSyncExternalStore(store.subscribe, store.getState);
	return {state, store};
}
