/**
 * SelfSubjectAccessReview ("may I?") and SelfSubjectReview ("who am I?"): create-only, stored
 * nowhere, allowed for every authenticated user, answered 201 like a real server.
 */
import type {KubeObject} from '../domain/kube-object.js';
import {allows, isAdmin} from './auth.js';
import {failure, json, type Reply} from './http-io.js';
import {checkBodyObject, decodeBody, fieldManager, type RequestContext} from './request-context.js';
import {timestamp} from './object-utils.js';
import type {SandboxUser} from './types.js';

type Attributes = {verb?: string; path?: string; resource?: string};

/** Non-resource URLs every authenticated user may GET (system:discovery, system:public-info-viewer). */
const discoveryPaths = [/^\/api(\/.*)?$/, /^\/apis(\/.*)?$/, /^\/version\/?$/, /^\/openapi(\/.*)?$/, /^\/(healthz|livez|readyz)(\/.*)?$/];

function decide(user: SandboxUser, spec: {resourceAttributes?: Attributes; nonResourceAttributes?: Attributes}): boolean {
	if (spec.resourceAttributes) {
		const verb = spec.resourceAttributes.verb ?? '';
		return verb === '*' ? isAdmin(user) && !user.denied?.length : allows(user, verb, spec.resourceAttributes.resource);
	}
	if (spec.nonResourceAttributes) {
		const {verb = '', path = ''} = spec.nonResourceAttributes;
		return isAdmin(user) || (verb === 'get' && discoveryPaths.some(pattern => pattern.test(path)));
	}
	return false;
}

export async function handleSelfSubjectAccessReview(context: RequestContext, recordUpdate: (input: {before: undefined; after: KubeObject; manager: string; now: string}) => KubeObject): Promise<Reply> {
	const decoded = await decodeBody(context);
	if (!decoded.ok) return failure(decoded.error);
	const checked = checkBodyObject(context, decoded.value, {});
	if (!checked.ok) return failure(checked.error);
	const manager = fieldManager(context);
	if (!manager.ok) return failure(manager.error);
	const spec = (checked.value['spec'] ?? {}) as {resourceAttributes?: Attributes; nonResourceAttributes?: Attributes};
	const request: KubeObject = {kind: checked.value.kind, apiVersion: checked.value.apiVersion, metadata: {}, spec};
	const recorded = recordUpdate({before: undefined, after: request, manager: manager.value, now: timestamp(context.now())});
	const metadata: Record<string, unknown> = {creationTimestamp: null};
	if (recorded.metadata.managedFields?.length) metadata['managedFields'] = recorded.metadata.managedFields;
	return json(201, {kind: request.kind, apiVersion: request.apiVersion, metadata, spec, status: {allowed: decide(context.user, spec)}});
}

export async function handleSelfSubjectReview(context: RequestContext): Promise<Reply> {
	if ((await context.rawBody()).length > 0) {
		const decoded = await decodeBody(context);
		if (!decoded.ok) return failure(decoded.error);
		const checked = checkBodyObject(context, decoded.value, {});
		if (!checked.ok) return failure(checked.error);
	}
	const groups = context.user.groups.includes('system:authenticated') ? context.user.groups : [...context.user.groups, 'system:authenticated'];
	return json(201, {
		kind: 'SelfSubjectReview',
		apiVersion: 'authentication.k8s.io/v1',
		metadata: {creationTimestamp: null},
		status: {userInfo: {username: context.user.name, groups}},
	});
}
