/**
 * Renders kept across evaluations by what they depend on (render-key.ts): the TUI re-evaluates an app whenever
 * its live objects move, and rendering (a kustomize or helm process, YAML parsing) is most of an evaluation's
 * cost. Bounded: the least recently used renders go first, so a long session over a busy repository stays flat.
 * Over a render store (render-store.ts), a render this process has not made yet is looked up on disk before it
 * is made, and kept there after: a fresh process (a `status`, the TUI's first evaluation) starts warm.
 */
import {renderApp, type DesiredResult, type RenderAppOptions} from './desired-state.js';
import type {AppDefinition} from './engine.js';
import {renderKeyOf} from './render-key.js';
import type {RenderStore} from './render-store.js';
import type {TreeIndex} from '../repo/tree-index.js';

export type RenderCache = {
	get(key: string): Promise<DesiredResult> | undefined;
	set(key: string, render: Promise<DesiredResult>): void;
	delete(key: string): void;
	readonly size: number;
	/** The renders kept across processes, under this cache. */
	readonly store?: RenderStore;
};

/** An empty cache of at most `maxEntries` renders (default 4,096: two per app of a 2,000-app fleet). */
export function createRenderCache(options: {maxEntries?: number; store?: RenderStore} = {}): RenderCache {
	const max = Math.max(1, options.maxEntries ?? 4096);
	const entries = new Map<string, Promise<DesiredResult>>();
	return {
		get(key) {
			const found = entries.get(key);
			if (found) {
				// Map order is insertion order: moving a hit to the end keeps the oldest unused first.
				entries.delete(key);
				entries.set(key, found);
			}
			return found;
		},
		set(key, render) {
			entries.delete(key);
			entries.set(key, render);
			while (entries.size > max) entries.delete(entries.keys().next().value!);
		},
		delete(key) {
			entries.delete(key);
		},
		get size() {
			return entries.size;
		},
		...(options.store ? {store: options.store} : {}),
	};
}

export type CachedRenderOptions = RenderAppOptions & {
	cache: RenderCache;
	index?: TreeIndex;
	/** The app's render key when the caller computed it already (undefined: not to be kept). */
	key?: string | undefined;
	/** Told of every render actually run (tests and the log count them). */
	onRender?: (app: AppDefinition) => void;
};

/** The app's render from the cache, or rendered (and kept when its key allows). */
export async function renderAppCached(app: AppDefinition, options: CachedRenderOptions): Promise<DesiredResult> {
	const {tree} = options;
	const key = 'key' in options ? options.key : tree.ok ? await renderKeyOf(app, {tree, ...(options.index ? {index: options.index} : {})}) : undefined;
	const kept = key === undefined ? undefined : options.cache.get(key);
	if (kept) return kept;
	const store = key === undefined ? undefined : options.cache.store;
	const fresh = () => {
		options.onRender?.(app);
		return renderApp(app, options);
	};
	const render = store && key !== undefined ? renderStored(store, key, fresh) : fresh();
	if (key !== undefined) {
		options.cache.set(key, render);
		// A render that threw is not kept: the next evaluation tries again.
		render.catch(() => options.cache.delete(key));
	}
	return render;
}

/** The stored render of `key`, else a fresh one, stored (in the background: the caller does not wait for it). */
async function renderStored(store: RenderStore, key: string, fresh: () => Promise<DesiredResult>): Promise<DesiredResult> {
	const stored = await store.read(key);
	if (stored) return stored;
	const result = await fresh();
	void store.write(key, result);
	return result;
}
