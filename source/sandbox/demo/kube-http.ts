/**
 * The demo's writers talk to each sandbox the way the real controllers do: HTTPS with a bearer token,
 * server-side apply (`application/apply-patch+yaml`, a field manager, force), merge patches on the status
 * subresource, strategic merge patches as `kubectl edit` sends, the scale subresource as an autoscaler uses.
 * A refused write is unexpected here (the demo builds a world it knows), so it throws with the server's message.
 */
import {Agent, request} from 'node:https';
import {apiVersionOf} from '../registry.js';
import type {KubeObject} from '../../domain/kube-object.js';
import type {ResourceType} from '../types.js';

/** Which object a write is for. */
export type ObjectRef = {apiVersion: string; kind: string; namespace?: string; name: string};

/** A client for one sandbox. */
export type KubeHttp = {
	/** Server-side apply with `force=true`, as kustomize-controller, Argo CD and gitops-tui apply. */
	apply(object: KubeObject, manager: string): Promise<KubeObject>;
	/** A JSON merge patch; on the status subresource when told (Argo CD's Application has none). */
	mergePatch(ref: ObjectRef, patch: Record<string, unknown>, manager: string, options?: {subresource?: 'status'}): Promise<KubeObject>;
	/** A strategic merge patch, as `kubectl edit` and `kubectl patch` send. */
	strategicPatch(ref: ObjectRef, patch: Record<string, unknown>, manager: string): Promise<KubeObject>;
	/** Sets replicas through the scale subresource, as an autoscaler does. */
	scale(ref: ObjectRef, replicas: number, manager: string): Promise<void>;
	get(ref: ObjectRef): Promise<KubeObject | undefined>;
	close(): void;
};

export type KubeHttpOptions = {
	/** `https://127.0.0.1:PORT` */
	url: string;
	token: string;
	caPem: string;
	/** The served type of an apiVersion and kind (for the resource's plural name and scope). */
	resourceType: (apiVersion: string, kind: string) => ResourceType | undefined;
};

/** A client over one keep-alive connection pool. */
export function createKubeHttp(options: KubeHttpOptions): KubeHttp {
	const agent = new Agent({keepAlive: true, maxSockets: 8, ca: options.caPem});
	const base = new URL(options.url);

	const pathOf = (ref: ObjectRef, subresource?: string) => {
		const type = options.resourceType(ref.apiVersion, ref.kind);
		if (!type) throw new Error(`demo: ${ref.apiVersion} ${ref.kind} is not served by the sandbox`);
		const prefix = type.group ? `/apis/${apiVersionOf(type)}` : `/api/${type.version}`;
		const scope = type.namespaced ? `/namespaces/${encodeURIComponent(ref.namespace ?? 'default')}` : '';
		return `${prefix}${scope}/${type.resource}/${encodeURIComponent(ref.name)}${subresource ? `/${subresource}` : ''}`;
	};

	const send = (method: string, target: string, body: string | undefined, contentType?: string) =>
		new Promise<{status: number; text: string}>((resolve, reject) => {
			const headers: Record<string, string> = {authorization: `Bearer ${options.token}`, accept: 'application/json'};
			if (body !== undefined) {
				headers['content-type'] = contentType ?? 'application/json';
				headers['content-length'] = String(Buffer.byteLength(body));
			}
			const req = request({agent, host: base.hostname, port: base.port, method, path: target, headers}, response => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () => resolve({status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8')}));
				response.on('error', reject);
			});
			req.on('error', reject);
			req.end(body);
		});

	const write = async (method: string, target: string, body: string, contentType: string, what: string): Promise<KubeObject> => {
		const response = await send(method, target, body, contentType);
		if (response.status < 200 || response.status >= 300) throw new Error(`demo: ${what} was refused (${response.status}): ${messageOf(response.text)}`);
		return JSON.parse(response.text) as KubeObject;
	};

	const describe = (ref: ObjectRef) => `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
	const refOf = (object: KubeObject): ObjectRef => ({apiVersion: object.apiVersion, kind: object.kind, namespace: object.metadata.namespace, name: object.metadata.name ?? ''});

	return {
		apply(object, manager) {
			const ref = refOf(object);
			const query = `?fieldManager=${encodeURIComponent(manager)}&force=true`;
			// JSON is YAML: the apply content type takes either.
			return write('PATCH', `${pathOf(ref)}${query}`, JSON.stringify(object), 'application/apply-patch+yaml', `applying ${describe(ref)} as ${manager}`);
		},
		mergePatch(ref, patch, manager, patchOptions) {
			const target = `${pathOf(ref, patchOptions?.subresource)}?fieldManager=${encodeURIComponent(manager)}`;
			return write('PATCH', target, JSON.stringify(patch), 'application/merge-patch+json', `patching ${describe(ref)} as ${manager}`);
		},
		strategicPatch(ref, patch, manager) {
			const target = `${pathOf(ref)}?fieldManager=${encodeURIComponent(manager)}`;
			return write('PATCH', target, JSON.stringify(patch), 'application/strategic-merge-patch+json', `patching ${describe(ref)} as ${manager}`);
		},
		async scale(ref, replicas, manager) {
			const target = `${pathOf(ref, 'scale')}?fieldManager=${encodeURIComponent(manager)}`;
			await write('PATCH', target, JSON.stringify({spec: {replicas}}), 'application/merge-patch+json', `scaling ${describe(ref)} as ${manager}`);
		},
		async get(ref) {
			const response = await send('GET', pathOf(ref), undefined);
			if (response.status === 404) return undefined;
			if (response.status !== 200) throw new Error(`demo: reading ${describe(ref)} failed (${response.status}): ${messageOf(response.text)}`);
			return JSON.parse(response.text) as KubeObject;
		},
		close() {
			agent.destroy();
		},
	};
}

function messageOf(text: string): string {
	try {
		const parsed = JSON.parse(text) as {message?: unknown};
		if (typeof parsed.message === 'string') return parsed.message;
	} catch {
		// Not a Status: show the text itself.
	}
	return text.slice(0, 300);
}
