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
import {readLines, type StreamEnd, type StreamHandle} from './line-stream.js';
import {readOnlyRefusal} from './read-only-guard.js';
import type {ClusterRuntime} from './runtime.js';
import {createAgent, type TlsMaterial} from './tls-agent.js';

export type {StreamEnd, StreamHandle} from './line-stream.js';

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

/** What a request did, for whoever tracks a context's connection state. */
export type RequestOutcome = {ok: true} | {ok: false; error: ClusterFailure};

/** A context's transport. */
export type Transport = {
	readonly server: string;
	readonly readOnly: boolean;
	/** Sends a request; a non-2xx answer is a failure value. */
	request(request: TransportRequest): Promise<ClusterResult<TransportResponse>>;
	/**
	 * Opens a streaming GET: resolves once a 200 arrives (within the timeout), then calls onLine per line
	 * and onEnd exactly once. `idleTimeoutMs` fails the stream when nothing arrives for that long.
	 */
	stream(request: TransportRequest & {idleTimeoutMs?: number}, onLine: (line: string) => void, onEnd: (end: StreamEnd) => void): Promise<ClusterResult<StreamHandle>>;
	/** Called with the outcome of every request: feeds the connection state. Returns the unsubscribe function. */
	onOutcome(listener: (outcome: RequestOutcome) => void): () => void;
	/** Closes sockets and stops a credential plugin still running. */
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
	/** Called as each request is sent (after the read-only guard and credentials), e.g. to count them per verb. */
	onSend?: (method: string, path: string) => void;
};

type Raw = {response: http.IncomingMessage; request: http.ClientRequest; cancelTimer: () => void; timedOut: () => boolean};

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

	/**
	 * Opens the request and waits for the response head; the timer keeps running for the caller to cancel.
	 * `retried`: sent again after a 401; `resends`: how often it was sent again after a kept-alive socket turned out
	 * closed.
	 */
	const open = async (request: TransportRequest, retried = false, resends = 0): Promise<ClusterResult<Raw>> => {
		const refusal = options.readOnly ? readOnlyRefusal(request.method, request.path) : undefined;
		if (refusal) return {ok: false, error: refusal};
		const timeoutMs = request.timeoutMs ?? defaultTimeout;
		const started = runtime.now();
		// The timeout covers getting credentials too: a hanging exec plugin must not hold the request past it.
		// The plugin keeps running (and caches its answer for the next request); only this request gives up.
		const auth = await new Promise<ClusterResult<RequestAuth>>(resolve => {
			const cancel = runtime.setTimer(() => resolve(failed('timeout', `${server}: credentials not ready within ${formatSeconds(timeoutMs)}`)), timeoutMs);
			void credentials.get().then(result => {
				cancel();
				resolve(result);
			});
		});
		if (!auth.ok) return auth;
		const remaining = timeoutMs - (runtime.now() - started);
		if (remaining <= 0) return failed('timeout', `${server}: no answer within ${formatSeconds(timeoutMs)} (credentials took too long)`);
		const url = new URL(server + request.path);
		for (const [name, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(name, String(value));

		let staleSocket = false;
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
			options.onSend?.(request.method, request.path.split('?')[0]!);
			const cancelTimer = runtime.setTimer(() => {
				timedOut = true;
				outgoing.destroy();
			}, remaining);
			outgoing.on('response', response => resolve(succeeded({response, request: outgoing, cancelTimer, timedOut: () => timedOut})));
			outgoing.on('error', error => {
				cancelTimer();
				staleSocket = !timedOut && resends < maxResends && outgoing.reusedSocket && closedBeforeAnswer(error) && replayable(request);
				resolve(timedOut ? failed('timeout', `${server}: no answer within ${formatSeconds(timeoutMs)}`) : {ok: false, error: failureFromNetworkError(error, server)});
			});
			outgoing.end(request.body);
		});

		// The server closed a kept-alive socket as this request went out on it (its idle timeout: Node's is 5 s, a load
		// balancer's may be anything): the request never reached it, so one that is safe to repeat is sent again, on a
		// new socket, as Go's net/http does for idempotent requests (Transport.roundTrip, shouldRetryRequest) and Node's
		// http docs advise (`request.reusedSocket`). Others fail as before: whether they took effect is unknown.
		// The other idle sockets of the agent are as old: they are closed too, so the request gets a new one. (Node drops
		// an idle socket at the server's `Keep-Alive: timeout` hint, but only when its timer runs: a busy event loop, a
		// fleet's renders, holds it back past the server's close.)
		if (staleSocket) {
			for (const agent of [baseAgent, ...agents.values()]) for (const idle of Object.values(agent.freeSockets)) for (const socket of idle ?? []) socket.destroy();
			return open(request, retried, resends + 1);
		}

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
			// A connection that drops mid-body closes without 'end'; the first of these settles the promise.
			response.on('close', () => {
				raw.cancelTimer();
				if (!response.complete) resolve(raw.timedOut() ? failed('timeout', `${server}: answer not complete within ${formatSeconds(timeoutMs)}`) : failed('unreachable', `${server}: connection closed mid-answer`));
			});
			response.on('error', error => {
				raw.cancelTimer();
				resolve(
					raw.timedOut()
						? failed('timeout', `${server}: answer not complete within ${formatSeconds(timeoutMs)}`)
						: {ok: false, error: failureFromNetworkError(error, server)},
				);
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
			const handle = readLines(response, outgoing, {server, setTimer: runtime.setTimer, onLine, onEnd, ...(request.idleTimeoutMs ? {idleTimeoutMs: request.idleTimeoutMs} : {})});
			return succeeded(handle);
		},
		onOutcome(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		close() {
			credentials.close();
			baseAgent.destroy();
			for (const agent of agents.values()) agent.destroy();
			agents.clear();
		},
	};
}

/** How often a request is sent again after finding its kept-alive socket closed (each on another socket). */
const maxResends = 2;

/** A socket closed under a request before any answer (a reset, or closed without a byte). */
function closedBeforeAnswer(error: Error & {code?: string}): boolean {
	return error.code === 'ECONNRESET' || error.code === 'EPIPE' || error.message === 'socket hang up';
}

/** A request that changes nothing when sent twice: a read, or a dry-run (the server persists nothing). */
function replayable(request: TransportRequest): boolean {
	return request.method === 'GET' || request.query?.['dryRun'] === 'All';
}

function formatSeconds(ms: number): string {
	return `${Number((ms / 1000).toFixed(1))} s`;
}
