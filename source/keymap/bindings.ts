/**
 * Every key binding, as data. The matcher, the `?` help screen and the hints bar all read this
 * table, so what the help says is what the keys do.
 */

/** Where a binding applies; `global` applies everywhere unless a screen binds the same key. */
export type KeyScope = 'global' | 'apps' | 'tree' | 'diff' | 'history' | 'help';

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
	| 'command-line'
	| 'cycle-sort'
	| 'toggle-group'
	| 'show-diff'
	| 'show-app-diff'
	| 'show-history'
	| 'toggle-ignored'
	| 'diff-revision';

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
};

export const bindings: Binding[] = [
	{command: 'quit', keys: ['q', 'ctrl-c'], scopes: ['global'], hint: 'quit', description: 'Quit (restores the terminal)'},
	{command: 'help', keys: ['?'], scopes: ['global'], hint: 'help', description: 'Show or hide this help'},
	{command: 'back', keys: ['esc'], scopes: ['tree', 'diff', 'history', 'help'], hint: 'back', description: 'Go back to the previous view'},
	{command: 'move-down', keys: ['j', 'down'], scopes: ['global'], description: 'Move down'},
	{command: 'move-up', keys: ['k', 'up'], scopes: ['global'], description: 'Move up'},
	{command: 'page-down', keys: ['ctrl-d', 'pgdn'], scopes: ['global'], description: 'Move down a page'},
	{command: 'page-up', keys: ['ctrl-u', 'pgup'], scopes: ['global'], description: 'Move up a page'},
	{command: 'top', keys: ['g', 'home'], scopes: ['global'], description: 'Go to the top'},
	{command: 'bottom', keys: ['G', 'end'], scopes: ['global'], description: 'Go to the bottom'},
	{command: 'open', keys: ['enter'], scopes: ['apps', 'tree', 'history'], hint: 'open', description: 'Open the selected app, resource or commit'},
	{command: 'filter', keys: ['/'], scopes: ['apps', 'tree'], hint: 'filter', description: 'Filter the list by text'},
	{command: 'command-line', keys: [':'], scopes: ['global'], hint: 'cmd', description: 'Command line (:ctx NAME, :app NAME, :q)'},
	{command: 'cycle-sort', keys: ['s'], scopes: ['apps'], hint: 'sort', description: 'Cycle the sort order (name, sync, health, context)'},
	{command: 'toggle-group', keys: ['w'], scopes: ['apps'], description: 'Group the same app across contexts, or list flat'},
	{command: 'show-diff', keys: ['d'], scopes: ['tree'], hint: 'diff', description: 'Diff of the selected resource'},
	{command: 'show-app-diff', keys: ['D'], scopes: ['apps', 'tree'], hint: 'app diff', description: 'Diff of the whole app'},
	{command: 'show-history', keys: ['h'], scopes: ['apps', 'tree'], hint: 'history', description: 'Commits touching the app’s path'},
	{command: 'toggle-ignored', keys: ['i'], scopes: ['diff'], hint: 'ignored', description: 'Show or hide what ignore rules hide'},
	{command: 'diff-revision', keys: ['d'], scopes: ['history'], hint: 'diff vs live', description: 'Diff the selected revision against live'},
];
