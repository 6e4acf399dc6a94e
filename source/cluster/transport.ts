/**
 * The one place every request to a cluster goes through: the read-only guard, credentials (with one
 * retry after a 401 when they can be refreshed), a per-request timeout, and the mapping of every
 * outcome to a typed failure. Plain node:http(s), so nothing here can block the event loop.
 */
import http from 'node:http';
import https from 'node:https';
import {failureFromNetworkError, failureFromResponse} from './api-errors.js';
import type {CredentialSource, RequestAuth} from './credentials.js';
import {failed, succeeded, type ClusterFailure, type ClusterResult} from './failure.js';
import {readOnlyRefusal} from './read-only-guard.js';
import type {ClusterRuntime} from './runtime.js';
import {createAgent, type TlsMaterial} from './tls-agent.js';

/** One API request, by path relative to the server (`/api/v1/namespaces`). */
export type TransportRequest = {
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	path: string;
	query?: Record<string, string | number | boolean | undefined>;
	headers?: Record<string, string>;
	body?: string;
	/** Overrides the transport's timeout for this request. */
	timeoutMs?: number;
};

/** An answer, whatever its status. */
export type TransportResponse = {status: number; headers: http.IncomingHttpHeaders; body: string};

/** How a stream ended: exactly one of these is delivered, once. */
export type StreamEnd = {reason: 'ended'} | {reason: 'closed'} | {reason: 'failed'; error: ClusterFailure};

/** An open stream (a watch); close() ends it from our side. */
export type StreamHandle = {close(): void};

/** What a request did, for whoever tracks a context's connection state. */
export type RequestOutcome = {ok: true} | {ok: false; error: ClusterFailure};

/** A context's transport. */
export type Transport = {
	readonly server: string;
	readonly readOnly: boolean;
	/** Sends a request; a non-2xx answer is a failure value. */
	request(request: TransportRequest): Promise<ClusterResult<TransportResponse>>;
	/** Sends a request and returns any answer as is (the client-node bridge decides on status codes itself). */
	send(request: TransportRequest): Promise<ClusterResult<TransportResponse>>;
	/**
	 * Opens a streaming GET: resolves once a 200 arrives (within the timeout), then calls onLine per line
	 * and onEnd exactly once. `idleTimeoutMs` fails the stream when nothing arrives for that long.
	 */
	stream(request: TransportRequest & {idleTimeoutMs?: number}, onLine: (line: string) => void, onEnd: (end: StreamEnd) => void): Promise<ClusterResult<StreamHandle>>;
	/** Called with the outcome of every request: feeds the connection state. Returns the unsubscribe function. */
	onOutcome(listener: (outcome: RequestOutcome) => void): () => void;
	/** Closes idle sockets. */
	close(): void;
};

/** What a transport is built from. */
export type TransportOptions = {
	server: string;
	tls: TlsMaterial;
	credentials: CredentialSource;
	runtime: ClusterRuntime;
	/** Per-request timeout; kubectl's --request-timeout. Default 5 s. */
	timeoutMs?: number;
	readOnly: boolean;
	userAgent?: string;
};

type Raw = {response: http.IncomingMessage; request: http.ClientRequest; cancelTimer: () => void};

/** Creates the transport for one context. */
export function createTransport(options: TransportOptions): Transport {
	const {server, runtime, credentials} = options;
	const defaultTimeout = options.timeoutMs ?? 5000;
	const listeners = new Set<(outcome: RequestOutcome) => void>();
	const agents = new Map<string, http.Agent>();
	const baseAgent = createAgent(server, options.tls);

	const report = <T>(result: ClusterResult<T>): ClusterResult<T> => {
		// A refusal by the read-only guard never reached the server, so it says nothing about the connection.
		if (!result.ok && result.error.kind === 'read-only') return result;
		const outcome: RequestOutcome = result.ok ? {ok: true} : {ok: false, error: result.error};
		for (const listener of listeners) listener(outcome);
		return result;
	};

	const agentFor = (auth: RequestAuth): http.Agent => {
		if (!auth.clientCertificate) return baseAgent;
		// Exec plugins rotate certificates: one agent per certificate, dropped when it changes.
		const id = auth.clientCertificate.cert;
		let agent = agents.get(id);
		if (!agent) {
			for (const old of agents.values()) old.destroy();
			agents.clear();
			agent = createAgent(server, options.tls, auth.clientCertificate);
			agents.set(id, agent);
		}

		return agent;
	};

	/** Opens the request and waits for the response head; the timer keeps running for the caller to cancel. */
	const open = async (request: TransportRequest, retried = false): Promise<ClusterResult<Raw>> => {
		const refusal = options.readOnly ? readOnlyRefusal(request.method, request.path) : undefined;
		if (refusal) return {ok: false, error: refusal};
		const timeoutMs = request.timeoutMs ?? defaultTimeout;
		const started = runtime.now();
		const auth = await credentials.get();
		if (!auth.ok) return auth;
		const remaining = timeoutMs - (runtime.now() - started);
		if (remaining <= 0) return failed('timeout', `${server}: no answer within ${formatSeconds(timeoutMs)} (credentials took too long)`);
		const url = new URL(server + request.path);
		for (const [name, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(name, String(value));

		const raw = await new Promise<ClusterResult<Raw>>(resolve => {
			let timedOut = false;
			const headers: http.OutgoingHttpHeaders = {
				Accept: 'application/json',
				'User-Agent': options.userAgent ?? 'gitops-tui',
				...auth.value.headers,
				...request.headers,
			};
			if (request.body !== undefined) headers['Content-Length'] = Buffer.byteLength(request.body);
			const send = url.protocol === 'https:' ? https.request : http.request;
			const outgoing = send(url, {method: request.method, headers, agent: agentFor(auth.value)});
			const cancelTimer = runtime.setTimer(() => {
				timedOut = true;
				outgoing.destroy();
			}, remaining);
			outgoing.on('response', response => resolve(succeeded({response, request: outgoing, cancelTimer})));
			outgoing.on('error', error => {
				cancelTimer();
				resolve(timedOut ? failed('timeout', `${server}: no answer within ${formatSeconds(timeoutMs)}`) : {ok: false, error: failureFromNetworkError(error, server)});
			});
			outgoing.end(request.body);
		});

		if (raw.ok && raw.value.response.statusCode === 401 && credentials.refreshable && !retried) {
			// Rotated tokens: refetch once, as kubectl does, before calling the credentials bad.
			raw.value.cancelTimer();
			raw.value.response.resume();
			credentials.invalidate();
			return open(request, true);
		}

		return raw;
	};

	const readBody = (raw: Raw, timeoutMs: number): Promise<ClusterResult<TransportResponse>> =>
		new Promise(resolve => {
			const chunks: Buffer[] = [];
			const {response} = raw;
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('end', () => {
				raw.cancelTimer();
				resolve(succeeded({status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8')}));
			});
			response.on('error', () => {
				raw.cancelTimer();
				// The only way a started body errors without the socket failing is our timeout destroying it.
				resolve(failed('timeout', `${server}: answer not complete within ${formatSeconds(timeoutMs)}`));
			});
		});

	const send = async (request: TransportRequest): Promise<ClusterResult<TransportResponse>> => {
		const raw = await open(request);
		if (!raw.ok) return raw;
		return readBody(raw.value, request.timeoutMs ?? defaultTimeout);
	};

	return {
		server,
		readOnly: options.readOnly,
		async send(request) {
			return report(await send(request));
		},
		async request(request) {
			const result = await send(request);
			if (!result.ok) return report(result);
			const {status, headers, body} = result.value;
			if (status >= 200 && status < 300) return report(result);
			return report({ok: false, error: failureFromResponse(status, body, headers)});
		},
		async stream(request, onLine, onEnd) {
			const raw = await open(request);
			if (!raw.ok) return report(raw);
			const {response, request: outgoing, cancelTimer} = raw.value;
			if (response.statusCode !== 200) {
				const body = await readBody(raw.value, request.timeoutMs ?? defaultTimeout);
				if (!body.ok) return report(body);
				return report({ok: false, error: failureFromResponse(body.value.status, body.value.body, body.value.headers)});
			}

			cancelTimer();
			report(succeeded(undefined));
			let ended = false;
			let cancelIdle = () => {};
			const end = (result: StreamEnd) => {
				if (ended) return;
				ended = true;
				cancelIdle();
				onEnd(result);
			};

			const armIdle = () => {
				if (!request.idleTimeoutMs) return;
				cancelIdle();
				cancelIdle = runtime.setTimer(() => {
					end({reason: 'failed', error: {kind: 'timeout', message: `${server}: stream silent for ${formatSeconds(request.idleTimeoutMs!)}`}});
					outgoing.destroy();
				}, request.idleTimeoutMs);
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
			return succeeded({
				close() {
					end({reason: 'closed'});
					outgoing.destroy();
				},
			});
		},
		onOutcome(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		close() {
			baseAgent.destroy();
			for (const agent of agents.values()) agent.destroy();
			agents.clear();
		},
	};
}

function formatSeconds(ms: number): string {
	return `${Number((ms / 1000).toFixed(1))} s`;
}
