/**
 * Kinds nobody watches (a Role, a NetworkPolicy, a custom resource an app desires) are listed when an app needing
 * them is judged, and kept: the TUI judges only apps whose inputs changed, so a listing taken once would never be
 * looked at again. Every `intervalMs` the kinds listed so far are listed anew, and what differs (an object added,
 * gone or at another resourceVersion, a kind that became readable or not) comes out as live changes, which judge
 * again the apps they concern. With no such kind in use, this sends nothing.
 */
import type {ContextClient} from '../cluster/context-client.js';
import {kindId, type LiveChange} from '../cluster/live-store.js';
import {createLiveSnapshot, type LiveSnapshot} from '../engines/live-snapshot.js';
import type {ContextFailure, KindState} from '../engines/live-view.js';

export type ListedKinds = {
	/** The listing the evaluation's views read (it grows as apps need more kinds). */
	current(): LiveSnapshot;
	/** Lists every kind again; returns what differs from the listing it replaces. */
	refresh(): Promise<LiveChange[]>;
};

export function listedKinds(options: {clients: ReadonlyMap<string, ContextClient>; failures: ReadonlyMap<string, ContextFailure>}): ListedKinds {
	const fresh = () => createLiveSnapshot({clients: options.clients, failures: options.failures});
	let listing = fresh();
	return {
		current: () => listing,
		async refresh() {
			const previous = listing;
			const next = fresh();
			const changes: LiveChange[] = [];
			const done = new Map<string, Set<string>>();
			// Kinds the previous listing has that the next does not yet: a kind an evaluation listed while this refresh
			// ran counts too, and one whose first list is still running at the swap (dropped, it would never be listed
			// again, and its app never judged again on a change).
			const missing = (context: string) => previous.askedKinds(context).filter(ref => !done.get(context)?.has(kindId(ref)));
			for (let round = [...options.clients.keys()]; round.length > 0; round = [...options.clients.keys()].filter(context => missing(context).length > 0)) {
				await Promise.all(
					round.map(async context => {
						const kinds = missing(context);
						if (kinds.length === 0) return;
						const seen = done.get(context) ?? new Set<string>();
						done.set(context, seen);
						for (const ref of kinds) seen.add(kindId(ref));
						await next.ensure(context, kinds);
						for (const ref of kinds) {
							const kind = kindId(ref);
							for (const [key, type] of differences(previous.kind(context, ref.group, ref.kind), next.kind(context, ref.group, ref.kind))) changes.push({context, kind, key, type});
						}
					}),
				);
			}
			// Checked and swapped in one synchronous step: nothing listed on the previous listing is left behind.
			listing = next;
			return changes;
		},
	};
}

/** Keys whose object differs between two listings of a kind (whether the kind is readable is the context signature's). */
function differences(before: KindState | undefined, after: KindState | undefined): Map<string, LiveChange['type']> {
	const versions = (state: KindState | undefined) => new Map(state?.ok ? state.objects.map(entry => [entry.key, entry.object.metadata.resourceVersion]) : []);
	const old = versions(before);
	const now = versions(after);
	const changed = new Map<string, LiveChange['type']>();
	for (const [key, version] of now) if (!old.has(key) || old.get(key) !== version) changed.set(key, 'upsert');
	for (const key of old.keys()) if (!now.has(key)) changed.set(key, 'delete');
	return changed;
}
