/**
 * A context's connection state, moved by the outcome of each request: a pure transition function plus a
 * small tracker that feeds it from a transport and tells subscribers when the state changes.
 */
import type {ClusterFailure} from './failure.js';
import type {RequestOutcome, Transport} from './transport.js';

/** Where a context stands, as the header and `contexts` show it. */
export type ConnectionPhase = 'connecting' | 'ready' | 'unauthorized' | 'forbidden' | 'unreachable' | 'timed-out';

/** The phase, the error that put it there, and when it last changed (epoch ms). */
export type ConnectionState = {phase: ConnectionPhase; error?: ClusterFailure; since: number};

/** The state before any answer. */
export function initialConnectionState(now: number): ConnectionState {
	return {phase: 'connecting', since: now};
}

/**
 * The state after one request's outcome. Answers about a single object or kind (not found, conflict,
 * invalid, gone, throttled, server errors) prove the server is there, so they never mark a context down;
 * `forbidden` marks it only while nothing has succeeded yet (one forbidden kind does not make a context
 * forbidden when the rest can be read). Returns the same object when nothing changes.
 */
export function nextConnectionState(state: ConnectionState, outcome: RequestOutcome, now: number): ConnectionState {
	const next = phaseAfter(state.phase, outcome);
	if (next === undefined) return state;
	const error = outcome.ok ? undefined : outcome.error;
	if (next === state.phase && error?.message === state.error?.message) return state;
	return error ? {phase: next, error, since: now} : {phase: next, since: now};
}

function phaseAfter(phase: ConnectionPhase, outcome: RequestOutcome): ConnectionPhase | undefined {
	if (outcome.ok) return 'ready';
	switch (outcome.error.kind) {
		case 'unreachable': {
			return 'unreachable';
		}

		case 'timeout': {
			return 'timed-out';
		}

		case 'unauthorized':
		case 'credentials': {
			return 'unauthorized';
		}

		case 'forbidden': {
			return phase === 'ready' ? undefined : 'forbidden';
		}

		case 'kubeconfig': {
			return 'unreachable';
		}

		default: {
			// The server answered; if we were still connecting, it is up.
			return phase === 'connecting' ? 'ready' : undefined;
		}
	}
}

/** Follows one transport's outcomes; `stop()` detaches. */
export type ConnectionTracker = {
	current(): ConnectionState;
	subscribe(listener: (state: ConnectionState) => void): () => void;
	stop(): void;
};

/** Tracks `transport`'s connection state with the given clock. */
export function trackConnection(transport: Transport, now: () => number): ConnectionTracker {
	let state = initialConnectionState(now());
	const listeners = new Set<(state: ConnectionState) => void>();
	const stop = transport.onOutcome(outcome => {
		const next = nextConnectionState(state, outcome, now());
		if (next === state) return;
		state = next;
		for (const listener of listeners) listener(state);
	});
	return {
		current: () => state,
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		stop,
	};
}
