/**
 * The live objects one app needs, found through indexes instead of a walk over its whole context: at fleet scale
 * (500 apps, ~7,000 objects of a dozen kinds per context) pairing and ownership walked every object once per app.
 * Each kind's objects are indexed once per evaluation (by resource id, label, annotation, Argo CD tracking app
 * and owner uid; cached on the KindState, which a view keeps for one evaluation), and an app reads only the
 * candidates: what its desired objects name, what its ownership rules could claim, and their descendants through
 * ownerReferences (the tree's children). Ownership is still decided by ownedObjects, exactly as before; objects
 * left out could neither pair, be owned nor hang under either, so every verdict stays the same.
 */
import type {KubeObject} from '../domain/kube-object.js';
import {resourceId, resourceKeyOf, type IsNamespaced} from '../domain/resource-key.js';
import type {LiveObject} from '../domain/watch-types.js';
import type {AppDefinition} from './engine.js';
import type {KindState, LiveView} from './live-view.js';

type KindIndex = {
	objects: readonly LiveObject[];
	position: Map<LiveObject, number>;
	byId: Map<string, LiveObject>;
	/**
	 * Per label (annotation) key the ownership rules ask for, by value; built on first use, so the labels no rule
	 * reads (most of them) are never indexed.
	 */
	byLabel: Map<string, Map<string, LiveObject[]>>;
	byAnnotation: Map<string, Map<string, LiveObject[]>>;
	/** The app part of argocd.argoproj.io/tracking-id; built on first use. */
	byTrackingApp?: Map<string, LiveObject[]>;
	byOwnerUid: Map<string, LiveObject[]>;
};

const indexes = new WeakMap<KindState, KindIndex>();

function push<K>(map: Map<K, LiveObject[]>, key: K, entry: LiveObject): void {
	const list = map.get(key);
	if (list) list.push(entry);
	else map.set(key, [entry]);
}

function indexOf(state: KindState & {ok: true}): KindIndex {
	const known = indexes.get(state);
	if (known) return known;
	const index: KindIndex = {objects: state.objects, position: new Map(), byId: new Map(), byLabel: new Map(), byAnnotation: new Map(), byOwnerUid: new Map()};
	state.objects.forEach((entry, position) => {
		index.position.set(entry, position);
		index.byId.set(entry.key, entry);
		for (const owner of entry.object.metadata?.ownerReferences ?? []) if (owner.uid) push(index.byOwnerUid, owner.uid, entry);
	});
	indexes.set(state, index);
	return index;
}

/** The objects whose label (annotation) `key` has `value`. */
function withMark(index: KindIndex, where: 'labels' | 'annotations', key: string, value: string): readonly LiveObject[] | undefined {
	const byKey = where === 'labels' ? index.byLabel : index.byAnnotation;
	let byValue = byKey.get(key);
	if (!byValue) {
		byKey.set(key, (byValue = new Map()));
		for (const entry of index.objects) {
			const found = entry.object.metadata?.[where]?.[key];
			if (found !== undefined) push(byValue, found, entry);
		}
	}
	return byValue.get(value);
}

/** The objects whose Argo CD tracking id names `app`. */
function trackedBy(index: KindIndex, app: string): readonly LiveObject[] | undefined {
	if (!index.byTrackingApp) {
		index.byTrackingApp = new Map();
		for (const entry of index.objects) {
			const tracking = entry.object.metadata?.annotations?.['argocd.argoproj.io/tracking-id'];
			const colon = tracking?.indexOf(':') ?? -1;
			if (tracking && colon > 0) push(index.byTrackingApp, tracking.slice(0, colon), entry);
		}
	}
	return index.byTrackingApp.get(app);
}

export type AppLiveOptions = {
	context: string;
	kinds: ReadonlyArray<{group: string; kind: string}>;
	app: {ownership: AppDefinition['ownership']; defaultNamespace?: string | undefined};
	/** The app's desired objects, as rendered (their ids are looked up). */
	desired: readonly KubeObject[];
};

/**
 * The live objects of `kinds` on the context that the app's desired objects name, its ownership rules may claim,
 * or that descend from those; in the order a walk over every kind would meet them.
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
	const addAll = (lists: ReadonlyArray<readonly LiveObject[] | undefined>) => lists.forEach(list => list?.forEach(entry => found.add(entry)));
	// A resource id starts with its `group/kind`, so one kind's index answers it.
	const byId = (id: string) => {
		const entry = byKind.get(id.slice(0, id.indexOf('/', id.indexOf('/') + 1)))?.byId.get(id);
		return entry ? [entry] : [];
	};

	const isNamespaced: IsNamespaced = (group, kind) => {
		const state = view.kind(context, group, kind);
		return state?.ok ? state.namespaced : undefined;
	};
	for (const object of options.desired) {
		if (!object.metadata?.name) continue;
		addAll([byId(resourceId(resourceKeyOf(object, {defaultNamespace: options.app.defaultNamespace, isNamespaced})))]);
	}

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
			for (const child of index.byOwnerUid.get(uid) ?? []) {
				if (found.has(child)) continue;
				found.add(child);
				frontier.push(child);
			}
		}
	}

	const order = (entry: LiveObject) => {
		const kind = kinds.findIndex(index => index.position.has(entry));
		return kind * 2 ** 32 + kinds[kind]!.position.get(entry)!;
	};
	return [...found].map(entry => ({entry, rank: order(entry)})).sort((a, b) => a.rank - b.rank).map(({entry}) => entry);
}

