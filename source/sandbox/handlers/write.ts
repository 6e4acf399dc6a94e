/**
 * POST (create), PUT (update, also of /status) and DELETE (one object or a collection).
 */
import {failure, json, type Reply} from '../http-io.js';
import {listPage} from '../list.js';
import {apiVersionOf} from '../registry.js';
import {checkBodyObject, decodeBody, decodeObject, dryRun, fieldManager, fieldValidation, type RequestContext} from '../request-context.js';
import {badRequest} from '../status-errors.js';
import type {RemoveOptions} from '../store.js';
import {listItem} from './read.js';

/** Query checks every create and update shares: dryRun, fieldManager, fieldValidation. */
function writeParameters(context: RequestContext) {
	const dry = dryRun(context.query);
	if (!dry.ok) return dry;
	const validation = fieldValidation(context.query);
	if (!validation.ok) return validation;
	const manager = fieldManager(context);
	if (!manager.ok) return manager;
	return {ok: true as const, value: {dryRun: dry.value, manager: manager.value}};
}

export async function handleCreate(context: RequestContext): Promise<Reply> {
	const parameters = writeParameters(context);
	if (!parameters.ok) return failure(parameters.error);
	const decoded = await decodeBody(context);
	if (!decoded.ok) return failure(decoded.error);
	const checked = checkBodyObject(context, decoded.value, {});
	if (!checked.ok) return failure(checked.error);
	const outcome = context.store.create(context.route.type, checked.value, {...parameters.value, resetStatus: true, requireNamespace: true});
	return outcome.ok ? json(201, outcome.object) : failure(outcome.error);
}

export async function handleUpdate(context: RequestContext): Promise<Reply> {
	const parameters = writeParameters(context);
	if (!parameters.ok) return failure(parameters.error);
	const decoded = await decodeBody(context);
	if (!decoded.ok) return failure(decoded.error);
	const checked = checkBodyObject(context, decoded.value, {name: context.route.name});
	if (!checked.ok) return failure(checked.error);
	const subresource = context.route.subresource === 'status' ? 'status' : undefined;
	const outcome = context.store.update(context.route.type, checked.value, {...parameters.value, subresource, checkResourceVersion: true});
	return outcome.ok ? json(200, outcome.object) : failure(outcome.error);
}

type DeleteBody = {propagationPolicy?: string; orphanDependents?: boolean; dryRun?: string[]; preconditions?: {uid?: string; resourceVersion?: string}};

/** DeleteOptions from the body (kubectl and client-node send one) merged with query parameters. */
async function deleteOptions(context: RequestContext): Promise<{ok: true; value: RemoveOptions} | {ok: false; reply: Reply}> {
	const text = (await context.body()).trim();
	let body: DeleteBody = {};
	if (text) {
		const decoded = decodeObject(text, context.headers['content-type']);
		if (!decoded.ok) return {ok: false, reply: failure(decoded.error)};
		body = decoded.value as DeleteBody;
	}
	const query = new URLSearchParams(context.query);
	for (const value of body.dryRun ?? []) query.append('dryRun', value);
	const dry = dryRun(query);
	if (!dry.ok) return {ok: false, reply: failure(dry.error)};
	let policy = query.get('propagationPolicy') ?? body.propagationPolicy;
	if (body.orphanDependents === true || query.get('orphanDependents') === 'true') policy = 'Orphan';
	if (policy && !['Background', 'Foreground', 'Orphan'].includes(policy)) {
		return {ok: false, reply: failure(badRequest(`propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan"`))};
	}
	return {ok: true, value: {dryRun: dry.value, propagationPolicy: policy, preconditions: body.preconditions}};
}

export async function handleDelete(context: RequestContext): Promise<Reply> {
	const options = await deleteOptions(context);
	if (!options.ok) return options.reply;
	const {type, namespace, name} = context.route;
	const outcome = context.store.remove(type, namespace, name!, options.value);
	if (!outcome.ok) return failure(outcome.error);
	const {object} = outcome;
	// An object still waiting for finalizers, and kinds whose store returns deleted objects (pods,
	// services, custom resources...), answer with the object; the rest with a Success Status.
	const pending = object.metadata.deletionTimestamp !== undefined && (object.metadata.finalizers?.length ?? 0) > 0;
	if (pending || context.store.registry.deleteReturnsObject(type)) return json(200, object);
	const details: Record<string, unknown> = {name: object.metadata.name};
	if (type.group) details['group'] = type.group;
	details['kind'] = type.resource;
	details['uid'] = object.metadata.uid;
	return json(200, {kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details});
}

export async function handleDeleteCollection(context: RequestContext): Promise<Reply> {
	const options = await deleteOptions(context);
	if (!options.ok) return options.reply;
	const page = listPage(context.store, context.route, context.query);
	if (!page.ok) return failure(page.error);
	const {type} = context.route;
	const deleted = [];
	for (const object of page.value.items) {
		const outcome = context.store.remove(type, object.metadata.namespace, object.metadata.name!, options.value);
		if (outcome.ok) deleted.push(listItem(context, outcome.object));
	}
	return json(200, {kind: type.listKind, apiVersion: apiVersionOf(type), metadata: {resourceVersion: String(context.store.revision())}, items: deleted});
}
