/**
 * The bounded list of recent changes that watches resume from: a watch from resourceVersion N
 * replays every change after N, or gets 410 Expired when N is older than what is kept.
 */
import type {KubeObject} from '../domain/kube-object.js';
import type {ResourceType, StoreEvent} from './types.js';

/** One committed change, with the object as it was before (for selector transitions). */
export type HistoryEntry = StoreEvent & {revision: number; previous?: KubeObject};

export type HistorySince = {ok: true; entries: HistoryEntry[]} | {ok: false; oldest: number};

/** A ring of the last `limit` changes. */
export type EventHistory = {
	push(entry: HistoryEntry): void;
	/** Changes after `revision` for one type (all types when omitted), or the oldest revision still replayable. */
	since(revision: number, type?: ResourceType): HistorySince;
};

export function createEventHistory(limit: number): EventHistory {
	let entries: HistoryEntry[] = [];
	// entries[0..start) are compacted; dropping lazily keeps each push O(1).
	let start = 0;
	// Revisions up to and including this one can no longer be replayed.
	let compactedThrough = 0;
	return {
		push(entry) {
			entries.push(entry);
			if (entries.length - start > limit) {
				compactedThrough = entries[start]!.revision;
				start++;
				if (start > Math.max(1024, limit)) {
					entries = entries.slice(start);
					start = 0;
				}
			}
		},
		since(revision, type) {
			if (revision < compactedThrough) return {ok: false, oldest: compactedThrough + 1};
			let low = start;
			let high = entries.length;
			while (low < high) {
				const middle = (low + high) >> 1;
				if (entries[middle]!.revision <= revision) low = middle + 1;
				else high = middle;
			}
			const after = entries.slice(low);
			return {ok: true, entries: type ? after.filter(e => e.resourceType === type) : after};
		},
	};
}
