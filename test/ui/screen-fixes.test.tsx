/** What was broken at 80×24: the diff's last line, `/` in the tree, the cursor when pods come and go, tree guides, esc on a filter, messages over problems. */
import {render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import type {CommandId} from '../../source/keymap/bindings.js';
import type {KubeObject} from '../../source/domain/kube-object.js';
import type {TuiAction} from '../../source/state/actions.js';
import {matchKey} from '../../source/keymap/matcher.js';
import {reducer} from '../../source/state/reducer.js';
import {cursorOf} from '../../source/state/selectors.js';
import {currentScreen, initialState, screenKey, type TuiState} from '../../source/state/tui-state.js';
import {AppFrame} from '../../source/ui/app-frame.js';
import {ThemeProvider} from '../../source/ui/theme-context.js';
import {createTheme} from '../../source/ui/theme.js';
import {seededSnapshot} from '../support/tui-snapshot.js';

const now = new Date('2026-11-22T02:05:00Z');
let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

function seeded(rows = 24): TuiState {
	return reducer(initialState({readOnly: false, columns: 80, rows}), {type: 'snapshot-updated', snapshot: seededSnapshot()});
}

function run(state: TuiState, ...steps: Array<CommandId | TuiAction>): TuiState {
	return steps.reduce<TuiState>((s, c) => reducer(s, typeof c === 'string' ? {type: 'command-invoked', command: c} : c), state);
}

/** The frame as the terminal shows it, one string per row. */
function screen(state: TuiState): string[] {
	const app = render(
		<ThemeProvider value={createTheme({colour: false, ascii: false})}>
			<AppFrame state={state} now={now} />
		</ThemeProvider>,
	);
	unmount = app.unmount;
	return (app.lastFrame() ?? '').split('\n');
}

/** The seeded fleet with more children under shop's Deployment on prod-eu. */
function withChildren(...extra: KubeObject[]) {
	const snapshot = seededSnapshot();
	return {...snapshot, liveByContext: {...snapshot.liveByContext, 'prod-eu': [...snapshot.liveByContext['prod-eu']!, ...extra]}};
}

function replicaSet(name: string, uid: string): KubeObject {
	const owner = {apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'uid-web-eu', controller: true};
	return {apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: {name, namespace: 'shop', uid, ownerReferences: [owner]}, status: {replicas: 0}};
}

describe('the diff view', () => {
	it('scrolls to its last line, and the body fills the rows between header and hints', () => {
		let state = run(seeded(), {type: 'app-named', name: 'shop'}, 'move-down', 'open');
		const key = screenKey(currentScreen(state));
		const lines = Array.from({length: 40}, (_, i) => ({kind: 'context' as const, text: ` line ${i + 1}`}));
		state = run(state, {type: 'diff-loaded', key, document: {mode: 'exact', pending: false, lines}}, 'bottom');
		const rows = screen(state);
		expect(rows).toHaveLength(24);
		// Header (2), title, the lines, an empty bottom line, the hints: "line 40" sits right above the bottom line.
		expect(rows[21]).toContain('line 40');
		expect(rows[3]).toContain('line 22');
		expect(rows[2]).toContain('22-40/40');
		expect(run(state, 'move-down')).toEqual(state);
	});
});

describe('the tree', () => {
	it('filters the tree with /, keeps ancestors of matches, and leaves the apps list alone', () => {
		let state = run(seeded(), {type: 'app-named', name: 'shop'}, 'filter', {type: 'filter-edited', text: 'pod'}, {type: 'filter-closed', keep: true});
		const tree = screen(state).join('\n');
		expect(tree).toContain('Pod/web-6d4f9-abcde');
		expect(tree).toContain('Deployment/web');
		expect(tree).not.toContain('Service/web');
		expect(tree).toContain('filter: pod (/ to change, esc to clear)');
		state = run(state, 'back');
		expect(currentScreen(state).kind).toBe('tree');
		expect(screen(state).join('\n')).toContain('Service/web');
		const apps = screen(run(state, 'back')).join('\n');
		expect(apps).toContain('payments');
		expect(apps).toContain('checkout');
	});

	it('draws │ under a node that has siblings below it, through its children', () => {
		const state = run(reducer(seeded(), {type: 'snapshot-updated', snapshot: withChildren(replicaSet('web-zzzzz', 'uid-rs-2'))}), {type: 'app-named', name: 'shop'});
		const tree = screen(state).join('\n');
		expect(tree).toMatch(/├─ ReplicaSet\/web-6d4f9/);
		expect(tree).toMatch(/│  └─ Pod\/web-6d4f9-abcde/);
		expect(tree).toMatch(/└─ ReplicaSet\/web-zzzzz/);
	});

	it('keeps the cursor on its object when a pod or ReplicaSet appears above it', () => {
		let state = run(seeded(), {type: 'app-named', name: 'shop'}, 'bottom');
		expect(screen(state).join('\n')).toMatch(/› +└─ Pod\/web-6d4f9-abcde|›.*Pod\/web-6d4f9-abcde/);
		state = reducer(state, {type: 'snapshot-updated', snapshot: withChildren(replicaSet('web-00000', 'uid-rs-0'))});
		expect(cursorOf(state)).toBe(4);
		expect(screen(state).join('\n')).toMatch(/›.*Pod\/web-6d4f9-abcde/);
	});
});

describe('the apps list', () => {
	it('esc clears an applied filter', () => {
		const filtered = run(seeded(), 'filter', {type: 'filter-edited', text: 'argo'}, {type: 'filter-closed', keep: true});
		expect(screen(filtered).join('\n')).not.toContain('checkout');
		const cleared = screen(run(filtered, 'clear-filter')).join('\n');
		expect(cleared).toContain('checkout');
		expect(cleared).not.toContain('filter:');
	});

	it('shows a message and the selected app’s problem line both', () => {
		const state = run(seeded(), {type: 'message-shown', message: {tone: 'info', text: 'reconcile of shop requested'}});
		const rows = screen(state);
		expect(rows).toHaveLength(24);
		expect(rows[21]).toContain('reconcile of shop requested');
		expect(rows[22]).toMatch(/billing: auto-sync paused by alice/);
	});
});

describe('one truth per screen', () => {
	it('shows a failing source the same way for Flux and Argo CD, and marks a silent context’s values stale with their age', () => {
		const fleet = seededSnapshot();
		const ids = Object.fromEntries(fleet.apps.map(app => [app.name + '@' + app.context, `${app.context}/${app.engine}/${app.namespace}/${app.name}`]));
		const failing = {ready: false, message: 'GitRepository/flux-system/fleet: failed to checkout: connection refused'};
		const snapshot = {...fleet, sources: {[ids['shop@prod-eu']!]: failing, [ids['payments@prod-eu']!]: {ready: false, message: 'ComparisonError: repo unreachable'}}};
		let state = reducer(seeded(), {type: 'snapshot-updated', snapshot: {...snapshot, contexts: snapshot.contexts.map(c => ({...c, state: 'ready' as const}))}});
		state = reducer(state, {type: 'snapshot-updated', snapshot: {...snapshot, evaluatedAt: '2026-11-22T02:08:00Z'}});
		const rows = screen(state).join('\n');
		// Flux's Kustomization still says Ready and Argo CD says Unknown: both read "?" while their source fails.
		expect(rows).toMatch(/payments\s+argo\s+prod-eu\s+≠ OutOfSync\s+\?\s/);
		expect(rows).toMatch(/shop\s+flux\s+prod-eu\s+≠ OutOfSync\s+\?\s/);
		expect(rows).toMatch(/checkout\s+plain\s+staging\s+\? Synced/);
		const checkout = screen(run(state, 'move-down')).join('\n');
		expect(checkout).toContain('checkout@staging: stale: staging unreachable, values from');
		const details = screen(run(state, 'move-down', 'move-down', 'move-down', 'toggle-details')).join('\n').replace(/\n {2}/g, ' ');
		expect(details).toContain('failing: GitRepository/flux-system/fleet: failed to checkout: connection refused');
	});

	it('says paused in the list exactly when the tree tells a pause story', () => {
		const fleet = seededSnapshot();
		const apps = fleet.apps.map(app => (app.name === 'checkout' ? {...app, autoSync: {enabled: false, since: '2026-11-22T01:00:00Z'}} : app));
		const state = reducer(seeded(), {type: 'snapshot-updated', snapshot: {...fleet, apps}});
		expect(screen(state).join('\n')).toMatch(/checkout .* paused/);
		expect(screen(run(state, {type: 'app-named', name: 'checkout'})).join('\n')).toContain('auto-sync paused by someone');
	});
});

describe('habits', () => {
	it('shows the sort column in the titles, "↓N" behind, and pages with ctrl-f / ctrl-b', () => {
		const list = screen(seeded()).join('\n');
		expect(list).toMatch(/NAME↓\s+ENGINE\s+CONTEXT\s+SYNC\s+CTRL\s+HEALTH\s+REVISION\s+AUTO/);
		expect(screen(run(seeded(), 'cycle-sort')).join('\n')).toMatch(/NAME\s+ENGINE\s+CONTEXT\s+SYNC↓/);
		expect(list).toMatch(/prod-us .*def5678 ↓2/);
		let state = run(seeded(), {type: 'app-named', name: 'shop'}, 'move-down', 'open');
		const key = screenKey(currentScreen(state));
		state = run(state, {type: 'diff-loaded', key, document: {mode: 'exact', pending: false, lines: Array.from({length: 60}, (_, i) => ({kind: 'context' as const, text: ` l${i}`}))}});
		expect(matchKey('ctrl-f', {scope: 'diff', readOnly: false})).toBe('page-down');
		expect(matchKey('ctrl-b', {scope: 'diff', readOnly: false})).toBe('page-up');
		// A page moves by the lines the diff shows (19 under its title), so no line is skipped between pages.
		expect(cursorOf(run(state, 'page-down'))).toBe(19);
		expect(screen(run(state, 'page-down')).join('\n')).toMatch(/ 20-38\/60/);
	});

	it('lists every key and : command, :outage included, and a glyph legend in ?, nothing cut, scrolling with the page keys', () => {
		const first = screen(run(seeded(), 'help'));
		expect(first.join('\n')).toMatch(/Keys \(esc or \? to close\) 1-19\/\d+, j\/k ctrl-f\/ctrl-b scroll/);
		// Read page by page (ctrl-f), as a person would: the pages follow on one another.
		const pages: string[] = [];
		let state = run(seeded(), 'help');
		for (let i = 0; i < 10; i++) {
			const frame = screen(state);
			pages.push(...frame.slice(3, 22));
			const next = run(state, 'page-down');
			if (next.helpScroll === state.helpScroll) break;
			state = next;
		}
		const help = pages.join('\n');
		for (const row of pages) expect(Array.from(row).length).toBeLessThanOrEqual(80);
		expect(help).not.toContain('…');
		expect(help).toMatch(/ctrl-d \/ pgdn \/ ctrl-f\s+Move down a page/);
		expect(help).toMatch(/ctrl-u \/ pgup \/ ctrl-b\s+Move up a page/);
		expect(help).toMatch(/^w\s+Group the same app across contexts, or list flat/m);
		// A long description wraps under its key instead of being cut.
		expect(help).toMatch(/What changed since it was last healthy: that revision,\n {24}the commits since, its diff vs live/);
		expect(help).toContain(':outage on|off');
		expect(help).toMatch(/✓ synced\s+≠ drifted/);
		expect(help).toContain('N commits behind');
		// The help's own keys scroll it, and esc closes it where it was.
		expect(run(state, 'back').help).toBe(false);
		expect(run(state, 'move-down')).toEqual(state);
	});
});

describe('at 200 columns', () => {
	it('keeps the name and context columns from stretching', () => {
		const rows = screen(reducer(initialState({readOnly: false, columns: 200, rows: 50}), {type: 'snapshot-updated', snapshot: seededSnapshot()}));
		const shop = rows.find(row => row.includes('shop'))!;
		expect(shop.indexOf('OutOfSync')).toBeLessThan(75);
	});
});

describe('a diff read to its end', () => {
	it('stays at its end when the exact diff arrives with more lines', () => {
		let state = run(seeded(), {type: 'app-named', name: 'shop'}, 'move-down', 'open');
		const key = screenKey(currentScreen(state));
		const lines = (n: number) => Array.from({length: n}, (_, i) => ({kind: 'context' as const, text: ` line ${i + 1}`}));
		state = run(state, {type: 'diff-loaded', key, document: {mode: 'fast', pending: true, lines: lines(30)}}, 'bottom');
		state = run(state, {type: 'diff-loaded', key, document: {mode: 'exact', pending: false, lines: lines(34)}});
		expect(screen(state)[21]).toContain('line 34');
	});
});
