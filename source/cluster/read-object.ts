/**
 * One object read whole (GET), as actions need it: the app's own object before patching it (its annotations,
 * `syncPolicy`, resourceVersion), and objects polled while waiting for a controller to react. Lean projections
 * of the watch store drop what these need, so actions read the server's full answer.
 */
import {splitApiVersion, type KubeObject} from '../domain/kube-object.js';
import type {ContextClient} from './context-client.js';
import {resourcePath} from './discovery.js';
import {failed, succeeded, type ClusterResult} from './failure.js';
import type {ObjectRef} from './writes.js';

/** The object as the server holds it; a `not-found` failure when it does not exist. */
export async function readObject(client: ContextClient, ref: ObjectRef): Promise<ClusterResult<KubeObject>> {
	const {group, version} = splitApiVersion(ref.apiVersion);
	const resource = await client.discovery.resolve({group, version, kind: ref.kind});
	if (!resource.ok) return resource;
	const namespace = resource.value.namespaced ? (ref.namespace ?? client.context.namespace) : undefined;
	const answer = await client.transport.request({method: 'GET', path: resourcePath(resource.value, namespace, ref.name)});
	if (!answer.ok) return answer;
	try {
		return succeeded(JSON.parse(answer.value.body) as KubeObject);
	} catch {
		return failed('server', `GET ${ref.kind} ${ref.name}: the answer is not JSON`);
	}
}

/** The reference of an object, for writes and reads. */
export function refOf(object: KubeObject): ObjectRef {
	const ref: ObjectRef = {apiVersion: object.apiVersion, kind: object.kind, name: object.metadata?.name ?? ''};
	if (object.metadata?.namespace) ref.namespace = object.metadata.namespace;
	return ref;
}
