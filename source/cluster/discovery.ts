/**
 * Finds the REST resource for a kind (plural name, namespaced or not) from the server's discovery
 * documents, one request per group/version, cached for the client's life. Failures are not cached.
 */
import {failed, succeeded, type ClusterResult} from './failure.js';
import type {Transport} from './transport.js';

/** A kind as manifests name it. */
export type KindRef = {group: string; version: string; kind: string};

/** The served resource for a kind. */
export type ApiResource = KindRef & {resource: string; namespaced: boolean; verbs: string[]};

type ResourceList = {resources?: Array<{name: string; kind: string; namespaced: boolean; verbs?: string[]}>};

/** Resolves kinds against one context's discovery documents. */
export type Discovery = {resolve(ref: KindRef): Promise<ClusterResult<ApiResource>>};

/** The API path of a group/version: `/api/v1` for core, `/apis/apps/v1` otherwise. */
export function groupVersionPath(group: string, version: string): string {
	return group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
}

/** The collection path of a resource, namespaced when a namespace is given and the resource is namespaced. */
export function resourcePath(resource: ApiResource, namespace?: string, name?: string): string {
	let path = groupVersionPath(resource.group, resource.version);
	if (resource.namespaced && namespace) path += `/namespaces/${encodeURIComponent(namespace)}`;
	path += `/${resource.resource}`;
	if (name !== undefined) path += `/${encodeURIComponent(name)}`;
	return path;
}

/** A discovery cache over `transport`. */
export function createDiscovery(transport: Transport): Discovery {
	const lists = new Map<string, Promise<ClusterResult<ResourceList>>>();
	return {
		async resolve(ref) {
			const path = groupVersionPath(ref.group, ref.version);
			let pending = lists.get(path);
			if (!pending) {
				pending = transport.request({method: 'GET', path}).then(result => {
					if (!result.ok) {
						lists.delete(path);
						return result;
					}

					try {
						return succeeded(JSON.parse(result.value.body) as ResourceList);
					} catch {
						lists.delete(path);
						return failed<ResourceList>('server', `${path}: discovery answer is not JSON`);
					}
				});
				lists.set(path, pending);
			}

			const list = await pending;
			if (!list.ok) {
				if (list.error.kind === 'not-found') return failed('not-found', `the server does not serve ${ref.group ? `${ref.group}/` : ''}${ref.version}`, {status: 404});
				return list;
			}

			// Subresources (`deployments/status`) carry the same kind; the resource itself has no slash.
			const entry = list.value.resources?.find(resource => resource.kind === ref.kind && !resource.name.includes('/'));
			if (!entry) return failed('not-found', `the server does not serve kind ${ref.kind} in ${ref.group ? `${ref.group}/` : ''}${ref.version}`, {status: 404});
			return succeeded({...ref, resource: entry.name, namespaced: entry.namespaced, verbs: entry.verbs ?? []});
		},
	};
}
