/**
 * Listing: namespace scope, label and field selectors, and `limit`/`continue` pagination with
 * `remainingItemCount`, as the apiserver pages through etcd (ordered by namespace, then name),
 * reading from the continue token's key on.
 */
import type {KubeObject} from '../domain/kube-object.js';
import type {ResourceRoute} from './router.js';
import {matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector, type FieldSelector, type LabelSelector} from './selectors.js';
import {badRequest, type ApiError} from './status-errors.js';
import {objectKey} from './object-index.js';
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

/** What a continue token carries, as the apiserver encodes it: the key to resume from, relative to the list's key prefix. */
type ContinueToken = {v: string; rv: number; start: string};

function decodeContinue(token: string): ContinueToken | undefined {
	try {
		const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as ContinueToken;
		return typeof parsed.start === 'string' && typeof parsed.rv === 'number' ? parsed : undefined;
	} catch {
		return undefined;
	}
}

function encodeContinue(revision: number, start: string): string {
	return Buffer.from(JSON.stringify({v: 'meta.k8s.io/v1', rv: revision, start}), 'utf8').toString('base64url');
}

/**
 * The part of a stored key (`namespace/name`, `/name` for cluster kinds) the list's prefix leaves,
 * as etcd's keys under /registry/<resource>/[<namespace>/]: a namespaced list resumes from `name`,
 * an all-namespaces one from `namespace/name`.
 */
const keyPrefix = (route: ResourceRoute) => (route.namespace !== undefined ? `${route.namespace}/` : route.type.namespaced ? '' : '/');

/**
 * One page of a list: items plus the list metadata (resourceVersion, continue, remainingItemCount).
 * A page reads the kind's ordered keys from the token's position and stops one match past the
 * limit, so it costs the page (and what the selectors skip), not the kind's size. Like etcd without
 * a snapshot, a later page sees writes made since the first: nothing is served twice, and an
 * object that exists throughout is served once.
 */
export function listPage(store: Store, route: ResourceRoute, query: URLSearchParams): Parsed<{items: KubeObject[]; metadata: Record<string, unknown>}> {
	const selection = parseSelection(store, route, query);
	if (!selection.ok) return selection;
	const revision = store.revision();
	const metadata: Record<string, unknown> = {resourceVersion: String(revision)};
	const prefix = keyPrefix(route);
	const token = query.get('continue');
	let start: string | undefined;
	if (token) {
		const decoded = decodeContinue(token);
		if (!decoded) return {ok: false, error: badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)')};
		start = prefix + decoded.start;
	}
	const limit = Number(query.get('limit') ?? '0');
	const paged = Number.isInteger(limit) && limit > 0;
	const items: KubeObject[] = [];
	let more = false;
	for (const object of store.scan(route.type, route.namespace, start)) {
		if (!selection.value.empty && !selects(route, selection.value, object)) continue;
		if (paged && items.length === limit) {
			more = true;
			break;
		}
		items.push(object);
	}
	if (!more) return {ok: true, value: {items, metadata}};
	const after = `${objectKey(items[limit - 1]!.metadata.namespace, items[limit - 1]!.metadata.name!)}\u0000`;
	metadata['continue'] = encodeContinue(revision, after.slice(prefix.length));
	// etcd can count what is left only for unfiltered lists; filtered pages omit the count.
	if (selection.value.empty) metadata['remainingItemCount'] = store.countFrom(route.type, route.namespace, after);
	return {ok: true, value: {items, metadata}};
}
