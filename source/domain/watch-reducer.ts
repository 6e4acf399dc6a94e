/**
 * Applies watch events to one resource's live state: a pure function (the input state is never changed;
 * the persistent map copies only the shards a batch touches). resourceVersions are opaque and only ever
 * compared for equality, as the API conventions require.
 */
import {ShardedMap} from './watch-map.js';
import type {WatchChange, WatchEvent, WatchState} from './watch-types.js';

/** The state after `event`, and which keys changed. */
export function applyWatchEvent(state: WatchState, event: WatchEvent): {state: WatchState; changes: WatchChange[]} {
	return applyWatchEvents(state, [event]);
}

/** The state after every event in order, and the net change per key (one entry per key). */
export function applyWatchEvents(state: WatchState, events: readonly WatchEvent[]): {state: WatchState; changes: WatchChange[]} {
	const changes = new Map<string, WatchChange['type']>();
	let {objects, resourceVersion, synced, relistNeeded, error} = state;
	// Events between two LISTs are applied in one edit: each touched shard is copied once for the batch.
	let run: WatchEvent[] = [];
	const applyRun = () => {
		if (run.length === 0) return;
		const events = run;
		run = [];
		objects = objects.edit(draft => {
			for (const event of events) {
				if (event.type === 'DELETED') {
					if (draft.delete(event.object.key)) changes.set(event.object.key, 'delete');
					continue;
				}

				if (event.type !== 'ADDED' && event.type !== 'MODIFIED') continue;
				const incoming = event.object;
				const version = incoming.object.metadata.resourceVersion;
				// The same version again (a re-sent ADDED after reconnecting) is not a change.
				if (version !== undefined && draft.get(incoming.key)?.object.metadata.resourceVersion === version) continue;
				draft.set(incoming.key, incoming);
				changes.set(incoming.key, 'upsert');
			}
		});
	};

	for (const event of events) {
		switch (event.type) {
			case 'ADDED':
			case 'MODIFIED':
			case 'DELETED': {
				const version = event.object.object.metadata.resourceVersion;
				if (version !== undefined) resourceVersion = version;
				run.push(event);
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
				applyRun();
				const next = ShardedMap.from(event.objects.map(item => [item.key, item] as const));
				for (const item of event.objects) {
					const before = objects.get(item.key);
					if (!before || before.object.metadata.resourceVersion !== item.object.metadata.resourceVersion) changes.set(item.key, 'upsert');
				}

				for (const key of objects.keys()) if (!next.has(key)) changes.set(key, 'delete');
				objects = next;
				resourceVersion = event.resourceVersion;
				synced = true;
				relistNeeded = false;
				error = undefined;
				break;
			}
		}
	}

	applyRun();
	const next: WatchState = {objects, synced, relistNeeded};
	if (resourceVersion !== undefined) next.resourceVersion = resourceVersion;
	if (error !== undefined) next.error = error;
	return {state: next, changes: [...changes].map(([key, type]) => ({key, type}))};
}
