/**
 * Listing: namespace scope, label and field selectors, and `limit`/`continue` pagination with
 * `remainingItemCount`, as the apiserver pages through etcd (ordered by namespace, then name).
 */
import type {KubeObject} from '../domain/kube-object.js';
import type {ResourceRoute} from './router.js';
import {matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector, type FieldSelector, type LabelSelector} from './selectors.js';
import {badRequest, type ApiError} from './status-errors.js';
import type {Store} from './store.js';

/** Parsed selectors of a list or watch request. */
export type Selection = {labels: LabelSelector; fields: FieldSelector; empty: boolean};

export type Parsed<T> = {ok: true; value: T} | {ok: false; error: ApiError};

export function parseSelection(store: Store, route: ResourceRoute, query: URLSearchParams): Parsed<Selection> {
	const labels = parseLabelSelector(query.get('labelSelector') ?? '');
	if (!labels.ok) return {ok: false, error: badRequest(labels.message)};
	const fields = parseFieldSelector(query.get('fieldSelector') ?? '', route.type.kind, store.registry.isCustom(route.type));
	if (!fields.ok) return {ok: false, error: badRequest(fields.message)};
	return {ok: true, value: {labels: labels.value, fields: fields.value, empty: labels.value.length === 0 && fields.value.length === 0}};
}

/** True when the object is in the route's namespace (if any) and matches the selectors. */
export function selects(route: ResourceRoute, selection: Selection, object: KubeObject): boolean {
	if (route.namespace !== undefined && object.metadata.namespace !== route.namespace) return false;
	return matchesLabels(selection.labels, object.metadata.labels) && matchesFields(selection.fields, object);
}

type ContinueToken = {v: string; rv: number; start: string};

function decodeContinue(token: string): ContinueToken | undefined {
	try {
		const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as ContinueToken;
		return typeof parsed.start === 'string' && typeof parsed.rv === 'number' ? parsed : undefined;
	} catch {
		return undefined;
	}
}

function encodeContinue(revision: number, lastKey: string): string {
	return Buffer.from(JSON.stringify({v: 'meta.k8s.io/v1', rv: revision, start: `${lastKey}\u0000`}), 'utf8').toString('base64url');
}

const keyOf = (object: KubeObject) => `${object.metadata.namespace ?? ''}/${object.metadata.name}`;

/** One page of a list: items plus the list metadata (resourceVersion, continue, remainingItemCount). */
export function listPage(store: Store, route: ResourceRoute, query: URLSearchParams): Parsed<{items: KubeObject[]; metadata: Record<string, unknown>}> {
	const selection = parseSelection(store, route, query);
	if (!selection.ok) return selection;
	const revision = store.revision();
	let candidates = store.list(route.type, route.namespace);
	const token = query.get('continue');
	if (token) {
		const decoded = decodeContinue(token);
		if (!decoded) return {ok: false, error: badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)')};
		candidates = candidates.filter(object => keyOf(object) >= decoded.start);
	}
	const matching = selection.value.empty ? candidates : candidates.filter(object => selects(route, selection.value, object));
	const limit = Number(query.get('limit') ?? '0');
	const metadata: Record<string, unknown> = {resourceVersion: String(revision)};
	if (!Number.isInteger(limit) || limit <= 0 || matching.length <= limit) return {ok: true, value: {items: matching, metadata}};
	const items = matching.slice(0, limit);
	metadata['continue'] = encodeContinue(revision, keyOf(items[items.length - 1]!));
	// etcd can count what is left only for unfiltered lists; filtered pages omit the count.
	if (selection.value.empty) metadata['remainingItemCount'] = matching.length - limit;
	return {ok: true, value: {items, metadata}};
}
