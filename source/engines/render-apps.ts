/**
 * Every selected app's desired state for one evaluation of the one-shot commands. Apps with the same sources
 * render once (one path deployed to several clusters, say). With a render store (render-store.ts), each app's
 * render key (render-key.ts) is looked up on disk first, and only the apps not found there are rendered (process
 * renders in a lane of their own: render-lanes.ts), then written back. Flux apps reading `substituteFrom` render on
 * their own, every time: their variables come from their own cluster, which changes without a commit.
 */
import {mapConcurrent} from './concurrency.js';
import {renderApp, type DesiredResult, type DesiredTree, type VariablesSource} from './desired-state.js';
import type {AppDefinition} from './engine.js';
import {renderKeyDetail} from './render-key.js';
import {renderInLanes} from './render-lanes.js';
import type {RenderStore} from './render-store.js';
import type {RenderTools} from '../repo/render/index.js';
import type {TreeIndex} from '../repo/tree-index.js';

/** Renders of one tree kept by a caller across evaluations (in memory), by the sources that produced them. */
export type TreeRenderCache = {sha?: string; entries: Map<string, Promise<DesiredResult>>};

export type RenderAppsOptions = {
	tree: DesiredTree;
	tools: RenderTools;
	variablesFrom: VariablesSource;
	/** Apps rendered at once. */
	concurrency: number;
	cache?: TreeRenderCache;
	store?: RenderStore;
	/** The tree's directory ids, for the store's keys (without one, a key is the commit). */
	index?: TreeIndex;
};

/** The desired state of each app, in the apps' order. */
export async function renderApps(apps: readonly AppDefinition[], options: RenderAppsOptions): Promise<DesiredResult[]> {
	const {tree, cache} = options;
	if (cache && (!tree.ok || cache.sha !== tree.sha)) {
		cache.entries.clear();
		cache.sha = tree.ok ? tree.sha : undefined;
	}
	// One render per distinct sources: the first app with them stands for the others.
	const groupOf: number[] = [];
	const firsts: number[] = [];
	const groups = new Map<string, number>();
	apps.forEach((app, index) => {
		const sources = JSON.stringify([app.sources, app.sourceProblem, app.sources.some(source => source.flux?.substituteFrom) ? app.id : '']);
		let group = groups.get(sources);
		if (group === undefined) {
			groups.set(sources, (group = firsts.length));
			firsts.push(index);
		}
		groupOf.push(group);
	});
	const keepInMemory = (app: AppDefinition) => cache && tree.ok && !app.sources.some(source => source.flux?.substituteFrom);
	const sourcesKey = (app: AppDefinition) => JSON.stringify([app.sources, app.sourceProblem, '']);

	const results: Array<Promise<DesiredResult> | undefined> = new Array(firsts.length);
	const storeKeys: Array<string | undefined> = new Array(firsts.length);
	const processes: Array<boolean | undefined> = new Array(firsts.length);
	await mapConcurrent(firsts, 16, async (index, group) => {
		const app = apps[index]!;
		const kept = keepInMemory(app) ? cache!.entries.get(sourcesKey(app)) : undefined;
		if (kept) return void (results[group] = kept);
		if (!options.store || !tree.ok) return;
		const {key, process} = await renderKeyDetail(app, {tree, ...(options.index ? {index: options.index} : {})});
		storeKeys[group] = key;
		processes[group] = process;
		const stored = key === undefined ? undefined : await options.store.read(key);
		if (stored) results[group] = Promise.resolve(stored);
	});

	// What neither cache had: process renders in a lane of their own (a warm in-memory cache or a lone app has
	// nothing to gain), the rest as they come.
	const missing = firsts.map((index, group) => ({app: apps[index]!, group})).filter(({group}) => !results[group]);
	const warm = cache !== undefined && cache.entries.size > 0;
	const renderMissing = async (position: number) => {
		const {app, group} = missing[position]!;
		const render = renderApp(app, {tree, tools: options.tools, variablesFrom: options.variablesFrom});
		results[group] = render;
		if (keepInMemory(app)) cache!.entries.set(sourcesKey(app), render);
		const result = await render;
		const key = storeKeys[group];
		if (options.store && key !== undefined) void options.store.write(key, result);
	};
	if (missing.length > 1 && !warm) await renderInLanes(missing.map(({app}) => app), {tree, concurrency: options.concurrency, known: missing.map(({group}) => processes[group])}, renderMissing);
	else await mapConcurrent(missing, options.concurrency, (_, position) => renderMissing(position));
	return Promise.all(groupOf.map(group => results[group]!));
}
