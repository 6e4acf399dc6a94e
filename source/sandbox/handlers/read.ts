/**
 * GET of one object and LIST, answering as a plain object/list, a Table (kubectl get) or
 * PartialObjectMetadata, whichever the Accept header asks for.
 */
import type {KubeObject} from '../../domain/kube-object.js';
import {failure, json, type Reply} from '../http-io.js';
import {listPage} from '../list.js';
import {apiVersionOf} from '../registry.js';
import type {RequestContext} from '../request-context.js';
import {notFound} from '../status-errors.js';
import {negotiate, partial, toTable} from '../table.js';

/** A list item as a real server sends it: built-in list items carry no kind or apiVersion. */
export function listItem(context: RequestContext, object: KubeObject): unknown {
	if (context.store.registry.isCustom(context.route.type)) return object;
	const {kind: _kind, apiVersion: _apiVersion, ...rest} = object;
	return rest;
}

export function handleGet(context: RequestContext): Reply {
	const {type, namespace, name} = context.route;
	const object = context.store.get(type, namespace, name!);
	if (!object) return failure(notFound({group: type.group, resource: type.resource, name: name!}));
	switch (negotiate(context.headers.accept)) {
		case 'table':
			return json(200, toTable({registry: context.store.registry, type, objects: [object], now: context.now(), includeObject: context.query.get('includeObject'), listMetadata: {resourceVersion: object.metadata.resourceVersion}}));
		case 'partial':
			return json(200, partial(object));
		default:
			return json(200, object);
	}
}

export function handleList(context: RequestContext): Reply {
	const page = listPage(context.store, context.route, context.query);
	if (!page.ok) return failure(page.error);
	const {type} = context.route;
	const {items, metadata} = page.value;
	switch (negotiate(context.headers.accept)) {
		case 'table':
			return json(200, toTable({registry: context.store.registry, type, objects: items, now: context.now(), includeObject: context.query.get('includeObject'), listMetadata: metadata}));
		case 'partial':
			return json(200, {kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', metadata, items: items.map(partial)});
		default:
			return json(200, {kind: type.listKind, apiVersion: apiVersionOf(type), metadata, items: items.map(item => listItem(context, item))});
	}
}
