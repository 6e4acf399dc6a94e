import type {KubeObject} from './kube-object.js';
import {compareResourceKeys, resourceId, resourceKeyOf, type IsNamespaced, type ResourceKey} from './resource-key.js';
import type {Pair} from './verdict.js';

/**
 * The desired side as the repo edge produced it: objects, or a typed failure (fetch, render...). An empty
 * object list is valid input but is treated like a failure for Extra: an empty render is never "Git says delete".
 */
export type DesiredState =
	/** emptyReason: what the renderer said when it found no objects (which path, how many files), for the message. */
	| {ok: true; objects: readonly KubeObject[]; emptyReason?: string}
	| {ok: false; error: {kind: string; message: string}};

/** Inputs of `pairResources`; ownership (Flux inventory, Argo tracking, our label) is decided by the engines. */
export type PairingOptions = {
	desired: DesiredState;
	/** Live objects the desired ones are looked up in (all live objects of the relevant kinds). */
	live: readonly KubeObject[];
	/** Live objects that belong to the app; the only source of Extra. */
	ownedLive: readonly KubeObject[];
	/** Namespace for namespaced desired objects that name none (Flux targetNamespace, Argo destination...). */
	defaultNamespace?: string;
	isNamespaced?: IsNamespaced;
	/** Why the live side of a key cannot be known (forbidden, kind not served...); undefined when it can. */
	unreadable?: (key: ResourceKey) => string | undefined;
};

/** Pairs plus what the caller must show: whether the desired side was usable, and oddities found on the way. */
export type PairingResult = {
	pairs: Pair[];
	desiredState: 'ok' | 'empty' | 'failed';
	/** Set when desiredState is not 'ok'. */
	message?: string;
	warnings: string[];
};

/**
 * Pairs desired and live objects by group/kind/namespace/name (the version is not part of identity).
 * Owned live objects nobody desires become Extra, except those with a controller ownerReference (children such as
 * ReplicaSets and Pods carry copied tracking labels) and except when the desired side failed or is empty: then
 * they are Unknown, so nothing downstream can read them as "to be pruned".
 */
export function pairResources(options: PairingOptions): PairingResult {
	const keyOptions = {defaultNamespace: options.defaultNamespace, isNamespaced: options.isNamespaced};
	const warnings: string[] = [];
	const liveById = new Map<string, KubeObject>();
	// Owned objects are usually among `live` too: each live object's id is worked out once.
	const ids = new Map<KubeObject, string>();
	const idOf = (object: KubeObject) => {
		let id = ids.get(object);
		if (id === undefined) ids.set(object, (id = resourceId(resourceKeyOf(object, {isNamespaced: options.isNamespaced}))));
		return id;
	};
	for (const object of options.live) liveById.set(idOf(object), object);
	for (const object of options.ownedLive) liveById.set(idOf(object), object);

	const pairs = new Map<string, Pair>();
	const desiredObjects = options.desired.ok ? options.desired.objects : [];
	for (const object of desiredObjects) {
		if (!object.metadata?.name) {
			warnings.push(`${object.kind ?? 'object'} without metadata.name cannot be paired (generateName is not supported)`);
			continue;
		}

		const key = resourceKeyOf(object, keyOptions);
		const id = resourceId(key);
		if (pairs.has(id)) warnings.push(`${id} appears more than once in the desired state; the last one is used`);
		const pair: Pair = {key, desired: object};
		const live = liveById.get(id);
		if (live) pair.live = live;
		const unreadable = options.unreadable?.(key);
		if (unreadable && !live) pair.unknown = unreadable;
		pairs.set(id, pair);
	}

	const desiredState = !options.desired.ok ? 'failed' : desiredObjects.length === 0 ? 'empty' : 'ok';
	const message = !options.desired.ok
		? options.desired.error.message
		: desiredState === 'empty'
			? `the desired state rendered no objects${options.desired.emptyReason ? `: ${options.desired.emptyReason}` : ''}`
			: undefined;
	for (const object of options.ownedLive) {
		const id = idOf(object);
		if (pairs.has(id) || hasControllerOwner(object)) continue;
		const pair: Pair = {key: resourceKeyOf(object, {isNamespaced: options.isNamespaced}), live: object};
		if (desiredState !== 'ok') pair.unknown = `desired state unavailable: ${message}`;
		pairs.set(id, pair);
	}

	const result: PairingResult = {
		pairs: [...pairs.values()].sort((a, b) => compareResourceKeys(a.key, b.key)),
		desiredState,
		warnings,
	};
	if (message) result.message = message;
	return result;
}

function hasControllerOwner(object: KubeObject): boolean {
	return (object.metadata?.ownerReferences ?? []).some(reference => reference.controller === true);
}
