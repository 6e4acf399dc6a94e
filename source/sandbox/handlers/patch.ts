/**
 * PATCH by Content-Type: JSON patch, merge patch, strategic merge patch (built-in kinds only, as
 * on a real server) and server-side apply; on the main resource or its /status.
 */
import type {KubeObject} from '../../domain/kube-object.js';
import {applyJsonPatch, applyMergePatch, applyStrategicMergePatch} from '../patch/index.js';
import {failure, json, type Reply} from '../http-io.js';
import {checkBodyObject, decodeObject, dryRun, fieldManager, fieldValidation, type RequestContext} from '../request-context.js';
import {apiError, badRequest, invalid, notFound, unsupportedMediaType} from '../status-errors.js';

const jsonPatch = 'application/json-patch+json';
const mergePatch = 'application/merge-patch+json';
const strategicPatch = 'application/strategic-merge-patch+json';
const applyPatch = 'application/apply-patch+yaml';

/** The patch media types a type accepts: custom resources take no strategic merge patch. */
export function patchTypes(custom: boolean): string[] {
	return custom ? [jsonPatch, mergePatch, applyPatch] : [jsonPatch, mergePatch, strategicPatch, applyPatch];
}

/** Computes the patched object, or an error reply. */
export function patchObject(live: KubeObject, mediaType: string, text: string): {ok: true; object: KubeObject} | {ok: false; reply: Reply} {
	let patch: unknown;
	try {
		patch = JSON.parse(text);
	} catch (error) {
		return {ok: false, reply: failure(badRequest(`error decoding patch: ${error instanceof Error ? error.message : String(error)}`))};
	}
	let result: unknown;
	if (mediaType === jsonPatch) {
		const patched = applyJsonPatch(structuredClone(live), patch);
		if (!patched.ok) return {ok: false, reply: failure(apiError(422, 'Invalid', `the server rejected our request due to an error in our request: ${patched.message}`))};
		result = patched.value;
	} else if (mediaType === mergePatch) {
		if (!patch || typeof patch !== 'object' || Array.isArray(patch)) return {ok: false, reply: failure(badRequest('merge patch must be a JSON object'))};
		result = applyMergePatch(structuredClone(live), patch);
	} else {
		const patched = applyStrategicMergePatch(structuredClone(live), patch);
		if (!patched.ok) return {ok: false, reply: failure(apiError(422, 'Invalid', patched.message))};
		result = patched.value;
	}
	if (!result || typeof result !== 'object' || Array.isArray(result)) return {ok: false, reply: failure(badRequest('the patch must leave an object'))};
	const object = result as KubeObject;
	object.metadata = {...(object.metadata ?? {}), name: live.metadata.name, namespace: live.metadata.namespace};
	if (live.metadata.namespace === undefined) delete object.metadata.namespace;
	return {ok: true, object};
}

export async function handlePatch(context: RequestContext): Promise<Reply> {
	const {type, namespace, name, subresource} = context.route;
	const mediaType = (context.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
	const accepted = patchTypes(context.store.registry.isCustom(type));
	if (!accepted.includes(mediaType)) return failure(unsupportedMediaType(mediaType, accepted));
	const dry = dryRun(context.query);
	if (!dry.ok) return failure(dry.error);
	const validation = fieldValidation(context.query);
	if (!validation.ok) return failure(validation.error);
	const force = context.query.get('force');
	const statusSubresource = subresource === 'status' ? 'status' : undefined;
	if (mediaType === applyPatch) {
		const manager = context.query.get('fieldManager');
		if (!manager) {
			return failure(invalid({group: 'meta.k8s.io', kind: 'PatchOptions', name: '', causes: [{field: 'fieldManager', message: 'Required value: is required for apply patch', reason: 'FieldValueRequired'}]}));
		}
		const decoded = decodeObject(await context.body(), 'yaml');
		if (!decoded.ok) return failure(decoded.error);
		const checked = checkBodyObject(context, decoded.value, {name});
		if (!checked.ok) return failure(checked.error);
		const outcome = context.store.apply(type, {namespace, name: name!}, checked.value, {
			manager,
			force: force === 'true',
			subresource: statusSubresource,
			dryRun: dry.value,
			requireNamespace: true,
		});
		if (!outcome.ok) return failure(outcome.error);
		return json(outcome.created ? 201 : 200, outcome.object);
	}
	if (force !== null) {
		return failure(invalid({group: 'meta.k8s.io', kind: 'PatchOptions', name: '', causes: [{field: 'force', message: 'Forbidden: may not be specified for non-apply patch', reason: 'FieldValueForbidden'}]}));
	}
	const manager = fieldManager(context);
	if (!manager.ok) return failure(manager.error);
	const live = context.store.get(type, namespace, name!);
	if (!live) return failure(notFound({group: type.group, resource: type.resource, name: name!}));
	const patched = patchObject(live, mediaType, await context.body());
	if (!patched.ok) return patched.reply;
	const outcome = context.store.update(type, patched.object, {manager: manager.value, subresource: statusSubresource, dryRun: dry.value, checkResourceVersion: true});
	return outcome.ok ? json(200, outcome.object) : failure(outcome.error);
}
