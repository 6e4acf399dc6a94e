/** Derived views of the state: what each screen lists, in order. Pure; recomputed on render. */
import type {AppStatus} from '../domain/app.js';
import {healthOrder} from '../domain/health/health.js';
import {buildTree, flattenTree, type TreeNode} from '../domain/tree.js';
import {appId, type ContextView, type ControllerNote, type FleetSnapshot, type SourceView} from './fleet-snapshot.js';
import {yamlLines} from './yaml-view.js';
import {currentScreen, filterOf, screenKey, shownDiffLines, type DiffDocument, type Screen, type SortOrder, type TuiState} from './tui-state.js';

/** One row of the apps list; the same app name on several contexts forms a group when grouping is on. */
export type AppRow = {
	id: string;
	app: AppStatus;
	groupFirst: boolean;
	groupSize: number;
	revisionsDiffer: boolean;
	/** The controller's source, when it reports one failing. */
	sourceFailing?: SourceView;
	/** The app's context does not answer: what the row says is from the last time it did. */
	stale?: ContextView;
	/** The controller's message and last sync time (a wide terminal shows them). */
	controller?: ControllerNote;
};

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

type RowsInput = Pick<TuiState, 'snapshot' | 'filters' | 'sort' | 'grouped' | 'contextFilter'>;

/**
 * The apps list as shown: filtered by text and context, sorted, grouped by name across contexts. A frame asks for
 * it several times (layout, details, cursor), and a key press changes none of its inputs: the last answer is kept
 * while the inputs are the same objects (state is never changed in place). At 500 apps each answer sorts them all.
 */
export function appRows(state: RowsInput): AppRow[] {
	const last = lastRows;
	if (last && rowInputs.every(key => last.input[key] === state[key])) return last.rows;
	const rows = computeAppRows(state);
	lastRows = {input: {snapshot: state.snapshot, filters: state.filters, sort: state.sort, grouped: state.grouped, contextFilter: state.contextFilter}, rows};
	return rows;
}

const rowInputs = ['snapshot', 'filters', 'sort', 'grouped', 'contextFilter'] as const;
let lastRows: {input: RowsInput; rows: AppRow[]} | undefined;

function computeAppRows(state: RowsInput): AppRow[] {
	const apps = (state.snapshot?.apps ?? []).filter(
		app => matchesFilter(app, state.filters['apps'] ?? '') && (!state.contextFilter || app.context === state.contextFilter),
	);
	const sorted = [...apps].sort(compareBy(state.sort));
	// Looked up once per context, not per app (a snapshot at 500 apps builds every row again).
	const silent = new Map((state.snapshot?.contexts ?? []).filter(c => c.state !== 'ready' && c.state !== 'connecting').map(c => [c.name, c]));
	const extra = (app: AppStatus) => {
		const id = appId(app);
		const source = state.snapshot?.sources?.[id];
		const stale = silent.get(app.context);
		const controller = state.snapshot?.controllers?.[id];
		return {...(controller ? {controller} : {}), ...(source && !source.ready ? {sourceFailing: source} : {}), ...(stale ? {stale} : {})};
	};
	if (!state.grouped) return sorted.map(app => ({id: appId(app), app, groupFirst: true, groupSize: 1, revisionsDiffer: false, ...extra(app)}));
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
			...extra(app),
		}));
	});
}

export function findApp(snapshot: FleetSnapshot | undefined, id: string): AppStatus | undefined {
	return snapshot?.apps.find(app => appId(app) === id);
}

/** One row of an app tree; `guides` says, per ancestor level below the top, whether a `│` runs down through it. */
export type TreeRow = {node: TreeNode; depth: number; last: boolean; guides: boolean[]};

function nodeMatches(node: TreeNode, needle: string): boolean {
	const {kind, name, namespace} = node.key;
	return [`${kind}/${name}`, namespace ?? '', node.verdict ?? '', node.health?.status ?? ''].some(v => v.toLowerCase().includes(needle));
}

/** Keeps the nodes that match, and their ancestors, so a match is still seen where it hangs. */
function filterNodes(nodes: readonly TreeNode[], needle: string): TreeNode[] {
	return nodes.flatMap(node => {
		const children = filterNodes(node.children, needle);
		return nodeMatches(node, needle) || children.length > 0 ? [{...node, children: nodeMatches(node, needle) ? node.children : children}] : [];
	});
}

/** The app tree as rows: resources of the app and their owned children from live state, narrowed by a filter. */
export function treeRows(snapshot: FleetSnapshot | undefined, id: string, filter = ''): TreeRow[] {
	const app = findApp(snapshot, id);
	if (!app) return [];
	const tree = buildTree({name: app.name, sync: app.sync, health: app.health, resources: app.resources, live: snapshot?.liveByContext[app.context] ?? []});
	const nodes = filter ? filterNodes(tree.children, filter.toLowerCase()) : tree.children;
	const flat = flattenTree(nodes);
	const rows: TreeRow[] = [];
	// The last row seen at each depth: an ancestor's `last` decides whether its line continues below it.
	const open: TreeRow[] = [];
	flat.forEach((row, index) => {
		const next = flat.slice(index + 1).find(r => r.depth <= row.depth);
		const guides = open.slice(1, row.depth).map(ancestor => !ancestor.last);
		const treeRow = {...row, last: !next || next.depth < row.depth, guides};
		open[row.depth] = treeRow;
		open.length = row.depth + 1;
		rows.push(treeRow);
	});
	return rows;
}

/** The tree of a tree screen, with that screen's filter. */
export function treeRowsOf(state: TuiState, screen: Extract<Screen, {kind: 'tree'}>): TreeRow[] {
	return treeRows(state.snapshot, screen.appId, filterOf(state, screen));
}

/** Diff lines a diff view shows at once: its body less the title and the error line. */
export function diffVisibleRows(height: number, document: DiffDocument | undefined): number {
	return Math.max(1, height - 1 - (document?.error ? 1 : 0));
}

/** How many rows the current screen has, for cursor bounds. */
export function rowCount(state: TuiState, screen: Screen = currentScreen(state)): number {
	switch (screen.kind) {
		case 'apps':
			return appRows(state).length;
		case 'tree':
			return treeRowsOf(state, screen).length;
		case 'history': {
			const doc = state.histories[screen.appId];
			return doc?.status === 'ready' ? doc.commits.length : 0;
		}
		case 'since-healthy': {
			const doc = state.sinceHealthy[screen.appId];
			return doc?.status === 'ready' ? doc.commits.length : 0;
		}
		case 'yaml':
			return yamlLines(state, screen).length;
		case 'diff': {
			const doc = state.diffs[screenKey(screen)];
			return doc ? shownDiffLines(doc, state.showIgnored).length : 0;
		}
	}
}

export function cursorOf(state: TuiState, screen: Screen = currentScreen(state)): number {
	return state.cursors[screenKey(screen)] ?? 0;
}
