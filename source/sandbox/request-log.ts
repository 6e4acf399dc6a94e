/**
 * The record of every request the sandbox answered (the fault controls excepted): tests read it to
 * prove, for example, that read-only mode sent no write. It also counts the requests being served at once, per
 * method, so a test can prove a client's concurrency bound by what reached the server, without timing anything.
 */
import type {RequestLogEntry} from './types.js';

export type RequestLog = {
	add(entry: RequestLogEntry): void;
	entries(): RequestLogEntry[];
	/** Forgets the entries and the most requests seen at once. */
	clear(): void;
	/** A request of `method` is being served; the returned function says it was answered (call it once). */
	begin(method: string): () => void;
	/** The most requests of `method` (any method when omitted) served at once since the last clear. */
	mostInFlight(method?: string): number;
};

/** Keeps the last `limit` entries (a long demo run must not grow without bound). */
export function createRequestLog(limit = 100_000): RequestLog {
	let entries: RequestLogEntry[] = [];
	const now = new Map<string, number>();
	let most = new Map<string, number>();
	const bump = (key: string, by: number) => {
		const count = (now.get(key) ?? 0) + by;
		now.set(key, count);
		if (count > (most.get(key) ?? 0)) most.set(key, count);
	};
	return {
		add(entry) {
			entries.push(entry);
			if (entries.length > limit * 1.1) entries = entries.slice(entries.length - limit);
		},
		entries: () => entries.slice(),
		clear() {
			entries = [];
			// Requests still being served stay counted: the peak starts again from them.
			most = new Map(now);
		},
		begin(method) {
			bump(method, 1);
			bump('', 1);
			let done = false;
			return () => {
				if (done) return;
				done = true;
				bump(method, -1);
				bump('', -1);
			};
		},
		mostInFlight: method => most.get(method ?? '') ?? 0,
	};
}
