/**
 * The live objects one app needs, found through indexes instead of a walk over its whole context: at fleet scale
 * (500 apps, ~7,000 objects of a dozen kinds per context) pairing and ownership walked every object once per app.
 * Each kind's objects are indexed once (by resource id, label, annotation, Argo CD tracking app and owner uid; cached
 * on the KindState, which a view keeps for one evaluation, and handed on to the kind's next state with only the changed
 * objects re-filed: carryLiveIndex), and an app reads only the
 * candidates: what its desired objects name, what its ownership rules could claim, and their descendants through
 * ownerReferences (the tree's children). Ownership is still decided by ownedObjects, exactly as before; objects
 * left out could neither pair, be owned nor hang under either, so every verdict stays the same.
 */
import type {KubeObject} from '../domain/kube-object.js';
import {resourceId, resourceKeyOf, type IsNamespaced} from '../domain/resource-key.js';
import type {LiveObject} from '../domain/watch-types.js';
import type {AppDefinition} from './engine.js';
import type {KindState, LiveView} from './live-view.js';

/** Entries by object key: an update replaces, a delete removes, whatever the order they came in. */
type Entries = Map<string, LiveObject>;

type KindIndex = {
	objects: readonly LiveObject[];
	byId: Entries;
	/**
	 * Per label (annotation) key the ownership rules ask for, by value; built on first use, so the labels no rule
	 * reads (most of them) are never indexed.
	 */
	byLabel: Map<string, Map<string, Entries>>;
	byAnnotation: Map<string, Map<string, Entries>>;
	/** The app part of argocd.argoproj.io/tracking-id; built on first use. */
	byTrackingApp?: Map<string, Entries>;
	byOwnerUid: Map<string, Entries>;
};

const indexes = new WeakMap<KindState, KindIndex>();

function add<K>(map: Map<K, Entries>, value: K, entry: LiveObject): void {
	const entries = map.get(value);
	if (entries) entries.set(entry.key, entry);
	else map.set(value, new Map([[entry.key, entry]]));
}

function remove<K>(map: Map<K, Entries>, value: K, key: string): void {
	const entries = map.get(value);
	if (entries?.delete(key) && entries.size === 0) map.delete(value);
}

const trackingApp = (entry: LiveObject): string | undefined => {
	const tracking = entry.object.metadata?.annotations?.['argocd.argoproj.io/tracking-id'];
	const colon = tracking?.indexOf(':') ?? -1;
	return tracking && colon > 0 ? tracking.slice(0, colon) : undefined;
};

/** Puts `entry` into (or takes it out of) every index built so far. */
function file(index: KindIndex, entry: LiveObject, put: boolean): void {
	const change = <K>(map: Map<K, Entries>, value: K) => (put ? add(map, value, entry) : remove(map, value, entry.key));
	if (put) index.byId.set(entry.key, entry);
	else index.byId.delete(entry.key);
	for (const owner of entry.object.metadata?.ownerReferences ?? []) if (owner.uid) change(index.byOwnerUid, owner.uid);
	for (const [where, byKey] of [['labels', index.byLabel], ['annotations', index.byAnnotation]] as const) {
		for (const [key, byValue] of byKey) {
			const value = entry.object.metadata?.[where]?.[key];
			if (value !== undefined) change(byValue, value);
		}
	}
	const app = index.byTrackingApp ? trackingApp(entry) : undefined;
	if (app !== undefined) change(index.byTrackingApp!, app);
}

function indexOf(state: KindState & {ok: true}): KindIndex {
	const known = indexes.get(state);
	if (known) return known;
	const index: KindIndex = {objects: state.objects, byId: new Map(), byLabel: new Map(), byAnnotation: new Map(), byOwnerUid: new Map()};
	for (const entry of state.objects) file(index, entry, true);
	indexes.set(state, index);
	return index;
}

/** What changed between two states of a kind: objects added or updated, and the keys of those deleted. */
export type KindChanges = {upserted: readonly LiveObject[]; deleted: readonly string[]};

/**
 * Hands the index built on `previous` over to `next`, updated by the changes between them, instead of a new one built
 * from every object (a watch event on one of 6,700 ConfigMaps re-indexed them all). `previous` loses its index (it
 * is built again if asked: correct, only slower). Nothing happens when `previous` had none: `next` builds its own on
 * first use. The caller vouches that `next` is `previous` with `changes` applied.
 */
export function carryLiveIndex(previous: KindState, next: KindState, changes: KindChanges): void {
	const index = indexes.get(previous);
	if (!index || !next.ok || indexes.has(next)) return;
	indexes.delete(previous);
	for (const key of changes.deleted) {
		const old = index.byId.get(key);
		if (old) file(index, old, false);
	}
	for (const entry of changes.upserted) {
		const old = index.byId.get(entry.key);
		if (old) file(index, old, false);
		file(index, entry, true);
	}
	index.objects = next.objects;
	indexes.set(next, index);
}

/** The objects whose label (annotation) `key` has `value`. */
function withMark(index: KindIndex, where: 'labels' | 'annotations', key: string, value: string): Iterable<LiveObject> | undefined {
	const byKey = where === 'labels' ? index.byLabel : index.byAnnotation;
	let byValue = byKey.get(key);
	if (!byValue) {
		byKey.set(key, (byValue = new Map()));
		for (const entry of index.objects) {
			const found = entry.object.metadata?.[where]?.[key];
			if (found !== undefined) add(byValue, found, entry);
		}
	}
	return byValue.get(value)?.values();
}

/** The objects whose Argo CD tracking id names `app`. */
function trackedBy(index: KindIndex, app: string): Iterable<LiveObject> | undefined {
	if (!index.byTrackingApp) {
		index.byTrackingApp = new Map();
		for (const entry of index.objects) {
			const found = trackingApp(entry);
			if (found !== undefined) add(index.byTrackingApp, found, entry);
		}
	}
	return index.byTrackingApp.get(app)?.values();
}

export type AppLiveOptions = {
	context: string;
	kinds: ReadonlyArray<{group: string; kind: string}>;
	app: {ownership: AppDefinition['ownership']; defaultNamespace?: string | undefined};
	/** The app's desired objects, as rendered (their ids are looked up). */
	desired: readonly KubeObject[];
	/** Their resource ids when the caller has worked them out (same order); the view's kinds decide those it reads. */
	desiredIds?: readonly string[];
};

/**
 * The live objects of `kinds` on the context that the app's desired objects name, its ownership rules may claim,
 * or that descend from those; by kind (in the order asked), then by key.
 */
export function appLiveObjects(view: LiveView, options: AppLiveOptions): LiveObject[] {
	const {context} = options;
	// By `group/kind`, in the order the kinds were asked for (the order of the result).
	const byKind = new Map<string, KindIndex>();
	for (const {group, kind} of options.kinds) {
		if (byKind.has(`${group}/${kind}`)) continue;
		const state = view.kind(context, group, kind);
		if (state?.ok) byKind.set(`${group}/${kind}`, indexOf(state));
	}
	const kinds = [...byKind.values()];

	const found = new Set<LiveObject>();
	const addAll = (lists: ReadonlyArray<Iterable<LiveObject> | undefined>) => {
		for (const list of lists) for (const entry of list ?? []) found.add(entry);
	};
	// A resource id starts with its `group/kind`, so one kind's index answers it.
	const byId = (id: string) => {
		const entry = byKind.get(id.slice(0, id.indexOf('/', id.indexOf('/') + 1)))?.byId.get(id);
		return entry ? [entry] : [];
	};

	const isNamespaced: IsNamespaced = (group, kind) => {
		const state = view.kind(context, group, kind);
		return state?.ok ? state.namespaced : undefined;
	};
	options.desired.forEach((object, index) => {
		if (!object.metadata?.name) return;
		addAll([byId(options.desiredIds?.[index] ?? resourceId(resourceKeyOf(object, {defaultNamespace: options.app.defaultNamespace, isNamespaced})))]);
	});

	for (const rule of options.app.ownership) {
		switch (rule.kind) {
			case 'inventory':
				for (const id of rule.ids) addAll([byId(id)]);
				break;
			case 'labels':
			case 'annotations': {
				const [first] = Object.entries(rule.values);
				// No value to match: the rule claims every object (ownedObjects decides, as it always did).
				if (!first) addAll(kinds.map(index => index.objects));
				else addAll(kinds.map(index => withMark(index, rule.kind, first[0], first[1])));
				break;
			}
			case 'argo-tracking-id':
				for (const name of rule.appNames) addAll(kinds.map(index => trackedBy(index, name)));
				break;
		}
	}

	// Descendants (ReplicaSets, Pods...) of everything found: the app tree hangs them under their owners.
	const frontier = [...found];
	while (frontier.length > 0) {
		const uid = frontier.pop()!.object.metadata?.uid;
		if (!uid) continue;
		for (const index of kinds) {
			for (const child of index.byOwnerUid.get(uid)?.values() ?? []) {
				if (found.has(child)) continue;
				found.add(child);
				frontier.push(child);
			}
		}
	}

	// By kind as asked, then by key: the order an API server lists them in (etcd's key order), so the one-shot
	// commands keep their listing's order and the TUI an order that does not move when a watch event re-adds one.
	const rank = new Map([...byKind.keys()].map((id, position) => [id, position]));
	const ranked = [...found].map(entry => ({entry, rank: rank.get(entry.key.slice(0, entry.key.indexOf('/', entry.key.indexOf('/') + 1))) ?? 0}));
	ranked.sort((a, b) => a.rank - b.rank || (a.entry.key < b.entry.key ? -1 : a.entry.key > b.entry.key ? 1 : 0));
	return ranked.map(({entry}) => entry);
}
