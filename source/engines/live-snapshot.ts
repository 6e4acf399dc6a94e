/**
 * A LiveView filled by listing, for the one-shot commands: each kind is listed once per context (all
 * namespaces, paged), concurrently but bounded. A connection-level failure marks the whole context unreachable
 * and stops further requests to it, so a dead cluster costs one request timeout, not one per kind. A kind asked
 * for again while its list is still running waits for that list (evaluate starts listing the kinds it knows
 * while apps render, then asks for every kind they need).
 */
import type {ContextClient} from '../cluster/context-client.js';
import type {KindRef} from '../cluster/discovery.js';
import {createProjector, type Projector} from '../cluster/projection.js';
import {listResource} from '../cluster/resource-list.js';
import {limitConcurrency} from './concurrency.js';
import {isConnectionFailure, type ContextFailure, type KindState, type LiveView} from './live-view.js';

/** A LiveView that can be asked to list more kinds. */
export type LiveSnapshot = LiveView & {
	/** Lists the kinds of `kinds` not listed yet on the context. */
	ensure(context: string, kinds: readonly KindRef[]): Promise<void>;
	/** The kinds listed (or tried) on a context. */
	listedKinds(context: string): KindRef[];
};

/** A snapshot made by createLiveSnapshot, which also tells the kinds whose list is still running. */
export type KindListing = LiveSnapshot & {
	/** The kinds listed, tried or being listed on a context. */
	askedKinds(context: string): KindRef[];
};

export type LiveSnapshotOptions = {
	/** A client per reachable-looking context. */
	clients: ReadonlyMap<string, ContextClient>;
	/** Contexts already known to be unusable (a kubeconfig entry that could not be built). */
	failures?: ReadonlyMap<string, ContextFailure>;
	/** Lists at once per context (whatever the number of ensure calls running); default 4. */
	concurrency?: number;
	projector?: Projector;
	/**
	 * A field selector for the lists of some kinds (undefined: the whole kind): `diff APP` discovers only the app
	 * objects named APP. A kind listed with one holds only what it selected.
	 */
	fieldSelectorFor?: (ref: KindRef) => string | undefined;
};

/** Creates an empty snapshot. */
export function createLiveSnapshot(options: LiveSnapshotOptions): KindListing {
	const projector = options.projector ?? createProjector();
	const states = new Map<string, Map<string, {ref: KindRef; state: KindState}>>();
	const pending = new Map<string, Map<string, Promise<void>>>();
	const pendingRefs = new Map<string, Map<string, KindRef>>();
	// One bound per context across every ensure (evaluate asks twice at once): each list beyond it would open
	// another TLS connection to the same server.
	const limiters = new Map<string, typeof listOne>();
	const limited = (context: string) => {
		let limiter = limiters.get(context);
		if (!limiter) limiters.set(context, (limiter = limitConcurrency(listOne, options.concurrency ?? 4)));
		return limiter;
	};
	const failures = new Map(options.failures ?? []);
	const mapOf = <V>(maps: Map<string, Map<string, V>>, context: string) => {
		let kinds = maps.get(context);
		if (!kinds) maps.set(context, (kinds = new Map()));
		return kinds;
	};

	const listOne = async (context: string, client: ContextClient, ref: KindRef): Promise<KindState> => {
		const resolved = await client.discovery.resolve(ref);
		if (!resolved.ok) {
			if (resolved.error.kind === 'not-found') return {ok: false, kind: 'not-served', message: `${label(ref)} is not served by context ${context}`};
			return {ok: false, kind: resolved.error.kind, message: resolved.error.message};
		}

		const fieldSelector = options.fieldSelectorFor?.(ref);
		const listed = await listResource(client, resolved.value, {projector, ...(fieldSelector ? {fieldSelector} : {})});
		if (!listed.ok) return {ok: false, kind: listed.error.kind, message: `cannot list ${label(ref)}: ${listed.error.message}`};
		return {ok: true, objects: listed.value.objects, namespaced: resolved.value.namespaced};
	};

	return {
		kind: (context, group, kind) => states.get(context)?.get(`${group}/${kind}`)?.state,
		contextFailure: context => failures.get(context),
		listedKinds: context => [...(states.get(context)?.values() ?? [])].map(entry => entry.ref),
		askedKinds: context => [...(states.get(context)?.values() ?? [])].map(entry => entry.ref).concat([...(pendingRefs.get(context)?.values() ?? [])]),
		async ensure(context, kinds) {
			const client = options.clients.get(context);
			const known = mapOf(states, context);
			const running = mapOf(pending, context);
			const runningRefs = mapOf(pendingRefs, context);
			const wanted = new Map<string, KindRef>();
			const waits: Array<Promise<void>> = [];
			for (const ref of kinds) {
				const id = `${ref.group}/${ref.kind}`;
				if (known.has(id) || wanted.has(id)) continue;
				const inFlight = running.get(id);
				if (inFlight) waits.push(inFlight);
				else wanted.set(id, ref);
			}
			const settled = new Map<string, () => void>();
			for (const [id, ref] of wanted) {
				running.set(id, new Promise<void>(resolve => settled.set(id, resolve)));
				runningRefs.set(id, ref);
			}
			await Promise.all([
				...waits,
				Promise.all([...wanted.values()].map(async ref => {
					const id = `${ref.group}/${ref.kind}`;
					try {
						const failure = failures.get(context);
						const state: KindState = failure
							? {ok: false, kind: 'unreachable', message: failure.message}
							: client
								? await limited(context)(context, client, ref)
								: {ok: false, kind: 'kubeconfig', message: `no client for context ${context}`};
						if (!state.ok && !failures.has(context) && isConnectionFailure(state.kind)) failures.set(context, {kind: state.kind, message: state.message});
						known.set(id, {ref, state});
					} finally {
						running.delete(id);
						runningRefs.delete(id);
						settled.get(id)!();
					}
				})),
			]);
		},
	};
}

function label(ref: KindRef): string {
	return `${ref.kind} (${ref.group ? `${ref.group}/` : ''}${ref.version})`;
}
