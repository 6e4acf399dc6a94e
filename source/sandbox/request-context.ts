/**
 * What a resource handler gets for one request, plus the query-parameter rules every write
 * shares (dryRun, fieldManager, fieldValidation) and body decoding.
 */
import type {IncomingMessage, ServerResponse} from 'node:http';
import {load} from 'js-yaml';
import type {KubeObject} from '../domain/kube-object.js';
import type {FaultState} from './faults.js';
import {apiVersionOf} from './registry.js';
import type {ResourceRoute} from './router.js';
import {decodeKubernetesProtobuf} from './protobuf.js';
import {badRequest, invalid, unsupportedMediaType, type ApiError} from './status-errors.js';
import type {Store} from './store.js';
import type {SandboxUser} from './types.js';

export type RequestContext = {
	method: string;
	route: ResourceRoute;
	query: URLSearchParams;
	user: SandboxUser;
	headers: IncomingMessage['headers'];
	/** The body as text (read once, on first use). */
	body(): Promise<string>;
	rawBody(): Promise<Buffer>;
	store: Store;
	now: () => Date;
	request: IncomingMessage;
	response: ServerResponse;
	faults: FaultState;
	bookmarkIntervalMs: number;
};

export type Decoded<T> = {ok: true; value: T} | {ok: false; error: ApiError};

/** `dryRun=All` (repeatable) or nothing; anything else is a 400 like the real server's. */
export function dryRun(query: URLSearchParams): Decoded<boolean> {
	const values = query.getAll('dryRun').filter(v => v !== '');
	if (values.length === 0) return {ok: true, value: false};
	if (values.every(v => v === 'All')) return {ok: true, value: true};
	return {ok: false, error: badRequest(`Invalid dry run value: ${values.join(', ')}`)};
}

/** The field manager: `fieldManager`, else the User-Agent up to its first `/`, as the apiserver derives it. */
export function fieldManager(context: RequestContext): Decoded<string> {
	const given = context.query.get('fieldManager');
	const manager = given ?? (context.headers['user-agent'] ?? '').split('/')[0]!;
	if (given !== null && (given.length > 128 || !/^[\x20-\x7e]*$/.test(given))) {
		return {ok: false, error: invalid({group: 'meta.k8s.io', kind: 'UpdateOptions', name: '', causes: [{field: 'fieldManager', message: `Invalid value: ${JSON.stringify(given)}: must be at most 128 printable characters`}]})};
	}
	return {ok: true, value: manager.slice(0, 128)};
}

/** Accepts the documented fieldValidation values (the sandbox validates the same either way). */
export function fieldValidation(query: URLSearchParams): Decoded<string> {
	const value = query.get('fieldValidation') ?? '';
	if (['', 'Ignore', 'Warn', 'Strict'].includes(value)) return {ok: true, value};
	return {ok: false, error: badRequest(`invalid field validation directive: ${value}`)};
}

/** Decodes a JSON (or, for YAML content types, YAML) body into an object. */
export function decodeObject(text: string, contentType: string | undefined): Decoded<Record<string, unknown>> {
	let value: unknown;
	try {
		value = /yaml/i.test(contentType ?? '') ? load(text) : JSON.parse(text);
	} catch (error) {
		return {ok: false, error: badRequest(`the body of the request could not be decoded: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`)};
	}
	if (!value || typeof value !== 'object' || Array.isArray(value)) return {ok: false, error: badRequest('the body of the request must be a JSON object')};
	return {ok: true, value: value as Record<string, unknown>};
}

/** Decodes the request body by Content-Type: protobuf (kubectl's typed clients), YAML or JSON. */
export async function decodeBody(context: RequestContext): Promise<Decoded<Record<string, unknown>>> {
	const contentType = context.headers['content-type'] ?? '';
	if (/application\/vnd\.kubernetes\.protobuf/.test(contentType)) {
		const decoded = decodeKubernetesProtobuf(await context.rawBody());
		return decoded.ok ? decoded : {ok: false, error: unsupportedMediaType(contentType, ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'], decoded.message)};
	}
	return decodeObject(await context.body(), contentType);
}

/** Checks a request body is an object of the route's type, in the route's namespace, and fills the namespace in. */
export function checkBodyObject(context: RequestContext, body: Record<string, unknown>, options: {name?: string}): Decoded<KubeObject> {
	const {type, namespace} = context.route;
	const expected = apiVersionOf(type);
	if (typeof body['kind'] !== 'string' || body['kind'] === '') return {ok: false, error: badRequest(`Object 'Kind' is missing in '${JSON.stringify(body).slice(0, 200)}'`)};
	if (body['apiVersion'] !== expected) {
		return {ok: false, error: badRequest(`the API version in the data (${String(body['apiVersion'])}) does not match the expected API version (${expected})`)};
	}
	if (body['kind'] !== type.kind) return {ok: false, error: badRequest(`the kind in the data (${body['kind']}) does not match the expected kind (${type.kind})`)};
	const object = body as KubeObject;
	const metadata = (object.metadata ??= {});
	if (typeof metadata !== 'object' || Array.isArray(metadata)) return {ok: false, error: badRequest('metadata must be an object')};
	if (type.namespaced) {
		if (metadata.namespace && metadata.namespace !== namespace) {
			return {ok: false, error: badRequest('the namespace of the provided object does not match the namespace sent on the request')};
		}
		metadata.namespace = namespace;
	}
	if (options.name !== undefined) {
		if (metadata.name && metadata.name !== options.name) {
			return {ok: false, error: badRequest(`the name of the object (${metadata.name}) does not match the name on the URL (${options.name})`)};
		}
		metadata.name = options.name;
	}
	return {ok: true, value: object};
}
