/**
 * Reads Flux `postBuild.substituteFrom` variables from the cluster: a ConfigMap's `data`, or a Secret's `data`
 * decoded, in the Kustomization's namespace. The values only ever feed rendering; they are never printed.
 */
import type {ContextClient} from '../cluster/context-client.js';
import {resourcePath} from '../cluster/discovery.js';
import type {KubeObject} from '../domain/kube-object.js';
import type {VariablesSource} from './desired-state.js';

/** A VariablesSource over the contexts' clients (each app reads from the context its Kustomization lives on). */
export function clusterVariablesSource(clients: ReadonlyMap<string, ContextClient>): VariablesSource {
	return async (app, entry) => {
		const client = clients.get(app.controllerContext);
		if (!client) return {ok: false, message: `context ${app.controllerContext} has no client`};
		const resource = await client.discovery.resolve({group: '', version: 'v1', kind: entry.kind});
		if (!resource.ok) return {ok: false, message: resource.error.message};
		const answer = await client.transport.request({method: 'GET', path: resourcePath(resource.value, app.namespace, entry.name)});
		if (!answer.ok) return {ok: false, message: answer.error.kind === 'not-found' ? 'not found' : answer.error.message};
		let object: KubeObject;
		try {
			object = JSON.parse(answer.value.body) as KubeObject;
		} catch {
			return {ok: false, message: 'the answer is not JSON'};
		}

		return {ok: true, variables: variablesOf(object)};
	};
}

/** A ConfigMap's data, or a Secret's data decoded from base64 (stringData never comes back from the server). */
export function variablesOf(object: KubeObject): Record<string, string> {
	const data = object.data && typeof object.data === 'object' ? (object.data as Record<string, unknown>) : {};
	const variables: Record<string, string> = {};
	for (const [key, value] of Object.entries(data)) {
		if (typeof value !== 'string') continue;
		variables[key] = object.kind === 'Secret' ? Buffer.from(value, 'base64').toString('utf8') : value;
	}

	return variables;
}
