/**
 * The evaluation pipeline's LiveView for one evaluation: watched kinds answered from the watch store
 * (engines' liveViewFromStore: no request, a kind still listing reads as "not read", never as empty),
 * other kinds listed once. Watched answers are kept for the evaluation (one consistent picture), since preparing an app asks about the
 * same kind once per object and each answer copies that kind's objects out of the store. With a `memory` shared
 * by the views of successive evaluations, a kind nothing changed in is answered with the very same KindState, so
 * the per-kind indexes built on it (engines' live-index) are built once, not once per evaluation; and a kind that
 * changed hands its index on, updated by the objects that changed (found by comparing the two watch states' shards).
 */
import type {ContextClient} from '../cluster/context-client.js';
import type {KindRef} from '../cluster/discovery.js';
import type {LiveResource, LiveStore} from '../cluster/live-store.js';
import {createLiveSnapshot, type LiveSnapshot} from '../engines/live-snapshot.js';
import type {ContextFailure, KindState} from '../engines/live-view.js';
import {carryLiveIndex} from '../engines/live-index.js';
import {liveViewFromStore} from '../engines/store-live-view.js';

export type WatchViewOptions = {
	store: LiveStore;
	clients: ReadonlyMap<string, ContextClient>;
	failures: ReadonlyMap<string, ContextFailure>;
	/** Whether each watched kind is namespaced, by context and `group/kind`, learnt from discovery. */
	namespaced: (context: string, group: string, kind: string) => boolean | undefined;
	/** Answers kept across views, by the watch state they were read from. */
	memory?: WatchViewMemory;
	/** The listing of kinds nobody watches, kept across views (listed-kinds.ts); a new one per view otherwise. */
	listed?: LiveSnapshot;
};

type Remembered = {status: LiveResource['status']; namespaced: boolean | undefined; answer: KindState | undefined};

/** What successive views remember of each watched kind's answer. */
export type WatchViewMemory = {
	/** By the watch state an answer was read from. */
	byState: WeakMap<LiveResource['state'], Remembered>;
	/** The last answer per `context/group/kind`, so the next one takes over its index (engines' carryLiveIndex). */
	latest: Map<string, {state: LiveResource['state']; answer: KindState}>;
};

export function createWatchViewMemory(): WatchViewMemory {
	return {byState: new WeakMap(), latest: new Map()};
}

/** The index of a kind's last answer is updated rather than built anew unless this share of its objects changed. */
const carryUpTo = 0.25;

/** A LiveSnapshot for one evaluation. */
export function createWatchView(options: WatchViewOptions): LiveSnapshot {
	const {store} = options;
	const watched = liveViewFromStore(store, {isNamespaced: options.namespaced});
	const listed = options.listed ?? createLiveSnapshot({clients: options.clients, failures: options.failures});
	const resources = new Map<string, LiveResource | undefined>();
	const resourceOf = (context: string, group: string, kind: string) => {
		const id = `${context}/${group}/${kind}`;
		if (!resources.has(id)) resources.set(id, store.resources(context).find(resource => resource.kind.group === group && resource.kind.kind === kind));
		return resources.get(id);
	};
	const isWatched = (context: string, group: string, kind: string) => resourceOf(context, group, kind) !== undefined;
	const answers = new Map<string, KindState | undefined>();
	const answer = (context: string, group: string, kind: string) => {
		const resource = resourceOf(context, group, kind)!;
		const namespaced = options.namespaced(context, group, kind);
		// Only listed states are remembered: every kind starts from the same empty state object.
		const memory = resource.state.synced ? options.memory : undefined;
		const known = memory?.byState.get(resource.state);
		if (known && known.status === resource.status && known.namespaced === namespaced) return known.answer;
		const fresh = watched.kind(context, group, kind);
		if (!memory) return fresh;
		memory.byState.set(resource.state, {status: resource.status, namespaced, answer: fresh});
		if (!fresh?.ok) return fresh;
		const id = `${context}/${group}/${kind}`;
		const last = memory.latest.get(id);
		if (last && last.state !== resource.state) {
			const changes = resource.state.objects.changesSince(last.state.objects);
			if (changes.upserted.length + changes.deleted.length <= Math.max(1, resource.state.objects.size * carryUpTo)) carryLiveIndex(last.answer, fresh, changes);
		}
		memory.latest.set(id, {state: resource.state, answer: fresh});
		return fresh;
	};

	return {
		kind(context, group, kind) {
			// Listed kinds are read from the listing as it fills (ensure() runs during the evaluation).
			if (!isWatched(context, group, kind)) return listed.kind(context, group, kind);
			const id = `${context}/${group}/${kind}`;
			if (!answers.has(id)) answers.set(id, answer(context, group, kind));
			return answers.get(id);
		},
		contextFailure: context => options.failures.get(context) ?? watched.contextFailure(context),
		listedKinds: context => [...store.resources(context).map(resource => resource.kind), ...listed.listedKinds(context)],
		async ensure(context: string, kinds: readonly KindRef[]) {
			const missing = kinds.filter(kind => !isWatched(context, kind.group, kind.kind));
			if (missing.length > 0) await listed.ensure(context, missing);
		},
	};
}
