/**
 * At 80×24, the history and "since healthy" titles show whole (a key tip that does not fit is left out, never the
 * title cut with …), and the hints bar keeps what each screen is for: d and y in the tree, d in the history.
 */
import {describe, expect, it} from 'vitest';
import type {AppStatus} from '../../source/domain/app.js';
import {helpRows} from '../../source/keymap/help.js';
import {currentScreen, type TuiState} from '../../source/state/tui-state.js';
import {partsThatFit} from '../../source/ui/title-line.js';
import {frameOf, run, stateWith} from '../support/frame-render.js';
import {seededSnapshot} from '../support/tui-snapshot.js';

const now = new Date('2026-11-22T02:05:00Z');
const commits = [{sha: 'abc1234def', author: 'alice', date: '2026-11-20T10:00:00Z', subject: 'bump web to 1.25'}];

/** The seeded fleet, with an action engine, and `extra` as one more app like payments. */
function fleet(extra?: string): TuiState {
	const snapshot = seededSnapshot();
	const payments = snapshot.apps.find(app => app.name === 'payments')!;
	const apps: AppStatus[] = extra ? [...snapshot.apps, {...payments, name: extra}] : snapshot.apps;
	return stateWith({...snapshot, apps}, {canAct: true});
}

function opened(name: string, extra?: string) {
	const tree = run(fleet(extra), {type: 'app-named', name});
	const {appId} = currentScreen(tree) as {appId: string};
	return {
		tree,
		history: run(tree, 'show-history', {type: 'history-loaded', appId, document: {status: 'ready', commits, deployed: {}}}),
		sinceHealthy: run(tree, 'show-since-healthy', {type: 'since-healthy-loaded', appId, document: {status: 'ready', healthyNow: false, revision: 'abc1234', basis: 'Flux', commits}}),
	};
}

const fits = (frame: string[]) => frame.every(line => Array.from(line).length <= 80);

describe('at 80 columns', () => {
	it('shows the history title whole, with its context and key tip', () => {
		for (const [name, context] of [['shop', 'prod-eu'], ['payments', 'prod-eu'], ['checkout', 'staging']]) {
			const frame = frameOf(opened(name!).history, now);
			expect(frame[2]).toBe(`history of ${name} on ${context}; enter or d diffs a revision against live`);
			expect(fits(frame)).toBe(true);
		}
	});

	it('shows the "since healthy" title whole with its context, leaving the key tip to the hints bar', () => {
		for (const [name, context] of [['shop', 'prod-eu'], ['payments', 'prod-eu'], ['checkout', 'staging']]) {
			const frame = frameOf(opened(name!).sinceHealthy, now);
			expect(frame[2]).toBe(`what changed since ${name} was last healthy on ${context}`);
			expect(frame.at(-1)).toContain('<d>diff vs live');
			expect(fits(frame)).toBe(true);
		}
	});

	it('leaves out the key tip, then the context, before it cuts a long app name', () => {
		const long = 'payments-reconciliation-worker-eu-central';
		const {history, sinceHealthy} = opened(long, long);
		expect(frameOf(history, now)[2]).toBe(`history of ${long} on prod-eu`);
		expect(frameOf(sinceHealthy, now)[2]).toBe(`what changed since ${long} was last healthy`);
		expect(partsThatFit('a title', [' on ctx', '; a tip'], 14)).toEqual([' on ctx']);
		expect(partsThatFit('a title', [' on ctx', '; a tip'], 7)).toEqual([]);
	});

	it('keeps d and y in the tree’s hints, d and B in the history’s; help still lists every key', () => {
		const {tree, history} = opened('shop');
		const treeHints = frameOf(tree, now).at(-1)!;
		expect(treeHints).toBe('<esc>back <v>details <enter>open <d>diff <y>yaml <q>quit <?>help <:>cmd');
		const historyHints = frameOf(history, now).at(-1)!;
		expect(historyHints).toBe('<esc>back <enter>open <d>diff vs live <B>roll back <q>quit <?>help <:>cmd');
		// What the bar leaves out at 80 is in help, from the same table.
		const help = helpRows({scope: 'tree', readOnly: false}).map(row => row.keys);
		for (const key of ['d', 'y', 'R', 'P', 'U', 'c', '/']) expect(help).toContain(key);
		// The apps list keeps its actions: the tree's ranks are the tree's only.
		expect(frameOf(fleet(), now).at(-1)).toContain('<R>reconcile <P>pause');
	});
});
