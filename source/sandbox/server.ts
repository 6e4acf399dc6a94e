/**
 * The HTTP entry: authentication, injected faults, the request log, routing to discovery,
 * OpenAPI, the fault controls and resource handlers, and uniform Status errors.
 */
import type {IncomingMessage, ServerResponse} from 'node:http';
import {authenticate} from './auth.js';
import {handleControl} from './control.js';
import {apiGroup, apiGroupList, apiResourceList, apiVersions, serverVersion} from './discovery.js';
import {dispatch} from './dispatch.js';
import type {FaultState, Faults} from './faults.js';
import type {FieldManagement} from './field-management.js';
import {failure, json, readBody, writeReply, type Reply} from './http-io.js';
import type {OpenApi} from './openapi.js';
import type {RequestContext} from './request-context.js';
import type {RequestLog} from './request-log.js';
import {route as resolveRoute, type Route} from './router.js';
import {internalError, notAcceptable, pathNotFound, unauthorized} from './status-errors.js';
import type {Store} from './store.js';
import type {SandboxUser} from './types.js';

export type ApiServerDeps = {
	store: Store;
	users: SandboxUser[];
	now: () => Date;
	faults: FaultState;
	controls: Faults;
	log: RequestLog;
	fields: FieldManagement;
	openapi: OpenApi;
	/** host:port, for /api's serverAddressByClientCIDRs. */
	serverAddress: () => string;
	bookmarkIntervalMs: number;
};

/** Discovery answered only in the aggregated form is refused (406); clients then fall back to the legacy documents. */
function acceptsLegacyDiscovery(accept: string | undefined): boolean {
	if (!accept) return true;
	return accept.split(',').some(part => !/as=APIGroupDiscoveryList/.test(part) && /application\/json|\*\/\*|application\/yaml/.test(part));
}

const delay = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

function discovery(deps: ApiServerDeps, target: Route, accept: string | undefined): Reply | undefined {
	const {registry} = deps.store;
	const legacy = acceptsLegacyDiscovery(accept);
	switch (target.kind) {
		case 'version':
			return json(200, serverVersion);
		case 'health':
			return {code: 200, body: 'ok', contentType: 'text/plain; charset=utf-8'};
		case 'api-versions':
			return legacy ? json(200, apiVersions(deps.serverAddress())) : failure(notAcceptable());
		case 'groups':
			return legacy ? json(200, apiGroupList(registry)) : failure(notAcceptable());
		case 'core-resources':
			return json(200, apiResourceList(registry, '', 'v1'));
		case 'group-resources':
			return json(200, apiResourceList(registry, target.group, target.version));
		case 'openapi-v2':
			return deps.openapi.v2();
		case 'openapi-v3-root':
			return json(200, deps.openapi.v3Root());
		case 'openapi-v3': {
			const document = deps.openapi.v3(target.group, target.version);
			return document ? json(200, document) : failure(pathNotFound());
		}
		case 'group': {
			const group = apiGroup(registry, target.group);
			return group ? json(200, group) : failure(pathNotFound());
		}
		default:
			return undefined;
	}
}

/** Builds the request listener for node:http(s). */
export function createRequestHandler(deps: ApiServerDeps): (request: IncomingMessage, response: ServerResponse) => void {
	return (request, response) => {
		const answered = deps.log.begin((request.method ?? 'GET').toUpperCase());
		response.once('close', answered);
		void serve(deps, request, response).catch(error => {
			if (!response.headersSent) writeReply(response, failure(internalError(error instanceof Error ? error.message : String(error))));
			else response.destroy();
		});
	};
}

async function serve(deps: ApiServerDeps, request: IncomingMessage, response: ServerResponse): Promise<void> {
	const url = new URL(request.url ?? '/', 'https://sandbox.invalid');
	const method = (request.method ?? 'GET').toUpperCase();
	const target = resolveRoute(deps.store.registry, url.pathname);
	const user = authenticate(deps.users, request.headers.authorization);
	if (target.kind === 'control') {
		writeReply(response, await handleControl({action: target.action, method, query: url.searchParams, user, controls: deps.controls, response}));
		return;
	}
	const latency = deps.faults.latencyMs();
	if (latency > 0) await delay(latency);
	let reply: Reply;
	if (!user) reply = failure(unauthorized());
	else {
		const injected = deps.faults.takeFailure();
		if (injected) reply = failure(injected);
		else if (target.kind === 'resource') {
			let raw: Promise<Buffer> | undefined;
			const rawBody = () => (raw ??= readBody(request));
			const context: RequestContext = {
				method,
				route: target,
				query: url.searchParams,
				user,
				headers: request.headers,
				body: () => rawBody().then(bytes => bytes.toString('utf8')),
				rawBody,
				store: deps.store,
				now: deps.now,
				request,
				response,
				faults: deps.faults,
				bookmarkIntervalMs: deps.bookmarkIntervalMs,
			};
			try {
				reply = await dispatch(context, deps.fields);
			} catch (error) {
				// An unexpected failure is a 500 Status (and logged as such), never a dropped connection.
				reply = failure(internalError(error instanceof Error ? error.message : String(error)));
			}
		} else if (target.kind === 'not-found') reply = failure(pathNotFound());
		else reply = method === 'GET' || method === 'HEAD' ? (discovery(deps, target, request.headers.accept) ?? failure(pathNotFound())) : failure(pathNotFound());
	}
	if (!response.headersSent) writeReply(response, reply);
	deps.log.add({
		time: deps.now().toISOString(),
		method,
		path: url.pathname,
		query: Object.fromEntries(url.searchParams),
		user: user?.name,
		status: reply.code,
	});
}
