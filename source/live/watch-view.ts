/**
 * The evaluation pipeline's LiveView answered from the watch store: watched kinds come from memory
 * (no request), other kinds are listed once per evaluation. A kind still listing is "not read yet"
 * — its apps show Unknown rather than "Missing", which would be a lie.
 */
import type {ContextClient} from '../cluster/context-client.js';
import type {KindRef} from '../cluster/discovery.js';
import type {LiveStore} from '../cluster/live-store.js';
import {createLiveSnapshot, type LiveSnapshot} from '../engines/live-snapshot.js';
import type {ContextFailure, KindState} from '../engines/live-view.js';
import type {LiveObject} from '../domain/watch-types.js';

export type WatchViewOptions = {
	store: LiveStore;
	clients: ReadonlyMap<string, ContextClient>;
	failures: ReadonlyMap<string, ContextFailure>;
	/** Whether each watched kind is namespaced, by context and `group/kind`, learnt from discovery. */
	namespaced: (context: string, group: string, kind: string) => boolean | undefined;
};

const downPhases = new Set(['unreachable', 'timed-out', 'unauthorized']);

/** A LiveSnapshot for one evaluation. */
export function createWatchView(options: WatchViewOptions): LiveSnapshot {
	const {store} = options;
	const listed = createLiveSnapshot({clients: options.clients, failures: options.failures});
	const watched = (context: string, group: string, kind: string) =>
		store.resources(context).find(resource => resource.kind.group === group && resource.kind.kind === kind);

	const kindState = (context: string, group: string, kind: string): KindState | undefined => {
		const resource = watched(context, group, kind);
		if (!resource) return listed.kind(context, group, kind);
		if (resource.state.synced) {
			const objects: LiveObject[] = [...resource.state.objects.values()];
			return {ok: true, objects, namespaced: options.namespaced(context, group, kind) ?? true};
		}
		const error = resource.status.error;
		if (error?.kind === 'not-found') return {ok: false, kind: 'not-served', message: `${kind} is not served by context ${context}`};
		if (error) return {ok: false, kind: error.kind, message: error.message};
		return {ok: false, kind: 'timeout', message: `still listing ${kind} on ${context}`};
	};

	return {
		kind: kindState,
		contextFailure(context) {
			const failure = options.failures.get(context);
			if (failure) return failure;
			const connection = store.connection(context);
			if (connection && downPhases.has(connection.phase)) {
				return {kind: connection.phase, message: connection.error?.message ?? connection.phase};
			}
			return undefined;
		},
		listedKinds: context => [...store.resources(context).map(resource => resource.kind), ...listed.listedKinds(context)],
		async ensure(context: string, kinds: readonly KindRef[]) {
			const missing = kinds.filter(kind => !watched(context, kind.group, kind.kind));
			if (missing.length > 0) await listed.ensure(context, missing);
		},
	};
}
