/**
 * Runs client-node's generated API clients over our transport: its request building, serialisation and
 * response handling, our credentials, timeout, read-only guard and typed failures. client-node's own
 * KubeConfig.makeApiClient would authenticate through its authenticators and send with its own fetch,
 * bypassing all of that; a Configuration with our HttpLibrary is the seam.
 */
import {
	ApiException,
	ResponseContext,
	ServerConfiguration,
	createConfiguration,
	wrapHttpLibrary,
	type Configuration,
	type RequestContext,
} from '@kubernetes/client-node';
import {failureFromResponse} from './api-errors.js';
import {ClusterFailureError, type ClusterFailure, type ClusterResult} from './failure.js';
import type {Transport, TransportRequest} from './transport.js';

/** A client-node API class, e.g. AuthorizationV1Api. */
export type ApiClass<T> = new (configuration: Configuration) => T;

/** Makes a client-node API client whose every request goes through `transport`. */
export function makeApiClient<T>(transport: Transport, api: ApiClass<T>): T {
	const configuration = createConfiguration({
		baseServer: new ServerConfiguration(transport.server, {}),
		// No auth methods: the transport adds credentials, so they are fetched asynchronously in one place.
		authMethods: {},
		httpApi: wrapHttpLibrary({
			async send(context: RequestContext): Promise<ResponseContext> {
				// request(), not send(): error answers become our typed failures with the whole Status, where
				// the generated code would keep only the code (its 401 exception drops the body).
				const result = await transport.request(toTransportRequest(context, transport.server));
				if (!result.ok) throw new ClusterFailureError(result.error);
				const headers: Record<string, string> = {};
				for (const [name, value] of Object.entries(result.value.headers)) {
					if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
				}

				const {body} = result.value;
				return new ResponseContext(result.value.status, headers, {
					text: async () => body,
					binary: async () => Buffer.from(body, 'utf8'),
				});
			},
		}),
	});
	return new api(configuration);
}

/** Awaits a client-node call and turns its exceptions back into failure values. */
export async function callApi<T>(call: () => Promise<T>): Promise<ClusterResult<T>> {
	try {
		return {ok: true, value: await call()};
	} catch (error) {
		return {ok: false, error: failureFromException(error)};
	}
}

/** The failure a client-node call threw. */
export function failureFromException(error: unknown): ClusterFailure {
	if (error instanceof ClusterFailureError) return error.failure;
	if (error instanceof ApiException) {
		const body = typeof error.body === 'string' ? error.body : error.body === undefined ? '' : JSON.stringify(error.body);
		return failureFromResponse(error.code, body, error.headers as Record<string, string>);
	}

	return {kind: 'server', message: `unexpected answer: ${error instanceof Error ? error.message : String(error)}`};
}

function toTransportRequest(context: RequestContext, server: string): TransportRequest {
	const url = new URL(context.getUrl());
	const base = new URL(server);
	// The transport wants the API path below the server's own path prefix (a proxy may serve under one).
	const prefix = base.pathname.replace(/\/$/, '');
	const path = prefix && url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname;
	const query: Record<string, string> = {};
	for (const [name, value] of url.searchParams) query[name] = value;
	const request: TransportRequest = {
		method: context.getHttpMethod() as TransportRequest['method'],
		path,
		query,
		headers: context.getHeaders(),
	};
	const body = context.getBody();
	if (typeof body === 'string') request.body = body;
	return request;
}
