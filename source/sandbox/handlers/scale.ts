/**
 * The /scale subresource of Deployments, ReplicaSets and StatefulSets: an autoscaling/v1 Scale
 * view of spec.replicas, readable and writable by PUT or PATCH (as `kubectl scale` uses it).
 */
import type {KubeObject} from '../../domain/kube-object.js';
import {failure, json, type Reply} from '../http-io.js';
import {decodeObject, dryRun, fieldManager, type RequestContext} from '../request-context.js';
import {conflict, notFound, unsupportedMediaType} from '../status-errors.js';
import {patchObject} from './patch.js';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function toScale(object: KubeObject) {
	const {name, namespace, uid, resourceVersion, creationTimestamp} = object.metadata;
	const matchLabels: Record<string, string> = (object['spec'] as Any)?.selector?.matchLabels ?? {};
	return {
		kind: 'Scale',
		apiVersion: 'autoscaling/v1',
		metadata: {name, namespace, uid, resourceVersion, creationTimestamp},
		spec: {replicas: (object['spec'] as Any)?.replicas ?? 0},
		status: {
			replicas: (object['status'] as Any)?.replicas ?? 0,
			selector: Object.entries(matchLabels)
				.map(([key, value]) => `${key}=${value}`)
				.join(','),
		},
	};
}

export async function handleScale(context: RequestContext): Promise<Reply> {
	const {type, namespace, name} = context.route;
	const live = context.store.get(type, namespace, name!);
	if (!live) return failure(notFound({group: type.group, resource: type.resource, name: name!}));
	if (context.method === 'GET') return json(200, toScale(live));
	const dry = dryRun(context.query);
	if (!dry.ok) return failure(dry.error);
	const manager = fieldManager(context);
	if (!manager.ok) return failure(manager.error);
	let scale: Any;
	if (context.method === 'PUT') {
		const decoded = decodeObject(await context.body(), context.headers['content-type']);
		if (!decoded.ok) return failure(decoded.error);
		scale = decoded.value;
	} else {
		const mediaType = (context.headers['content-type'] ?? '').split(';')[0]!.trim();
		const accepted = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json'];
		if (!accepted.includes(mediaType)) return failure(unsupportedMediaType(mediaType, accepted));
		const patched = patchObject(toScale(live) as unknown as KubeObject, mediaType, await context.body());
		if (!patched.ok) return patched.reply;
		scale = patched.object;
	}
	const requested = scale['metadata']?.resourceVersion;
	if (requested && requested !== live.metadata.resourceVersion) return failure(conflict({group: type.group, resource: type.resource, name: name!}));
	const next = structuredClone(live);
	(next['spec'] as Any).replicas = Number(scale['spec']?.replicas ?? 0);
	const outcome = context.store.update(type, next, {manager: manager.value, dryRun: dry.value});
	return outcome.ok ? json(200, toScale(outcome.object)) : failure(outcome.error);
}
