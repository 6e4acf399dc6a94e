/**
 * Injected failures: latency, failing the next N requests with 500 or 429, expiring the next
 * watch, closing every open watch, refusing connections for a while. The server consults this
 * state per request; the control endpoint and `sandbox.faults` change it.
 */
import {internalError, tooManyRequests, type ApiError} from './status-errors.js';

/** The fault controls as tests and the control endpoint use them. */
export type Faults = {
	closeWatches(): void;
	expireNextWatch(): void;
	setLatency(ms: number): void;
	failNext(count: number, code: 500 | 429, retryAfterSeconds?: number): void;
	/** Stops listening (dropping open connections) and listens again on the same port after `ms`. */
	refuseConnections(ms: number): Promise<void>;
};

/** The state behind the controls, read by the server on each request. */
export type FaultState = {
	latencyMs(): number;
	/** The injected failure for this request, if one is pending (consumes it). */
	takeFailure(): ApiError | undefined;
	/** Whether this watch must answer 410 Expired (consumes the flag). */
	takeWatchExpiry(): boolean;
	/** Registers an open watch's closer; returns the function that unregisters it. */
	trackWatch(close: () => void): () => void;
};

export function createFaultState(options: {refuse: (ms: number) => Promise<void>}): {faults: Faults; state: FaultState} {
	let latency = 0;
	let failures: {count: number; code: 500 | 429; retryAfter: number} = {count: 0, code: 500, retryAfter: 1};
	let expireNext = false;
	const watches = new Set<() => void>();
	const faults: Faults = {
		closeWatches() {
			for (const close of [...watches]) close();
		},
		expireNextWatch() {
			expireNext = true;
		},
		setLatency(ms) {
			latency = Math.max(0, ms);
		},
		failNext(count, code, retryAfterSeconds = 1) {
			failures = {count: Math.max(0, count), code, retryAfter: retryAfterSeconds};
		},
		refuseConnections: ms => options.refuse(ms),
	};
	const state: FaultState = {
		latencyMs: () => latency,
		takeFailure() {
			if (failures.count <= 0) return undefined;
			failures.count--;
			return failures.code === 429 ? tooManyRequests(failures.retryAfter) : internalError('injected by the sandbox (failNext)');
		},
		takeWatchExpiry() {
			const expire = expireNext;
			expireNext = false;
			return expire;
		},
		trackWatch(close) {
			watches.add(close);
			return () => watches.delete(close);
		},
	};
	return {faults, state};
}
