/**
 * Resource requests: which verb a method and path mean, whether the user may use it (403 as RBAC
 * words it), and which handler answers.
 */
import {handleSelfSubjectAccessReview, handleSelfSubjectReview} from './access-review.js';
import {allows} from './auth.js';
import type {FieldManagement} from './field-management.js';
import {handlePatch} from './handlers/patch.js';
import {handleGet, handleList} from './handlers/read.js';
import {handleScale} from './handlers/scale.js';
import {handleCreate, handleDelete, handleDeleteCollection, handleUpdate} from './handlers/write.js';
import {failure, type Reply} from './http-io.js';
import type {RequestContext} from './request-context.js';
import {forbidden, methodNotAllowed} from './status-errors.js';
import {handleWatch} from './watch.js';

/** The API verb of a request, or undefined when the method is not served on that path. */
export function verbOf(method: string, route: RequestContext['route'], query: URLSearchParams): string | undefined {
	const watch = route.legacyWatch || query.get('watch') === 'true' || query.get('watch') === '1';
	if (route.subresource) return ({GET: 'get', PUT: 'update', PATCH: 'patch'} as Record<string, string>)[method];
	switch (method) {
		case 'GET':
			return watch ? 'watch' : route.name === undefined ? 'list' : 'get';
		case 'POST':
			return route.name === undefined ? 'create' : undefined;
		case 'PUT':
			return route.name === undefined ? undefined : 'update';
		case 'PATCH':
			return route.name === undefined ? undefined : 'patch';
		case 'DELETE':
			return route.name === undefined ? 'deletecollection' : 'delete';
		default:
			return undefined;
	}
}

export async function dispatch(context: RequestContext, fields: FieldManagement): Promise<Reply> {
	const {route, user, method, query} = context;
	const {type} = route;
	const verb = verbOf(method, route, query);
	if (!verb || !type.verbs.includes(verb)) return failure(methodNotAllowed());
	if (context.store.registry.isVirtual(type)) {
		return type.kind === 'SelfSubjectReview' ? handleSelfSubjectReview(context) : handleSelfSubjectAccessReview(context, fields.recordUpdate);
	}
	if (!allows(user, verb, type.resource)) {
		return failure(forbidden({user: user.name, verb, group: type.group, resource: type.resource, subresource: route.subresource, namespace: route.namespace, name: route.name}));
	}
	if (route.subresource === 'scale') return handleScale(context);
	switch (verb) {
		case 'get':
			return handleGet(context);
		case 'list':
			return handleList(context);
		case 'watch':
			if (route.name !== undefined) {
				// Watching one object is a watch with a name field selector.
				const selector = [query.get('fieldSelector'), `metadata.name=${route.name}`].filter(Boolean).join(',');
				query.set('fieldSelector', selector);
				return handleWatch({...context, route: {...route, name: undefined}});
			}
			return handleWatch(context);
		case 'create':
			return handleCreate(context);
		case 'update':
			return handleUpdate(context);
		case 'patch':
			return handlePatch(context);
		case 'delete':
			return handleDelete(context);
		default:
			return handleDeleteCollection(context);
	}
}
