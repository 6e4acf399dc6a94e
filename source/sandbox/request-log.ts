/**
 * The record of every request the sandbox answered (the fault controls excepted): tests read it to
 * prove, for example, that read-only mode sent no write.
 */
import type {RequestLogEntry} from './types.js';

export type RequestLog = {
	add(entry: RequestLogEntry): void;
	entries(): RequestLogEntry[];
	clear(): void;
};

/** Keeps the last `limit` entries (a long demo run must not grow without bound). */
export function createRequestLog(limit = 100_000): RequestLog {
	let entries: RequestLogEntry[] = [];
	return {
		add(entry) {
			entries.push(entry);
			if (entries.length > limit * 1.1) entries = entries.slice(entries.length - limit);
		},
		entries: () => entries.slice(),
		clear() {
			entries = [];
		},
	};
}
