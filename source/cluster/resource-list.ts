/**
 * A complete LIST of one resource, page by page (`limit` + `continue`, as kubectl does), projected.
 * List items carry no apiVersion/kind; they are filled in from the resource so projections are whole.
 */
import type {KubeObject} from '../domain/kube-object.js';
import type {LiveObject} from '../domain/watch-types.js';
import type {ContextClient} from './context-client.js';
import {resourcePath, type ApiResource} from './discovery.js';
import {failed, succeeded, type ClusterResult} from './failure.js';
import type {Projector} from './projection.js';

type ListBody = {metadata?: {resourceVersion?: string; continue?: string}; items?: KubeObject[]};

/** Every object of `resource` (in `namespace`, or all namespaces), and the list's resourceVersion. */
export async function listResource(
	client: ContextClient,
	resource: ApiResource,
	options: {namespace?: string; pageSize?: number; projector: Projector; /** Only objects with these labels (`k=v,k2=v2`). */ labelSelector?: string; /** Only objects with these fields (`metadata.name=web`). */ fieldSelector?: string},
): Promise<ClusterResult<{objects: LiveObject[]; resourceVersion: string}>> {
	const path = resourcePath(resource, options.namespace);
	const apiVersion = resource.group ? `${resource.group}/${resource.version}` : resource.version;
	const objects: LiveObject[] = [];
	let resourceVersion: string | undefined;
	let token: string | undefined;
	do {
		const page = await client.transport.request({method: 'GET', path, query: {labelSelector: options.labelSelector, fieldSelector: options.fieldSelector, limit: options.pageSize ?? 500, continue: token}});
		if (!page.ok) return page;
		let body: ListBody;
		try {
			body = JSON.parse(page.value.body) as ListBody;
		} catch {
			return failed('server', `${path}: the list answer is not JSON`);
		}

		// Every page of one list is served from the same snapshot; the first page's version is the list's.
		resourceVersion ??= body.metadata?.resourceVersion;
		for (const item of body.items ?? []) {
			item.apiVersion ??= apiVersion;
			item.kind ??= resource.kind;
			objects.push(options.projector.project(item));
		}

		token = body.metadata?.continue || undefined;
	} while (token);

	if (resourceVersion === undefined) return failed('server', `${path}: the list answer has no resourceVersion`);
	return succeeded({objects, resourceVersion});
}
