/**
 * Applies watch events to one resource's live state: a pure function (the input state is never
 * changed; the map is copied once per batch, on its first change). resourceVersions are opaque and only
 * ever compared for equality, as the API conventions require.
 */
import type {LiveObject, WatchChange, WatchEvent, WatchState} from './watch-types.js';

/** The state after `event`, and which keys changed. */
export function applyWatchEvent(state: WatchState, event: WatchEvent): {state: WatchState; changes: WatchChange[]} {
	return applyWatchEvents(state, [event]);
}

/** The state after every event in order, and the net change per key (one entry per key). */
export function applyWatchEvents(state: WatchState, events: readonly WatchEvent[]): {state: WatchState; changes: WatchChange[]} {
	let objects = state.objects;
	let copied = false;
	const writable = (): Map<string, LiveObject> => {
		if (!copied) {
			objects = new Map(objects);
			copied = true;
		}

		return objects as Map<string, LiveObject>;
	};

	const changes = new Map<string, WatchChange['type']>();
	let {resourceVersion, synced, relistNeeded, error} = state;

	for (const event of events) {
		switch (event.type) {
			case 'ADDED':
			case 'MODIFIED': {
				const incoming = event.object;
				const existing = objects.get(incoming.key);
				const version = incoming.object.metadata.resourceVersion;
				if (version !== undefined) resourceVersion = version;
				// The same version again (a re-sent ADDED after reconnecting) is not a change.
				if (existing && version !== undefined && existing.object.metadata.resourceVersion === version) break;
				writable().set(incoming.key, incoming);
				changes.set(incoming.key, 'upsert');
				break;
			}

			case 'DELETED': {
				const version = event.object.object.metadata.resourceVersion;
				if (version !== undefined) resourceVersion = version;
				if (!objects.has(event.object.key)) break;
				writable().delete(event.object.key);
				changes.set(event.object.key, 'delete');
				break;
			}

			case 'BOOKMARK': {
				resourceVersion = event.resourceVersion;
				break;
			}

			case 'ERROR': {
				error = event.status;
				if (event.status.code === 410) {
					// Expired: the history we would resume from is gone. Keep showing what we have until the relist.
					relistNeeded = true;
					resourceVersion = undefined;
				}

				break;
			}

			case 'LISTED': {
				const next = new Map<string, LiveObject>();
				for (const item of event.objects) {
					next.set(item.key, item);
					const before = objects.get(item.key);
					if (!before || before.object.metadata.resourceVersion !== item.object.metadata.resourceVersion) changes.set(item.key, 'upsert');
				}

				for (const key of objects.keys()) if (!next.has(key)) changes.set(key, 'delete');
				objects = next;
				copied = true;
				resourceVersion = event.resourceVersion;
				synced = true;
				relistNeeded = false;
				error = undefined;
				break;
			}
		}
	}

	const next: WatchState = {objects, synced, relistNeeded};
	if (resourceVersion !== undefined) next.resourceVersion = resourceVersion;
	if (error !== undefined) next.error = error;
	return {state: next, changes: [...changes].map(([key, type]) => ({key, type}))};
}
