/**
 * What live state is made of: lean projections of cluster objects, the events a watch delivers (already
 * projected by the cluster edge), and the per-resource state the watch reducer keeps.
 */
import type {ManagerSummary} from './field-paths.js';
import type {KubeObject} from './kube-object.js';
import {resourceId} from './resource-key.js';
import {ShardedMap} from './watch-map.js';

/**
 * One live object, lean: `object` keeps apiVersion, kind, spec, status and every other top-level field,
 * with metadata minus managedFields and the last-applied annotation; `managers` is the compact summary of
 * managedFields (who owns which field paths, and when).
 */
export type LiveObject = {
	/** `group/kind/namespace/name` (see liveKey). */
	key: string;
	object: KubeObject;
	managers: ManagerSummary[];
};

/** A watch event, with its object already projected. `LISTED` is a complete LIST that replaces the state. */
export type WatchEvent =
	| {type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: LiveObject}
	| {type: 'BOOKMARK'; resourceVersion: string}
	| {type: 'ERROR'; status: WatchErrorStatus}
	| {type: 'LISTED'; objects: LiveObject[]; resourceVersion: string};

/** The Status an `ERROR` event carries (410 Expired means the resourceVersion is too old: relist). */
export type WatchErrorStatus = {code?: number; reason?: string; message?: string};

/** The state of one resource (kind) on one context. */
export type WatchState = {
	/** By key; an immutable snapshot (a ReadonlyMap), so a changed state has a new `objects`. */
	objects: ShardedMap<LiveObject>;
	/** Where a watch resumes: from the last LIST, event or bookmark. Opaque, compared only for equality. */
	resourceVersion?: string;
	/** True once a complete LIST arrived. */
	synced: boolean;
	/** True after a 410: the resourceVersion is gone and only a new LIST can bring the state back. */
	relistNeeded: boolean;
	/** The last ERROR event, until the next LIST. */
	error?: WatchErrorStatus;
};

/** What changed, per key: subscribers get these in batches. */
export type WatchChange = {type: 'upsert' | 'delete'; key: string};

/** The empty state before the first LIST. */
export const emptyWatchState: WatchState = Object.freeze({objects: ShardedMap.empty<LiveObject>(), synced: false, relistNeeded: false});

/**
 * The key live objects are indexed by: resource-key.ts's `group/Kind/namespace/name` (core group and cluster
 * scope as ''), so live objects pair with desired ones by the same string.
 */
export function liveKey(group: string, kind: string, namespace: string | undefined, name: string): string {
	return resourceId({group, kind, namespace: namespace ?? '', name});
}
