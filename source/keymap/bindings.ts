/**
 * Every key binding, as data. The matcher, the `?` help screen and the hints bar all read this
 * table, so what the help says is what the keys do.
 */

/** Where a binding applies; `global` applies everywhere unless a screen binds the same key. */
export type KeyScope = 'global' | 'apps' | 'tree' | 'diff' | 'revision-diff' | 'history' | 'since-healthy' | 'yaml' | 'help' | 'details' | 'dialog';

/** What a key does, named for the operator's intent. */
export type CommandId =
	| 'quit'
	| 'help'
	| 'back'
	| 'move-down'
	| 'move-up'
	| 'page-down'
	| 'page-up'
	| 'top'
	| 'bottom'
	| 'open'
	| 'filter'
	| 'clear-filter'
	| 'toggle-details'
	| 'command-line'
	| 'cycle-sort'
	| 'toggle-group'
	| 'show-diff'
	| 'show-app-diff'
	| 'show-history'
	| 'show-since-healthy'
	| 'show-yaml'
	| 'other-side'
	| 'toggle-ignored'
	| 'diff-revision'
	| 'reconcile'
	| 'reconcile-with-source'
	| 'pause'
	| 'resume'
	| 'rollback'
	| 'confirm-action'
	| 'force-retry'
	| 'close-dialog';

export type Binding = {
	command: CommandId;
	/** Key names as keyName() produces them; the first one is shown in hints and help. */
	keys: string[];
	scopes: KeyScope[];
	/** Short label for the hints bar; bindings without one appear only in help. */
	hint?: string;
	description: string;
	/** Changes a cluster: hidden in read-only mode (the transport refuses such requests anyway). */
	mutating?: boolean;
	/** Which hints stay when the bar is too narrow for all: 1 first, then 2, then the rest (default 3). */
	hintRank?: HintRank;
	/** The rank on screens where this hint matters more (or less) than elsewhere: d and y in the tree. */
	hintRankIn?: Partial<Record<KeyScope, HintRank>>;
};

/** A hint's priority when the bar is too narrow: 1 stays first. */
export type HintRank = 1 | 2 | 3;

export const bindings: Binding[] = [
	{command: 'quit', keys: ['q', 'ctrl-c'], scopes: ['global'], hint: 'quit', description: 'Quit (restores the terminal)', hintRank: 1},
	{command: 'help', keys: ['?'], scopes: ['global'], hint: 'help', description: 'Show or hide this help', hintRank: 1},
	{command: 'back', keys: ['esc'], scopes: ['tree', 'diff', 'revision-diff', 'history', 'since-healthy', 'yaml', 'help', 'details'], hint: 'back', description: 'Clear the filter, else go back to the previous view', hintRank: 1},
	{command: 'toggle-details', keys: ['v'], scopes: ['apps', 'tree', 'history', 'since-healthy', 'details'], hint: 'details', description: 'Details: the selection in full, wrapped (errors, reasons, events, commits)', hintRank: 2},
	{command: 'clear-filter', keys: ['esc'], scopes: ['apps'], description: 'Clear the filter'},
	{command: 'move-down', keys: ['j', 'down'], scopes: ['global'], description: 'Move down'},
	{command: 'move-up', keys: ['k', 'up'], scopes: ['global'], description: 'Move up'},
	{command: 'page-down', keys: ['ctrl-d', 'pgdn', 'ctrl-f'], scopes: ['global'], description: 'Move down a page'},
	{command: 'page-up', keys: ['ctrl-u', 'pgup', 'ctrl-b'], scopes: ['global'], description: 'Move up a page'},
	{command: 'top', keys: ['g', 'home'], scopes: ['global'], description: 'Go to the top'},
	{command: 'bottom', keys: ['G', 'end'], scopes: ['global'], description: 'Go to the bottom'},
	{command: 'open', keys: ['enter'], scopes: ['apps', 'tree', 'history', 'since-healthy'], hint: 'open', description: 'Open the selected app, resource or commit', hintRank: 1},
	{command: 'filter', keys: ['/'], scopes: ['apps', 'tree'], hint: 'filter', description: 'Filter the list by text'},
	{command: 'command-line', keys: [':'], scopes: ['global'], hint: 'cmd', description: 'Command line', hintRank: 1},
	{command: 'cycle-sort', keys: ['s'], scopes: ['apps'], hint: 'sort', description: 'Cycle the sort order (name, sync, health, context)'},
	{command: 'toggle-group', keys: ['w'], scopes: ['apps'], description: 'Group the same app across contexts, or list flat'},
	// In the tree, the selected resource's diff and YAML are what the screen is for: they stay at 80 columns.
	{command: 'show-diff', keys: ['d'], scopes: ['tree', 'yaml'], hint: 'diff', description: 'Diff of the selected resource', hintRankIn: {tree: 1}},
	{command: 'show-yaml', keys: ['y'], scopes: ['apps', 'tree', 'diff'], hint: 'yaml', description: 'YAML of the selected object, live and desired (Secret values masked); of an app, its own Kustomization or Application', hintRankIn: {tree: 1}},
	{command: 'other-side', keys: ['tab'], scopes: ['yaml'], hint: 'live/desired', description: 'Jump to the other side: from live to desired and back', hintRank: 2},
	{command: 'show-app-diff', keys: ['D'], scopes: ['apps', 'tree'], hint: 'app diff', description: 'Diff of the whole app'},
	{command: 'show-history', keys: ['h'], scopes: ['apps', 'tree'], hint: 'history', description: "Commits touching the app's path"},
	{command: 'toggle-ignored', keys: ['i'], scopes: ['diff', 'revision-diff'], hint: 'ignored', description: 'Show or hide what ignore rules hide'},
	{command: 'show-since-healthy', keys: ['c'], scopes: ['apps', 'tree'], hint: 'changes', description: 'What changed since it was last healthy: that revision, the commits since, its diff vs live', hintRank: 2},
	{command: 'diff-revision', keys: ['d'], scopes: ['history', 'since-healthy'], hint: 'diff vs live', description: 'Diff the selected revision against live', hintRank: 1},
	// Actions open a dialog (plan, permission check, confirmation): no single key writes anything. Upper case, as
	// k9s' Flux plugin binds Shift-R, so a stray lower-case key never starts one.
	{command: 'reconcile', keys: ['R'], scopes: ['apps', 'tree'], hint: 'reconcile', description: 'Reconcile the app now (shows the plan, asks first)', mutating: true, hintRank: 2},
	{command: 'reconcile-with-source', keys: ['S'], scopes: ['apps', 'tree'], description: 'Reconcile the app with its source fetched first', mutating: true},
	{command: 'pause', keys: ['P'], scopes: ['apps', 'tree'], hint: 'pause', description: 'Pause auto-sync (asks for a reason and an optional duration)', mutating: true, hintRank: 2},
	{command: 'resume', keys: ['U'], scopes: ['apps', 'tree'], hint: 'resume', description: 'Resume auto-sync as it was before the pause', mutating: true, hintRank: 2},
	{command: 'rollback', keys: ['B'], scopes: ['history', 'revision-diff'], hint: 'roll back', description: 'Roll the app back to the selected revision (its diff vs live first)', mutating: true, hintRank: 1},
	{command: 'confirm-action', keys: ['y'], scopes: ['dialog'], hint: 'confirm', description: 'Confirm the action shown', mutating: true, hintRank: 1},
	{command: 'force-retry', keys: ['F'], scopes: ['dialog'], hint: 'force', description: 'After field conflicts: plan again taking the fields over (server-side apply force)', mutating: true, hintRank: 1},
	{command: 'close-dialog', keys: ['esc', 'q'], scopes: ['dialog'], hint: 'cancel/close', description: 'Cancel before it runs, or close the result', hintRank: 1},
];
