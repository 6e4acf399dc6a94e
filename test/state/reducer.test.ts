import {describe, expect, it} from 'vitest';
import {reducer} from '../../source/state/reducer.js';
import {appRows, treeRows, cursorOf} from '../../source/state/selectors.js';
import {currentScreen, initialState, type TuiState} from '../../source/state/tui-state.js';
import type {TuiAction} from '../../source/state/actions.js';
import type {CommandId} from '../../source/keymap/bindings.js';
import {seededSnapshot} from '../support/tui-snapshot.js';

function seeded(): TuiState {
	return reducer(initialState({readOnly: false, columns: 80, rows: 24}), {type: 'snapshot-updated', snapshot: seededSnapshot()});
}

function run(state: TuiState, ...commands: Array<CommandId | TuiAction>): TuiState {
	return commands.reduce<TuiState>((s, c) => reducer(s, typeof c === 'string' ? {type: 'command-invoked', command: c} : c), state);
}

describe('apps list', () => {
	it('groups the same app across contexts and flags differing revisions', () => {
		const rows = appRows(seeded());
		const shop = rows.filter(r => r.app.name === 'shop');
		expect(shop.map(r => r.app.context)).toEqual(['prod-eu', 'prod-us']);
		expect(shop[0]!.groupFirst).toBe(true);
		expect(shop[1]!.groupFirst).toBe(false);
		expect(shop.every(r => r.revisionsDiffer)).toBe(true);
	});

	it('filters by text over name, context, engine and verdicts', () => {
		const state = run(seeded(), 'filter', {type: 'filter-edited', text: 'argo'});
		expect(appRows(state).map(r => r.app.name)).toEqual(['payments']);
		expect(state.filterEditing).toBe(true);
		const closed = run(state, {type: 'filter-closed', keep: false});
		expect(appRows(closed)).toHaveLength(5);
	});

	it('sorts by sync, health and context in turn', () => {
		let state = run(seeded(), 'toggle-group', 'cycle-sort');
		expect(state.sort).toBe('sync');
		expect(appRows(state)[0]!.app.sync).toBe('OutOfSync');
		state = run(state, 'cycle-sort');
		expect(appRows(state)[0]!.app.health).toBe('Degraded');
		state = run(state, 'cycle-sort');
		expect(appRows(state)[0]!.app.context).toBe('prod-eu');
		expect(run(state, 'cycle-sort').sort).toBe('name');
	});

	it('keeps the cursor inside the list', () => {
		const state = run(seeded(), 'move-up', 'bottom', 'move-down');
		expect(cursorOf(state)).toBe(4);
		expect(cursorOf(run(state, 'top'))).toBe(0);
	});

	it('narrows to one context with :ctx and refuses unknown ones', () => {
		const state = run(seeded(), {type: 'context-chosen', context: 'staging'});
		expect(appRows(state).every(r => r.app.context === 'staging')).toBe(true);
		expect(run(state, {type: 'context-chosen', context: 'nope'}).message?.tone).toBe('error');
	});
});

describe('drilling down', () => {
	it('opens the tree, a resource diff, and goes back with esc', () => {
		let state = run(seeded(), {type: 'app-named', name: 'shop'});
		expect(currentScreen(state)).toMatchObject({kind: 'tree'});
		const rows = treeRows(state.snapshot, (currentScreen(state) as {appId: string}).appId);
		expect(rows.map(r => `${'  '.repeat(r.depth)}${r.node.key.kind}/${r.node.key.name}`)).toEqual([
			'Service/web',
			'Deployment/web',
			'  ReplicaSet/web-6d4f9',
			'    Pod/web-6d4f9-abcde',
		]);
		state = run(state, 'move-down', 'open');
		expect(currentScreen(state)).toMatchObject({kind: 'diff', resourceId: 'apps/Deployment/shop/web'});
		state = run(state, 'back', 'move-down', 'open');
		// A ReplicaSet is an owned child, not compared with Git: enter does nothing there.
		expect(currentScreen(state).kind).toBe('tree');
		expect(currentScreen(run(state, 'back', 'back'))).toEqual({kind: 'apps'});
	});

	it('opens history and the whole-app diff from the apps list', () => {
		expect(currentScreen(run(seeded(), 'show-history'))).toMatchObject({kind: 'history'});
		const diff = currentScreen(run(seeded(), 'show-app-diff'));
		expect(diff.kind).toBe('diff');
		expect(diff.kind === 'diff' && diff.resourceId).toBeFalsy();
	});

	it('drops screens of an app that disappeared', () => {
		let state = run(seeded(), {type: 'app-named', name: 'payments'});
		const snapshot = seededSnapshot();
		state = reducer(state, {type: 'snapshot-updated', snapshot: {...snapshot, apps: snapshot.apps.filter(a => a.name !== 'payments')}});
		expect(state.stack).toEqual([{kind: 'apps'}]);
	});

	it('toggles help, and esc closes it first', () => {
		const state = run(seeded(), {type: 'app-named', name: 'shop'}, 'help');
		expect(state.help).toBe(true);
		const back = run(state, 'back');
		expect(back.help).toBe(false);
		expect(currentScreen(back).kind).toBe('tree');
	});

	it('quits on quit', () => {
		expect(run(seeded(), 'quit').quitting).toBe(true);
	});
});
