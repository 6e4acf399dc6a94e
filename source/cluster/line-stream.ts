/**
 * Reads an open HTTP response as newline-delimited lines (a watch stream), however the chunks fall,
 * with an optional idle timeout; reports the end exactly once.
 */
import type http from 'node:http';
import type {ClusterFailure} from './failure.js';
import type {ScheduleTimer} from './runtime.js';

/** How a stream ended: exactly one of these is delivered, once. */
export type StreamEnd = {reason: 'ended'} | {reason: 'closed'} | {reason: 'failed'; error: ClusterFailure};

/** An open stream; close() ends it from our side. */
export type StreamHandle = {close(): void};

/** What readLines needs besides the response. */
export type LineStreamOptions = {
	server: string;
	setTimer: ScheduleTimer;
	/** Fails the stream when nothing arrives for this long. */
	idleTimeoutMs?: number;
	onLine: (line: string) => void;
	onEnd: (end: StreamEnd) => void;
};

/** Starts reading `response` (the answer to `outgoing`); the handle closes it. */
export function readLines(response: http.IncomingMessage, outgoing: http.ClientRequest, options: LineStreamOptions): StreamHandle {
	const {server, idleTimeoutMs, onLine} = options;
	let ended = false;
	let cancelIdle = () => {};
	const end = (result: StreamEnd) => {
		if (ended) return;
		ended = true;
		cancelIdle();
		options.onEnd(result);
	};

	const armIdle = () => {
		if (!idleTimeoutMs) return;
		cancelIdle();
		cancelIdle = options.setTimer(() => {
			end({reason: 'failed', error: {kind: 'timeout', message: `${server}: stream silent for ${Number((idleTimeoutMs / 1000).toFixed(1))} s`}});
			outgoing.destroy();
		}, idleTimeoutMs);
	};

	let pending = '';
	response.setEncoding('utf8');
	armIdle();
	response.on('data', (chunk: string) => {
		armIdle();
		pending += chunk;
		let start = 0;
		let newline = pending.indexOf('\n');
		while (newline !== -1) {
			const line = pending.slice(start, newline);
			if (line.trim() !== '' && !ended) onLine(line);
			start = newline + 1;
			newline = pending.indexOf('\n', start);
		}

		pending = pending.slice(start);
	});
	response.on('end', () => {
		if (pending.trim() !== '' && !ended) onLine(pending);
		end({reason: 'ended'});
	});
	const broken = () => end({reason: 'failed', error: {kind: 'unreachable', message: `${server}: stream broken`}});
	response.on('error', broken);
	response.on('aborted', broken);
	outgoing.on('error', broken);
	return {
		close() {
			end({reason: 'closed'});
			outgoing.destroy();
		},
	};
}
