/**
 * What the Flux engines share: the revision format, inventories, the controller's verdict from conditions, and
 * finding a source object (GitRepository) by reference.
 */
import type {AppSync} from '../domain/app.js';
import {conditionOf, specOf, statusOf} from '../domain/health/conditions.js';
import {parseInventoryId} from '../domain/flux-inventory-id.js';
import type {KubeObject} from '../domain/kube-object.js';
import {resourceId} from '../domain/resource-key.js';
import type {KindRef} from '../cluster/discovery.js';
import type {AppDefinition, AppEngine, DiscoveryInput, SourceHealth} from './engine.js';

/** Flux's GitRepository kind, which both Flux engines read sources from. */
export const gitRepositoryKind: KindRef = {group: 'source.toolkit.fluxcd.io', version: 'v1', kind: 'GitRepository'};

/**
 * The commit sha in a Flux revision: `main@sha1:<sha>`, `sha1:<sha>`, `refs/tags/v1@sha1:<sha>`, and the older
 * `main/<sha>` form; undefined for anything else (an OCI digest, a chart version).
 */
export function fluxRevisionSha(revision: unknown): string | undefined {
	if (typeof revision !== 'string') return undefined;
	const modern = /(?:^|@)sha1:([0-9a-f]{7,40})$/.exec(revision.trim());
	if (modern) return modern[1];
	return /^[^@]*\/([0-9a-f]{40})$/.exec(revision.trim())?.[1];
}

/**
 * Inventory entry ids (domain/flux-inventory-id.ts) as resource ids `group/Kind/namespace/name`. Malformed entries
 * are skipped.
 */
export function inventoryIds(object: KubeObject): string[] {
	const entries = statusOf(object).inventory?.entries;
	if (!Array.isArray(entries)) return [];
	const ids: string[] = [];
	for (const entry of entries) {
		const parsed = parseInventoryId(entry?.id);
		if (parsed) ids.push(resourceId(parsed));
	}

	return ids;
}

/** One inventory entry, with its version (`v`) so its kind can be listed. */
export type InventoryEntry = {group: string; version: string; kind: string; namespace: string; name: string};

/** Inventory entries with versions: what has to be listed to find the app's live objects. */
export function inventoryEntries(object: KubeObject): InventoryEntry[] {
	const entries = statusOf(object).inventory?.entries;
	if (!Array.isArray(entries)) return [];
	return entries.flatMap(entry => {
		const parsed = parseInventoryId(entry?.id);
		return parsed ? [{...parsed, version: typeof entry?.v === 'string' ? entry.v : ''}] : [];
	});
}

/** The kinds (with versions) an inventory holds, each once. */
export function inventoryKinds(object: KubeObject): KindRef[] {
	const kinds = new Map<string, KindRef>();
	for (const entry of inventoryEntries(object)) {
		if (entry.version && !kinds.has(`${entry.group}/${entry.kind}`)) kinds.set(`${entry.group}/${entry.kind}`, {group: entry.group, version: entry.version, kind: entry.kind});
	}

	return [...kinds.values()];
}

/**
 * The controller's sync verdict from its conditions: Ready True → Synced; Ready False → OutOfSync (the last
 * reconciliation failed, so the cluster is not what the source says); reconciling or unknown → Unknown.
 */
export function fluxControllerSync(object: KubeObject): {sync: AppSync; message?: string} {
	const ready = conditionOf(object, 'Ready');
	const reconciling = conditionOf(object, 'Reconciling');
	if (reconciling?.status === 'True') return withMessage('Unknown', reconciling.message || reconciling.reason || 'reconciling');
	const message = ready?.message || ready?.reason || undefined;
	if (ready?.status === 'True') return withMessage('Synced', message);
	if (ready?.status === 'False') return withMessage('OutOfSync', message);
	return withMessage('Unknown', message ?? 'the controller has not reported yet');
}

/** Whether a Flux source (GitRepository...) is ready, with the controller's message when it is not. */
export function fluxSourceHealth(source: KubeObject | undefined, reference: string): SourceHealth {
	if (!source) return {ready: false, message: `${reference} not found`};
	if (specOf(source).suspend === true) return {ready: true, message: `${reference} is suspended`};
	const ready = conditionOf(source, 'Ready');
	if (ready?.status === 'True') return {ready: true};
	return {ready: false, message: `${reference} not ready: ${ready?.message || ready?.reason || 'no Ready condition yet'}`};
}

/** A Flux cross-namespace reference `{kind, name, namespace?}`; the namespace defaults to the referrer's. */
export type FluxRef = {kind: string; name: string; namespace: string};

/** Reads a `sourceRef`/`chartRef` against its referrer's namespace. */
export function fluxRef(value: unknown, referrerNamespace: string): FluxRef | undefined {
	if (!value || typeof value !== 'object') return undefined;
	const ref = value as Record<string, unknown>;
	if (typeof ref.kind !== 'string' || typeof ref.name !== 'string') return undefined;
	return {kind: ref.kind, name: ref.name, namespace: typeof ref.namespace === 'string' && ref.namespace ? ref.namespace : referrerNamespace};
}

/** Finds the object a reference names. */
export function findRef(objects: readonly KubeObject[], ref: FluxRef): KubeObject | undefined {
	return objects.find(object => object.kind === ref.kind && object.metadata.name === ref.name && (object.metadata.namespace ?? '') === ref.namespace);
}

/** The branch, tag, semver range or commit a GitRepository follows, for display. */
export function gitRepositoryRef(source: KubeObject | undefined): string | undefined {
	const ref = specOf(source ?? {apiVersion: '', kind: '', metadata: {}}).ref as Record<string, unknown> | undefined;
	if (!ref) return undefined;
	for (const field of ['commit', 'name', 'tag', 'semver', 'branch']) {
		if (typeof ref[field] === 'string' && ref[field]) return ref[field] as string;
	}

	return undefined;
}

function withMessage(sync: AppSync, message: string | undefined): {sync: AppSync; message?: string} {
	return message ? {sync, message} : {sync};
}

/** Flux app objects of one kind on every context, each with the GitRepositories of its context. */
export function discoverFluxApps(
	kind: KindRef,
	toApp: (object: KubeObject, context: string, sources: readonly KubeObject[], input: DiscoveryInput) => AppDefinition,
): AppEngine['discover'] {
	return input =>
		input.contexts.flatMap(context => {
			const sources = input.objects(context.name, gitRepositoryKind);
			return input.objects(context.name, kind).map(object => toApp(object, context.name, sources, input));
		});
}
