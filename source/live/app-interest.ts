/**
 * Which apps a batch of live changes can move. An app's verdict reads only its candidate live objects (live-index:
 * what its desired objects and inventory name, what its ownership labels, annotations and tracking ids claim,
 * and their descendants through ownerReferences), so a changed object concerns an app when it is, or could
 * become, one of them: its id is one the app desires or read last time, it carries a mark the app's ownership
 * rules look for, or an owner reference to an object the app read. The test is wider than live-index's (any
 * pair of a rule, not only the first), never narrower: a spared app is one whose inputs did not change.
 */
import {splitApiVersion, type KubeObject} from '../domain/kube-object.js';
import {liveKey, type LiveObject} from '../domain/watch-types.js';
import type {LiveChange} from '../cluster/live-store.js';
import type {EvaluatedApp} from '../engines/evaluate.js';
import {liveKindsFor} from '../engines/live-kinds.js';

/** What an app read, by context. */
export type AppInterest = {
	/** The context its live objects are on (none: no live change concerns it). */
	context?: string;
	/** `group/kind` of every kind it reads there. */
	kinds: Set<string>;
	/** Resource ids it desires, lists in an inventory, or read last time. */
	ids: Set<string>;
	uids: Set<string>;
	/** `key=value` marks its ownership rules look for (labels, annotations). */
	labels: string[];
	annotations: string[];
	trackingApps: string[];
	/** An ownership rule with no value claims every object of its kinds. */
	claimsAll: boolean;
	/** Objects read from elsewhere: Flux `substituteFrom` ConfigMaps and Secrets, by context. */
	elsewhere: Array<{context: string; id: string}>;
};

/** The interest of an evaluated app. */
export function interestOf(app: EvaluatedApp): AppInterest {
	const {definition, prepared} = app;
	const desired = prepared.desired.state.ok ? prepared.desired.state.objects : [];
	const interest: AppInterest = {
		kinds: new Set(liveKindsFor(definition, desired).map(kind => `${kind.group}/${kind.kind}`)),
		ids: new Set(),
		uids: new Set(),
		labels: [],
		annotations: [],
		trackingApps: [],
		claimsAll: false,
		elsewhere: [],
	};
	if (prepared.context && !prepared.contextError) interest.context = prepared.context;
	for (const resource of app.status.resources) interest.ids.add(liveKey(resource.key.group, resource.key.kind, resource.key.namespace, resource.key.name));
	for (const pair of prepared.pairs) interest.ids.add(pair.id);
	for (const object of prepared.live) {
		interest.ids.add(keyOf(object));
		if (object.metadata?.uid) interest.uids.add(object.metadata.uid);
	}
	for (const rule of definition.ownership) {
		if (rule.kind === 'inventory') rule.ids.forEach(id => interest.ids.add(id));
		else if (rule.kind === 'argo-tracking-id') interest.trackingApps.push(...rule.appNames);
		else {
			const pairs = Object.entries(rule.values).map(([key, value]) => `${key}=${value}`);
			if (pairs.length === 0) interest.claimsAll = true;
			(rule.kind === 'labels' ? interest.labels : interest.annotations).push(...pairs);
		}
	}
	for (const source of definition.sources) {
		for (const entry of source.flux?.substituteFrom ?? []) interest.elsewhere.push({context: definition.controllerContext, id: liveKey('', entry.kind, definition.namespace, entry.name)});
	}
	return interest;
}

function keyOf(object: KubeObject): string {
	return liveKey(splitApiVersion(object.apiVersion ?? '').group, object.kind, object.metadata?.namespace, object.metadata?.name ?? '');
}

/** The apps of a fleet, indexed by what concerns them; kept up to date app by app (a run judges a few). */
export type InterestIndex = {
	/** The ids of the apps the changes concern; `get` reads an object as it is now. */
	affected(changes: readonly LiveChange[], get: (context: string, key: string) => LiveObject | undefined): Set<string>;
	/** Sets (or, with undefined, drops) an app's interest. */
	set(app: string, interest: AppInterest | undefined): void;
};

type Lookup = Map<string, Set<string>>;

function add(map: Lookup, key: string, app: string): void {
	const set = map.get(key);
	if (set) set.add(app);
	else map.set(key, new Set([app]));
}

function remove(map: Lookup, key: string, app: string): void {
	const set = map.get(key);
	if (!set) return;
	set.delete(app);
	if (set.size === 0) map.delete(key);
}

/** Builds the index over every app's interest, by app id. */
export function indexInterests(initial: ReadonlyMap<string, AppInterest> = new Map()): InterestIndex {
	// Everything is keyed by context first: `context\0…`.
	const byId: Lookup = new Map();
	const byMark: Lookup = new Map();
	const byUid: Lookup = new Map();
	const claimingAll: Lookup = new Map();
	const interests = new Map<string, AppInterest>();
	const entries = (interest: AppInterest): Array<[Lookup, string]> => {
		const list: Array<[Lookup, string]> = interest.elsewhere.map(({context, id}) => [byId, `${context}\0${id}`]);
		const {context} = interest;
		if (!context) return list;
		for (const id of interest.ids) list.push([byId, `${context}\0${id}`]);
		for (const uid of interest.uids) list.push([byUid, `${context}\0${uid}`]);
		for (const mark of interest.labels) list.push([byMark, `${context}\0l\0${mark}`]);
		for (const mark of interest.annotations) list.push([byMark, `${context}\0a\0${mark}`]);
		for (const name of interest.trackingApps) list.push([byMark, `${context}\0t\0${name}`]);
		if (interest.claimsAll) list.push([claimingAll, context]);
		return list;
	};
	const set = (app: string, interest: AppInterest | undefined) => {
		const before = interests.get(app);
		if (before === interest) return;
		if (before) for (const [map, key] of entries(before)) remove(map, key, app);
		if (interest) {
			interests.set(app, interest);
			for (const [map, key] of entries(interest)) add(map, key, app);
		} else interests.delete(app);
	};
	for (const [app, interest] of initial) set(app, interest);
	const readsKind = (app: string, key: string) => interests.get(app)?.kinds.has(key.slice(0, key.indexOf('/', key.indexOf('/') + 1))) ?? false;

	return {
		set,
		affected(changes, get) {
			const found = new Set<string>();
			// Owners found in this batch count for children in it (a new ReplicaSet and its new Pods).
			const newOwners: Lookup = new Map();
			let open: Array<{change: LiveChange; object: LiveObject | undefined}> = [];
			for (const change of changes) {
				(byId.get(`${change.context}\0${change.key}`) ?? []).forEach(app => found.add(app));
				const object = change.type === 'upsert' ? get(change.context, change.key) : undefined;
				if (object) open.push({change, object});
			}
			let progress = true;
			while (progress && open.length > 0) {
				progress = false;
				const next: typeof open = [];
				for (const item of open) {
					const apps = claimants(item.change, item.object!).filter(app => readsKind(app, item.change.key));
					if (apps.length === 0) {
						next.push(item);
						continue;
					}
					progress = true;
					const uid = item.object!.object.metadata?.uid;
					for (const app of apps) {
						found.add(app);
						if (uid) add(newOwners, `${item.change.context}\0${uid}`, app);
					}
				}
				open = next;
			}
			return found;

			function claimants(change: LiveChange, entry: LiveObject): string[] {
				const {context} = change;
				const metadata = entry.object.metadata ?? {};
				const apps: string[] = [...(claimingAll.get(context) ?? [])];
				const look = (map: Lookup, key: string) => map.get(key)?.forEach(app => apps.push(app));
				for (const [key, value] of Object.entries(metadata.labels ?? {})) look(byMark, `${context}\0l\0${key}=${value}`);
				for (const [key, value] of Object.entries(metadata.annotations ?? {})) look(byMark, `${context}\0a\0${key}=${value}`);
				const tracking = metadata.annotations?.['argocd.argoproj.io/tracking-id'];
				const colon = tracking?.indexOf(':') ?? -1;
				if (tracking && colon > 0) look(byMark, `${context}\0t\0${tracking.slice(0, colon)}`);
				for (const owner of metadata.ownerReferences ?? []) {
					if (!owner.uid) continue;
					look(byUid, `${context}\0${owner.uid}`);
					look(newOwners, `${context}\0${owner.uid}`);
				}
				return apps;
			}
		},
	};
}
