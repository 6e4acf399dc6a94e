/**
 * The TUI's whole state as plain data. Loaded documents (diffs, histories) live here too, so a
 * screen is a pure function of state.
 */
import type {KubeObject} from '../domain/kube-object.js';
import type {ActionDialog} from './action-dialog.js';
import type {FleetSnapshot, CommitView} from './fleet-snapshot.js';
import type {SinceHealthyDocument} from './since-healthy.js';

/** A view on the navigation stack. */
export type Screen =
	| {kind: 'apps'}
	| {kind: 'tree'; appId: string}
	| {kind: 'diff'; appId: string; resourceId?: string; revision?: string}
	| {kind: 'history'; appId: string}
	| {kind: 'since-healthy'; appId: string}
	/** The selected object's YAML, live and desired (`y`); resourceId as the tree's node id, none for the app's own object. */
	| {kind: 'yaml'; appId: string; resourceId?: string};

export type SortOrder = 'name' | 'sync' | 'health' | 'context';
export const sortOrders: readonly SortOrder[] = ['name', 'sync', 'health', 'context'];

/** One line of a rendered diff, classified for colouring. */
export type DiffLine = {kind: 'added' | 'removed' | 'context' | 'hunk' | 'header' | 'note'; text: string; manager?: string; ignored?: boolean};

/** A diff as loaded: the fast one shows at once, the exact one replaces it when ready. */
export type DiffDocument = {
	mode: 'fast' | 'exact';
	/** The exact diff is still being computed (the fast one is shown meanwhile). */
	pending: boolean;
	/** The diff with what ignore rules hide left out. */
	lines: DiffLine[];
	/** The diff including what ignore rules hide (their lines marked), when that differs. */
	linesWithIgnored?: DiffLine[];
	error?: string;
};

/** The lines a diff shows, with or without what ignore rules hide. */
export function shownDiffLines(document: DiffDocument, showIgnored: boolean): DiffLine[] {
	if (showIgnored) return document.linesWithIgnored ?? document.lines;
	return document.lines.filter(line => !line.ignored);
}

export type HistoryDocument =
	| {status: 'loading'}
	| {status: 'ready'; commits: CommitView[]; deployed: Record<string, string[]>}
	| {status: 'error'; error: string};

/** An app's own object (Kustomization, HelmRelease, Application) as its controller's cluster holds it, for `y`. */
export type AppObjectDocument =
	| {status: 'loading'}
	| {status: 'ready'; object: KubeObject; context: string}
	| {status: 'error'; error: string};

export type Message = {text: string; tone: 'info' | 'error'};

export type TuiState = {
	snapshot?: FleetSnapshot;
	stack: Screen[];
	/** Cursor (or scroll offset, for diffs) per screen, keyed by screenKey(). */
	cursors: Record<string, number>;
	/** Filter text per screen (keyed by screenKey): `/` in the tree narrows the tree, the apps list keeps its own. */
	filters: Record<string, string>;
	/** The filter prompt is open on the current screen. */
	filterEditing: boolean;
	/** Only apps of this context (`:ctx NAME`); undefined shows all. */
	contextFilter?: string;
	commandLine?: string;
	help: boolean;
	/** The help's scroll offset while it is open (it scrolls when taller than the screen). */
	helpScroll?: number;
	/** The details pane's scroll offset while it is open (`v`): the selection in full, over the current view. */
	details?: number;
	sort: SortOrder;
	grouped: boolean;
	showIgnored: boolean;
	readOnly: boolean;
	/** Contexts the settings make read-only: no action is offered there. */
	readOnlyContexts: string[];
	/** Whether the session has an action engine at all. */
	canAct: boolean;
	/** The action dialog, while one is open. */
	dialog?: ActionDialog;
	/** An action whose dialog was closed while it waited for the controller: its result comes as a message. */
	detached?: {id: number; title: string};
	nextDialogId: number;
	viewport: {columns: number; rows: number};
	/** When each context last answered (a snapshot's evaluation time): values from a context that stopped are this old. */
	contextsSeen: Record<string, string>;
	diffs: Record<string, DiffDocument>;
	histories: Record<string, HistoryDocument>;
	sinceHealthy: Record<string, SinceHealthyDocument>;
	/** Apps' own objects loaded for the YAML view, by appId. */
	appObjects: Record<string, AppObjectDocument>;
	message?: Message;
	quitting: boolean;
};

export function initialState(options: {readOnly: boolean; columns: number; rows: number; canAct?: boolean; readOnlyContexts?: string[]}): TuiState {
	return {
		stack: [{kind: 'apps'}],
		cursors: {},
		filters: {},
		filterEditing: false,
		help: false,
		sort: 'name',
		grouped: true,
		showIgnored: false,
		readOnly: options.readOnly,
		readOnlyContexts: options.readOnlyContexts ?? [],
		canAct: options.canAct ?? false,
		nextDialogId: 1,
		viewport: {columns: options.columns, rows: options.rows},
		contextsSeen: {},
		diffs: {},
		histories: {},
		sinceHealthy: {},
		appObjects: {},
		quitting: false,
	};
}

/** The key a screen's cursor and loaded documents are stored under. */
export function screenKey(screen: Screen): string {
	switch (screen.kind) {
		case 'apps':
			return 'apps';
		case 'tree':
			return `tree:${screen.appId}`;
		case 'history':
			return `history:${screen.appId}`;
		case 'since-healthy':
			return `since-healthy:${screen.appId}`;
		case 'yaml':
			return `yaml:${screen.appId}:${screen.resourceId ?? '*'}`;
		case 'diff':
			return `diff:${screen.appId}:${screen.resourceId ?? '*'}:${screen.revision ?? 'HEAD'}`;
	}
}

export function currentScreen(state: TuiState): Screen {
	return state.stack[state.stack.length - 1]!;
}

/** The filter text of a screen ('' when none). */
export function filterOf(state: Pick<TuiState, 'filters' | 'stack'>, screen: Screen = state.stack[state.stack.length - 1]!): string {
	return state.filters[screenKey(screen)] ?? '';
}
