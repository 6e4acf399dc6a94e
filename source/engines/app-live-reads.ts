/**
 * One app's live objects read on their own, for `diff APP`: instead of listing every object of a dozen kinds on
 * the context to find one app's forty, each kind the app needs is asked for by label selector (the ownership
 * labels: ours, Argo CD's instance label, Flux's name labels) and by name (what it desires, its Flux inventory,
 * Argo CD's resource list). Whatever could pair with a desired object or be claimed as the app's is read, so
 * every verdict is the one a full listing gives. A rule no selector can express (Helm's release annotations, an
 * Argo CD app whose controller has listed no resources yet) falls back to listing that kind whole.
 *
 * Argo CD's tracking annotation cannot be selected on: objects marked only by it are found through the
 * controller's own resource list, which names every object it tracks, Extra ones included (as `argocd app diff`
 * reads the controller's view).
 */
import type {ContextClient} from '../cluster/context-client.js';
import {resourcePath, type ApiResource, type KindRef} from '../cluster/discovery.js';
import {failed, type ClusterResult} from '../cluster/failure.js';
import {createProjector, type Projector} from '../cluster/projection.js';
import {listResource} from '../cluster/resource-list.js';
import {splitApiVersion, type KubeObject} from '../domain/kube-object.js';
import {resourceId, resourceKeyOf} from '../domain/resource-key.js';
import type {LiveObject} from '../domain/watch-types.js';
import {mapConcurrent} from './concurrency.js';
import type {AppDefinition} from './engine.js';
import {liveKindsFor} from './live-kinds.js';
import {isConnectionFailure, type ContextFailure, type KindState, type LiveView} from './live-view.js';

/** What reading apps alone needs: a client per context, and the view the app objects were listed in. */
export type AppLiveReadsOptions = {
	clients: ReadonlyMap<string, ContextClient>;
	/** The view discovery read (its context failures carry over; kinds not read here are answered from it). */
	base: LiveView;
	/** Kinds read at once (each reads up to 4 objects by name at once); default 4. */
	concurrency?: number;
};

/** A LiveView holding the apps' own objects of every kind they need (and the base view's for the rest). */
export async function readAppsLive(apps: ReadonlyArray<{app: AppDefinition; objects: readonly KubeObject[]}>, options: AppLiveReadsOptions): Promise<LiveView> {
	const projector = createProjector();
	const states = new Map<string, KindState>();
	const failures = new Map<string, ContextFailure>();
	const stateKey = (context: string, group: string, kind: string) => `${context}\n${group}/${kind}`;
	const jobs = apps.flatMap(({app, objects}) => (app.context ? liveKindsFor(app, objects).map(ref => ({app, objects, ref, context: app.context!})) : []));
	await mapConcurrent(jobs, options.concurrency ?? 4, async ({app, objects, ref, context}) => {
		const failure = options.base.contextFailure(context) ?? failures.get(context);
		const client = options.clients.get(context);
		const state: KindState = failure
			? {ok: false, kind: 'unreachable', message: failure.message}
			: client
				? await readKind(client, context, ref, {app, objects, projector})
				: {ok: false, kind: 'kubeconfig', message: `no client for context ${context}`};
		if (!state.ok && !failures.has(context) && isConnectionFailure(state.kind)) failures.set(context, {kind: state.kind, message: state.message});
		const key = stateKey(context, ref.group, ref.kind);
		states.set(key, merge(states.get(key), state));
	});
	return {
		kind: (context, group, kind) => states.get(stateKey(context, group, kind)) ?? options.base.kind(context, group, kind),
		contextFailure: context => options.base.contextFailure(context) ?? failures.get(context),
	};
}

type ReadInput = {app: AppDefinition; objects: readonly KubeObject[]; projector: Projector};

/** One kind of one app: by selector and by name, or listed whole when no selector can express its ownership. */
async function readKind(client: ContextClient, context: string, ref: KindRef, input: ReadInput): Promise<KindState> {
	const resolved = await client.discovery.resolve(ref);
	if (!resolved.ok) {
		if (resolved.error.kind === 'not-found') return {ok: false, kind: 'not-served', message: `${label(ref)} is not served by context ${context}`};
		return {ok: false, kind: resolved.error.kind, message: resolved.error.message};
	}

	const resource = resolved.value;
	const {selectors, whole} = selectorsOf(input.app);
	const found = new Map<string, LiveObject>();
	const lists = whole ? [undefined] : selectors;
	for (const labelSelector of lists) {
		const listed = await listResource(client, resource, {projector: input.projector, ...(labelSelector ? {labelSelector} : {})});
		if (!listed.ok) return {ok: false, kind: listed.error.kind, message: `cannot list ${label(ref)}: ${listed.error.message}`};
		for (const entry of listed.value.objects) found.set(entry.key, entry);
	}

	if (!whole) {
		const reads = await mapConcurrent([...namedIds(input, resource)].filter(id => !found.has(id)), 4, async id => ({id, read: await readById(client, resource, id, input.projector)}));
		for (const {id, read} of reads) {
			if (read.ok) found.set(read.value.key, read.value);
			else if (read.error.kind !== 'not-found') return {ok: false, kind: read.error.kind, message: `cannot read ${label(ref)} ${id}: ${read.error.message}`};
		}
	}

	// The order a list gives (namespace, then name), so nothing downstream can tell the two readings apart.
	const objects = [...found.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
	return {ok: true, objects, namespaced: resource.namespaced};
}

/** The label selectors that find every object the app's rules may claim; `whole` when one rule has none. */
function selectorsOf(app: AppDefinition): {selectors: string[]; whole: boolean} {
	const selectors: string[] = [];
	let whole = false;
	for (const rule of app.ownership) {
		switch (rule.kind) {
			case 'inventory':
				break;
			case 'labels': {
				const entries = Object.entries(rule.values);
				if (entries.length === 0 || !entries.every(([key, value]) => selectable(key) && selectable(value))) whole = true;
				else selectors.push(entries.map(([key, value]) => `${key}=${value}`).join(','));
				break;
			}
			case 'annotations':
				whole = true;
				break;
			case 'argo-tracking-id':
				// Without the controller's resource list, only a whole listing finds what the annotation claims.
				if (!app.listedIds) whole = true;
				break;
		}
	}
	return {selectors, whole};
}

/** Label keys and values that a selector can carry as they are (what Kubernetes allows in labels). */
function selectable(text: string): boolean {
	return /^[A-Za-z0-9._/-]*$/.test(text);
}

/** The ids of this kind the app names: what it desires, its inventory, its controller's resource list. */
function namedIds(input: ReadInput, resource: ApiResource): Set<string> {
	const ids = new Set<string>();
	const prefix = `${resource.group}/${resource.kind}/`;
	for (const object of input.objects) {
		const {group} = splitApiVersion(object.apiVersion ?? '');
		if (group !== resource.group || object.kind !== resource.kind || !object.metadata?.name) continue;
		ids.add(resourceId(resourceKeyOf(object, {defaultNamespace: input.app.defaultNamespace, isNamespaced: () => resource.namespaced})));
	}

	for (const rule of input.app.ownership) if (rule.kind === 'inventory') for (const id of rule.ids) if (id.startsWith(prefix)) ids.add(id);
	for (const id of input.app.listedIds ?? []) if (id.startsWith(prefix)) ids.add(id);
	return ids;
}

/** GET one object by its resource id (`group/Kind/namespace/name`), projected as a list would. */
async function readById(client: ContextClient, resource: ApiResource, id: string, projector: Projector): Promise<ClusterResult<LiveObject>> {
	const [, , namespace = '', ...name] = id.split('/');
	const answer = await client.transport.request({method: 'GET', path: resourcePath(resource, namespace || undefined, name.join('/'))});
	if (!answer.ok) return answer;
	let object: KubeObject;
	try {
		object = JSON.parse(answer.value.body) as KubeObject;
	} catch {
		return failed('server', `GET ${id}: the answer is not JSON`);
	}
	// An object the server returns under another name (or namespace) is not the one asked for.
	const entry = projector.project(object);
	return entry.key === id ? {ok: true, value: entry} : failed('not-found', `${id} not found`);
}

/** Two apps' readings of one kind (an ambiguous name selects more than one app): every object of both. */
function merge(known: KindState | undefined, state: KindState): KindState {
	if (!known) return state;
	if (!known.ok) return known;
	if (!state.ok) return state;
	const objects = new Map(known.objects.map(entry => [entry.key, entry]));
	for (const entry of state.objects) objects.set(entry.key, entry);
	return {ok: true, namespaced: known.namespaced, objects: [...objects.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))};
}

function label(ref: KindRef): string {
	return `${ref.kind} (${ref.group ? `${ref.group}/` : ''}${ref.version})`;
}
