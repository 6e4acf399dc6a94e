/**
 * The OpenAPI v3 documents kubectl reads. kubectl 1.32 fetches /openapi/v3 and then the document of
 * an object's group version, to see whether PATCH takes `fieldValidation` (then it validates on
 * the server and sends fieldValidation=Strict); every operation carries
 * x-kubernetes-group-version-kind so it can match. Schemas stay open (`type: object`): the sandbox
 * does not publish field-level models.
 */
import {createHash} from 'node:crypto';
import {failure, type Reply} from './http-io.js';
import {apiVersionOf, type Registry} from './registry.js';
import {pathNotFound} from './status-errors.js';
import type {ResourceType} from './types.js';

export type OpenApi = {
	/** /openapi/v2 is served as protobuf by real servers; the sandbox does not, and answers 404. */
	v2(): Reply;
	v3Root(): unknown;
	v3(group: string, version: string): unknown;
};

const query = (name: string, type = 'string') => ({name, in: 'query', schema: {type, uniqueItems: true}});
const writeParameters = [query('dryRun'), query('fieldManager'), query('fieldValidation')];
const objectSchema = {type: 'object', 'x-kubernetes-preserve-unknown-fields': true};
const ok = {'200': {description: 'OK', content: {'application/json': {schema: objectSchema}}}};

function basePath(type: ResourceType): string {
	const prefix = type.group ? `/apis/${type.group}/${type.version}` : '/api/v1';
	return type.namespaced ? `${prefix}/namespaces/{namespace}/${type.resource}` : `${prefix}/${type.resource}`;
}

function operations(type: ResourceType) {
	const gvk = {'x-kubernetes-group-version-kind': {group: type.group, version: type.version, kind: type.kind}};
	const operation = (action: string, parameters: unknown[], extra: Record<string, unknown> = {}) => ({
		operationId: `${action}${type.kind}`,
		parameters,
		responses: ok,
		'x-kubernetes-action': action,
		...gvk,
		...extra,
	});
	const paths: Record<string, unknown> = {};
	if (type.verbs.includes('list') || type.verbs.includes('create')) {
		paths[basePath(type)] = {
			...(type.verbs.includes('list') ? {get: operation('list', [query('labelSelector'), query('fieldSelector'), query('limit', 'integer'), query('continue'), query('watch', 'boolean')])} : {}),
			...(type.verbs.includes('create') ? {post: operation('post', writeParameters)} : {}),
		};
	}
	if (type.verbs.includes('get')) {
		const patchBody = {requestBody: {content: Object.fromEntries(['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml'].map(t => [t, {schema: objectSchema}]))}};
		const named = {
			get: operation('get', []),
			put: operation('put', writeParameters),
			patch: operation('patch', [...writeParameters, query('force', 'boolean')], patchBody),
			delete: operation('delete', [query('dryRun'), query('propagationPolicy')]),
		};
		paths[`${basePath(type)}/{name}`] = named;
		for (const sub of type.subresources ?? []) {
			paths[`${basePath(type)}/{name}/${sub}`] = {get: named.get, put: named.put, patch: named.patch};
		}
	}
	return paths;
}

function pathKey(group: string, version: string): string {
	return group ? `apis/${group}/${version}` : `api/${version}`;
}

export function createOpenApi(registry: Registry, serverVersion: string): OpenApi {
	const documents = new Map<string, {document: unknown; hash: string}>();
	const versions = [{group: '', version: 'v1'}, ...registry.groups().flatMap(g => g.versions.map(version => ({group: g.name, version})))];
	for (const {group, version} of versions) {
		const types = registry.all().filter(t => t.group === group && t.version === version);
		const document = {
			openapi: '3.0.0',
			info: {title: 'Kubernetes', version: serverVersion},
			paths: Object.assign({}, ...types.map(operations)),
			components: {
				schemas: Object.fromEntries(
					types.map(t => [
						`${t.group || 'core'}.${t.version}.${t.kind}`,
						{...objectSchema, 'x-kubernetes-group-version-kind': [{group: t.group, version: t.version, kind: t.kind}], description: `${t.kind} (${apiVersionOf(t)})`},
					]),
				),
			},
		};
		const hash = createHash('sha512').update(JSON.stringify(document)).digest('hex').toUpperCase();
		documents.set(pathKey(group, version), {document, hash});
	}
	return {
		v2: () => failure(pathNotFound()),
		v3Root: () => ({
			paths: Object.fromEntries([...documents].map(([key, {hash}]) => [key, {serverRelativeURL: `/openapi/v3/${key}?hash=${hash}`}])),
		}),
		v3: (group, version) => documents.get(pathKey(group, version))?.document,
	};
}

