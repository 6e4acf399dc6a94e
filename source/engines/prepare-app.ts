/**
 * Brings one app's two sides together before judging: the live objects of every kind it needs on its context,
 * which of them it owns, whether each kind is namespaced and readable, and its desired objects as its controller
 * would apply them (namespace filled in, controller labels and tracking marks added).
 */
import type {ManagerSummary} from '../domain/field-paths.js';
import type {KubeObject} from '../domain/kube-object.js';
import {resourceId, resourceKeyOf, type IsNamespaced, type ResourceKey} from '../domain/resource-key.js';
import {isNamespacedKind} from '../repo/render/index.js';
import {argoMethodOf, decorateDesired} from './decorate.js';
import type {DesiredResult} from './desired-state.js';
import type {AppDefinition} from './engine.js';
import {liveKindsFor} from './live-kinds.js';
import {appLiveObjects} from './live-index.js';
import type {LiveView} from './live-view.js';
import {ownedObjects} from './ownership.js';

/** An app ready to be judged, or why its context cannot be read. */
export type PreparedApp = {
	app: AppDefinition;
	desired: DesiredResult;
	/** Set when the app has no usable context (unmapped destination, unreachable cluster). */
	contextError?: string;
	context?: string;
	/** Desired objects as the controller applies them (empty when the desired state failed). */
	decorated: KubeObject[];
	/** Every live object of the kinds read, and the ones the app owns. */
	live: KubeObject[];
	owned: KubeObject[];
	/** Desired/live pairs by resource id: what the exact comparison dry-runs. */
	pairs: Array<{id: string; key: ResourceKey; desired: KubeObject; live: KubeObject}>;
	isNamespaced: IsNamespaced;
	unreadable: (key: ResourceKey) => string | undefined;
	managersFor: (live: KubeObject) => readonly ManagerSummary[] | undefined;
};

/** Prepares an app against a live view in which its kinds were read. */
export function prepareApp(app: AppDefinition, desired: DesiredResult, view: LiveView): PreparedApp {
	const base = {app, desired, decorated: [], live: [], owned: [], pairs: [], isNamespaced: () => undefined, unreadable: () => undefined, managersFor: () => undefined};
	if (!app.context) return {...base, contextError: app.error ?? 'the app has no context'};
	const context = app.context;
	const failure = view.contextFailure(context);
	if (failure) return {...base, context, contextError: `context ${context} cannot be read: ${failure.message}`};

	const desiredObjects = desired.state.ok ? desired.state.objects : [];
	// Asked per object (keys, decorating, pairing): one view lookup per kind and app.
	const namespacedByKind = new Map<string, Map<string, boolean | undefined>>();
	const isNamespaced: IsNamespaced = (group, kind) => {
		let byKind = namespacedByKind.get(group);
		if (!byKind) namespacedByKind.set(group, (byKind = new Map()));
		if (byKind.has(kind)) return byKind.get(kind);
		const state = view.kind(context, group, kind);
		const namespaced = state?.ok ? state.namespaced : isNamespacedKind(group, kind);
		byKind.set(kind, namespaced);
		return namespaced;
	};

	const unreadable = (key: ResourceKey) => {
		const state = view.kind(context, key.group, key.kind);
		if (!state) return `${key.kind} objects were not read on context ${context}`;
		return state.ok ? undefined : state.message;
	};

	// Each desired object's key and id, worked out once for finding its live object and for pairing.
	const keys = desiredObjects.map(object => resourceKeyOf(object, {defaultNamespace: app.defaultNamespace, isNamespaced}));
	const ids = keys.map(key => resourceId(key));
	const kinds = liveKindsFor(app, desiredObjects);
	const liveObjects = appLiveObjects(view, {context, kinds, app, desired: desiredObjects, desiredIds: ids});
	const managers = new WeakMap<KubeObject, readonly ManagerSummary[]>();
	const byId = new Map<string, KubeObject>();
	for (const entry of liveObjects) {
		managers.set(entry.object, entry.managers);
		byId.set(entry.key, entry.object);
	}

	const live = liveObjects.map(entry => entry.object);
	const owned = ownedObjects(app.ownership, live);
	const tracking = app.decoration.argoTracking;
	const argoMethod = tracking ? argoMethodOf(owned, tracking.labelKey) : undefined;
	const decorated: KubeObject[] = [];
	const pairs: PreparedApp['pairs'] = [];
	desiredObjects.forEach((object, index) => {
		const key = keys[index]!;
		const id = ids[index]!;
		const liveObject = byId.get(id);
		const namespaced = isNamespaced(key.group, key.kind) ?? true;
		const result = decorateDesired(object, {
			decoration: app.decoration,
			key,
			namespaced,
			...(liveObject ? {live: liveObject} : {}),
			...(argoMethod ? {argoMethod} : {}),
		});
		decorated.push(result);
		if (liveObject && object.metadata?.name) pairs.push({id, key, desired: result, live: liveObject});
	});

	return {
		app,
		desired,
		context,
		decorated,
		live,
		owned,
		pairs,
		isNamespaced,
		unreadable,
		managersFor: object => managers.get(object),
	};
}
