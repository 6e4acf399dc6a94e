/** Derived views of the state: what each screen lists, in order. Pure; recomputed on render. */
import type {AppStatus} from '../domain/app.js';
import {healthOrder} from '../domain/health/health.js';
import {buildTree, flattenTree, type TreeNode} from '../domain/tree.js';
import {appId, type FleetSnapshot} from './fleet-snapshot.js';
import {currentScreen, screenKey, shownDiffLines, type Screen, type SortOrder, type TuiState} from './tui-state.js';

/** One row of the apps list; the same app name on several contexts forms a group when grouping is on. */
export type AppRow = {id: string; app: AppStatus; groupFirst: boolean; groupSize: number; revisionsDiffer: boolean};

const syncRank = {OutOfSync: 0, Unknown: 1, Synced: 2} as const;

function compareBy(order: SortOrder): (a: AppStatus, b: AppStatus) => number {
	const byName = (a: AppStatus, b: AppStatus) => a.name.localeCompare(b.name) || a.context.localeCompare(b.context);
	switch (order) {
		case 'name':
			return byName;
		case 'context':
			return (a, b) => a.context.localeCompare(b.context) || byName(a, b);
		case 'sync':
			return (a, b) => syncRank[a.sync] - syncRank[b.sync] || byName(a, b);
		case 'health':
			return (a, b) => healthOrder.indexOf(b.health) - healthOrder.indexOf(a.health) || byName(a, b);
	}
}

function matchesFilter(app: AppStatus, text: string): boolean {
	if (!text) return true;
	const needle = text.toLowerCase();
	return [app.name, app.context, app.engine, app.namespace, app.sync, app.health].some(v => v.toLowerCase().includes(needle));
}

/** The apps list as shown: filtered by text and context, sorted, grouped by name across contexts. */
export function appRows(state: Pick<TuiState, 'snapshot' | 'filter' | 'sort' | 'grouped' | 'contextFilter'>): AppRow[] {
	const apps = (state.snapshot?.apps ?? []).filter(
		app => matchesFilter(app, state.filter.text) && (!state.contextFilter || app.context === state.contextFilter),
	);
	const sorted = [...apps].sort(compareBy(state.sort));
	if (!state.grouped) return sorted.map(app => ({id: appId(app), app, groupFirst: true, groupSize: 1, revisionsDiffer: false}));
	// Keep the sort order of each group's first member; members follow it.
	const groups = new Map<string, AppStatus[]>();
	for (const app of sorted) groups.set(app.name, [...(groups.get(app.name) ?? []), app]);
	return [...groups.values()].flatMap(members => {
		const revisions = new Set(members.map(m => m.revision.deployed ?? ''));
		return members.map((app, index) => ({
			id: appId(app),
			app,
			groupFirst: index === 0,
			groupSize: members.length,
			revisionsDiffer: members.length > 1 && revisions.size > 1,
		}));
	});
}

export function findApp(snapshot: FleetSnapshot | undefined, id: string): AppStatus | undefined {
	return snapshot?.apps.find(app => appId(app) === id);
}

/** One row of an app tree. */
export type TreeRow = {node: TreeNode; depth: number; last: boolean};

/** The app tree as rows: resources of the app and their owned children from live state. */
export function treeRows(snapshot: FleetSnapshot | undefined, id: string): TreeRow[] {
	const app = findApp(snapshot, id);
	if (!app) return [];
	const tree = buildTree({name: app.name, sync: app.sync, health: app.health, resources: app.resources, live: snapshot?.liveByContext[app.context] ?? []});
	const rows = flattenTree(tree.children);
	return rows.map((row, index) => {
		const next = rows.slice(index + 1).find(r => r.depth <= row.depth);
		return {...row, last: !next || next.depth < row.depth};
	});
}

/** How many rows the current screen has, for cursor bounds. */
export function rowCount(state: TuiState, screen: Screen = currentScreen(state)): number {
	switch (screen.kind) {
		case 'apps':
			return appRows(state).length;
		case 'tree':
			return treeRows(state.snapshot, screen.appId).length;
		case 'history': {
			const doc = state.histories[screen.appId];
			return doc?.status === 'ready' ? doc.commits.length : 0;
		}
		case 'since-healthy': {
			const doc = state.sinceHealthy[screen.appId];
			return doc?.status === 'ready' ? doc.commits.length : 0;
		}
		case 'diff': {
			const doc = state.diffs[screenKey(screen)];
			return doc ? shownDiffLines(doc, state.showIgnored).length : 0;
		}
	}
}

export function cursorOf(state: TuiState, screen: Screen = currentScreen(state)): number {
	return state.cursors[screenKey(screen)] ?? 0;
}

/** Rows the body can show: the terminal minus header, hints and status lines. */
export function bodyRows(state: Pick<TuiState, 'viewport'>): number {
	return Math.max(3, state.viewport.rows - 6);
}
