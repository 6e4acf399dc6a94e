/**
 * Writes, as plain functions taking a context client: server-side apply, merge patches for the fields
 * actions touch (annotations, spec.suspend, syncPolicy), and delete. Each returns the object as the
 * server answered, or a typed failure (forbidden, conflict with fields and managers, not found, invalid
 * with causes, unreachable, timeout, read-only).
 */
import {splitApiVersion, type KubeObject} from '../domain/kube-object.js';
import type {ContextClient} from './context-client.js';
import {resourcePath} from './discovery.js';
import {failed, succeeded, type ClusterResult} from './failure.js';
import type {TransportRequest} from './transport.js';

/** Which object a patch or delete is for. */
export type ObjectRef = {apiVersion: string; kind: string; namespace?: string; name: string};

/** Server-side apply options: our field manager unless told otherwise; force only when asked. */
export type ApplyOptions = {fieldManager?: string; dryRun?: boolean; force?: boolean; fieldValidation?: 'Strict' | 'Warn' | 'Ignore'};

/** Patch options. */
export type PatchOptions = {fieldManager?: string; dryRun?: boolean};

/** The field manager gitops-tui writes as. */
export const defaultFieldManager = 'gitops-tui';

/** Server-side apply of `object` (`PATCH` with application/apply-patch+yaml), as `kubectl apply --server-side`. */
export async function serverSideApply(client: ContextClient, object: KubeObject, options: ApplyOptions = {}): Promise<ClusterResult<KubeObject>> {
	if (!object.metadata?.name) return failed('invalid', `${object.kind}: metadata.name is required for server-side apply`);
	// managedFields in an apply body is rejected by the server; it is never what the caller meant to send.
	const {managedFields: _managedFields, ...metadata} = object.metadata;
	const body = JSON.stringify({...object, metadata});
	return write(client, object, {
		method: 'PATCH',
		headers: {'Content-Type': 'application/apply-patch+yaml'},
		query: {
			fieldManager: options.fieldManager ?? defaultFieldManager,
			force: options.force ? 'true' : undefined,
			dryRun: options.dryRun ? 'All' : undefined,
			fieldValidation: options.fieldValidation,
		},
		body,
	});
}

/** A JSON merge patch (RFC 7386: `null` removes a field). */
export async function mergePatch(client: ContextClient, ref: ObjectRef, patch: Record<string, unknown>, options: PatchOptions = {}): Promise<ClusterResult<KubeObject>> {
	return write(client, toHeader(ref), {
		method: 'PATCH',
		headers: {'Content-Type': 'application/merge-patch+json'},
		query: {fieldManager: options.fieldManager ?? defaultFieldManager, dryRun: options.dryRun ? 'All' : undefined},
		body: JSON.stringify(patch),
	});
}

/** Sets (string) or removes (null) annotations. */
export async function patchAnnotations(client: ContextClient, ref: ObjectRef, annotations: Record<string, string | null>, options: PatchOptions = {}): Promise<ClusterResult<KubeObject>> {
	return mergePatch(client, ref, {metadata: {annotations}}, options);
}

/** Sets `spec.suspend` (Flux Kustomization, HelmRelease, GitRepository; CronJob; Job). */
export async function setSuspend(client: ContextClient, ref: ObjectRef, suspend: boolean, options: PatchOptions = {}): Promise<ClusterResult<KubeObject>> {
	return mergePatch(client, ref, {spec: {suspend}}, options);
}

/** Merges into an Argo CD Application's `spec.syncPolicy` (`{automated: null}` pauses auto-sync). */
export async function patchSyncPolicy(client: ContextClient, ref: ObjectRef, syncPolicy: Record<string, unknown> | null, options: PatchOptions = {}): Promise<ClusterResult<KubeObject>> {
	return mergePatch(client, ref, {spec: {syncPolicy}}, options);
}

/** Deletes an object (background propagation, as kubectl). Answers with what the server returned. */
export async function deleteObject(client: ContextClient, ref: ObjectRef, options: {dryRun?: boolean} = {}): Promise<ClusterResult<KubeObject>> {
	return write(client, toHeader(ref), {
		method: 'DELETE',
		headers: {'Content-Type': 'application/json'},
		query: {dryRun: options.dryRun ? 'All' : undefined},
		body: JSON.stringify({kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background'}),
	});
}

/** Resolves the object's path (the context's namespace for namespaced objects that name none) and sends. */
async function write(client: ContextClient, object: KubeObject, request: Omit<TransportRequest, 'path'>): Promise<ClusterResult<KubeObject>> {
	const {group, version} = splitApiVersion(object.apiVersion);
	const resource = await client.discovery.resolve({group, version, kind: object.kind});
	if (!resource.ok) return resource;
	const namespace = resource.value.namespaced ? (object.metadata.namespace ?? client.context.namespace) : undefined;
	const result = await client.transport.request({...request, path: resourcePath(resource.value, namespace, object.metadata.name)});
	if (!result.ok) return result;
	try {
		return succeeded(JSON.parse(result.value.body) as KubeObject);
	} catch {
		return failed('server', `${request.method} ${object.kind} ${object.metadata.name}: the answer is not JSON`);
	}
}

function toHeader(ref: ObjectRef): KubeObject {
	return {apiVersion: ref.apiVersion, kind: ref.kind, metadata: {name: ref.name, ...(ref.namespace ? {namespace: ref.namespace} : {})}};
}
