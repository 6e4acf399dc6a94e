/**
 * Live state for every selected context and kind: one list+watch loop per pair, their events applied by
 * the pure watch reducer, and subscribers told what changed once per tick (however many events arrived
 * in it). Contexts run independently: a dead one only ever affects its own entries.
 */
import {applyWatchEvents} from '../domain/watch-reducer.js';
import {emptyWatchState, type LiveObject, type WatchEvent, type WatchState} from '../domain/watch-types.js';
import type {ConnectionState} from './connection-state.js';
import type {ContextClient} from './context-client.js';
import type {KindRef} from './discovery.js';
import {createProjector} from './projection.js';
import {watchResource, type ResourceStatus} from './resource-watch.js';
import type {ClusterRuntime} from './runtime.js';

/** One changed key: which context and kind, and whether it is now present (upsert) or gone (delete). */
export type LiveChange = {context: string; kind: string; key: string; type: 'upsert' | 'delete'};

/** What one notification carries: object changes, and the contexts whose connection or resource status moved. */
export type LiveBatch = {changes: LiveChange[]; statusChanged: string[]};

/** One resource (kind) on one context. */
export type LiveResource = {context: string; kind: KindRef; state: WatchState; status: ResourceStatus};

/** The store's face. */
export type LiveStore = {
	/** Every resource of `context` (or of all contexts). */
	resources(context?: string): LiveResource[];
	/** One object by context and key (`group/kind/namespace/name`). */
	get(context: string, key: string): LiveObject | undefined;
	/** Every object of a context, all kinds. */
	objects(context: string): LiveObject[];
	connection(context: string): ConnectionState | undefined;
	/** True when every resource has listed at least once. */
	synced(): boolean;
	subscribe(listener: (batch: LiveBatch) => void): () => void;
	/** Stops every loop; the state stays readable. */
	stop(): void;
};

/** What to watch, where, with what. */
export type LiveStoreOptions = {
	clients: ContextClient[];
	kinds: KindRef[];
	/** Watch one namespace per context instead of all (for users who may not list cluster-wide). */
	namespace?: string;
	runtime: ClusterRuntime;
	pageSize?: number;
};

/** The string a kind is known by in batches and maps: `group/version/kind`. */
export function kindId(kind: KindRef): string {
	return `${kind.group}/${kind.version}/${kind.kind}`;
}

/** Starts watching; the returned store is live until stop(). */
export function startLiveStore(options: LiveStoreOptions): LiveStore {
	const {runtime} = options;
	const projector = createProjector();
	const resources = new Map<string, LiveResource>();
	const pending = new Map<string, WatchEvent[]>();
	const statusChanged = new Set<string>();
	const listeners = new Set<(batch: LiveBatch) => void>();
	const stops: Array<() => void> = [];
	let scheduled = false;

	const flush = () => {
		scheduled = false;
		const changes: LiveChange[] = [];
		for (const [id, events] of pending) {
			const resource = resources.get(id)!;
			const applied = applyWatchEvents(resource.state, events);
			resource.state = applied.state;
			const kind = kindId(resource.kind);
			for (const change of applied.changes) changes.push({context: resource.context, kind, key: change.key, type: change.type});
		}

		pending.clear();
		const batch: LiveBatch = {changes, statusChanged: [...statusChanged]};
		statusChanged.clear();
		if (batch.changes.length === 0 && batch.statusChanged.length === 0) return;
		for (const listener of listeners) listener(batch);
	};

	const schedule = () => {
		if (scheduled) return;
		scheduled = true;
		runtime.defer(flush);
	};

	for (const client of options.clients) {
		stops.push(
			client.connection.subscribe(() => {
				statusChanged.add(client.name);
				schedule();
			}),
		);
		for (const kind of options.kinds) {
			const id = `${client.name}\u0000${kindId(kind)}`;
			resources.set(id, {context: client.name, kind, state: emptyWatchState, status: {phase: 'listing'}});
			stops.push(
				watchResource({
					client,
					kind,
					...(options.namespace === undefined ? {} : {namespace: options.namespace}),
					projector,
					runtime,
					...(options.pageSize === undefined ? {} : {pageSize: options.pageSize}),
					onEvent(event) {
						let queue = pending.get(id);
						if (!queue) pending.set(id, (queue = []));
						queue.push(event);
						schedule();
					},
					onStatus(status) {
						resources.get(id)!.status = status;
						statusChanged.add(client.name);
						schedule();
					},
				}),
			);
		}
	}

	const byContext = (context?: string) => [...resources.values()].filter(resource => context === undefined || resource.context === context);

	return {
		resources: byContext,
		get(context, key) {
			for (const resource of byContext(context)) {
				const found = resource.state.objects.get(key);
				if (found) return found;
			}

			return undefined;
		},
		objects: context => byContext(context).flatMap(resource => [...resource.state.objects.values()]),
		connection: context => options.clients.find(client => client.name === context)?.connection.current(),
		synced: () => [...resources.values()].every(resource => resource.state.synced),
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		stop() {
			for (const stop of stops.splice(0)) stop();
		},
	};
}
