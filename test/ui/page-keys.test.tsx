/** ctrl-f / ctrl-b (and pgdn/pgup, ctrl-d/ctrl-u) page every view that scrolls, at 80×24, moving what is on screen. */
import {describe, expect, it} from 'vitest';
import type {AppStatus} from '../../source/domain/app.js';
import type {KubeObject} from '../../source/domain/kube-object.js';
import {keyName} from '../../source/keymap/key-name.js';
import {matchKey} from '../../source/keymap/matcher.js';
import {keyScope} from '../../source/state/key-scope.js';
import {currentScreen, screenKey, type TuiState} from '../../source/state/tui-state.js';
import {frameOf, run, stateWith} from '../support/frame-render.js';
import {seededSnapshot} from '../support/tui-snapshot.js';

const now = new Date('2026-11-22T02:05:00Z');
const commits = Array.from({length: 60}, (_, i) => ({sha: `${String(i).padStart(4, '0')}abc`, author: 'alice', date: '2026-11-20T10:00:00Z', subject: `commit number ${i}`}));

/** A fleet with 60 apps and 60 pods under shop's web Deployment on prod-eu. */
function bigSnapshot() {
	const seeded = seededSnapshot();
	const base = seeded.apps.find(app => app.name === 'checkout')!;
	const apps: AppStatus[] = [...seeded.apps, ...Array.from({length: 60}, (_, i) => ({...base, name: `zz-app-${String(i).padStart(2, '0')}`}))];
	const pods: KubeObject[] = Array.from({length: 60}, (_, i) => ({
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {name: `web-6d4f9-p${String(i).padStart(2, '0')}`, namespace: 'shop', uid: `uid-p${i}`, ownerReferences: [{apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-6d4f9', uid: 'uid-rs', controller: true}]},
		status: {phase: 'Running'},
	}));
	return {...seeded, apps, liveByContext: {...seeded.liveByContext, 'prod-eu': [...seeded.liveByContext['prod-eu']!, ...pods]}};
}

/** What the page keys of this screen arrive as: ctrl-f is page-down, ctrl-b page-up, in this scope. */
function pressed(state: TuiState, key: 'f' | 'b'): TuiState {
	const command = matchKey(keyName(key, {ctrl: true})!, {scope: keyScope(state), readOnly: false});
	expect(command, `ctrl-${key} in ${keyScope(state)}`).toBe(key === 'f' ? 'page-down' : 'page-up');
	return run(state, command!);
}

function pagesBothWays(state: TuiState, label: string) {
	const first = frameOf(state, now).join('\n');
	const down = pressed(state, 'f');
	const second = frameOf(down, now).join('\n');
	expect(second, `${label}: ctrl-f moves the view`).not.toBe(first);
	expect(frameOf(pressed(down, 'b'), now).join('\n'), `${label}: ctrl-b comes back`).toBe(first);
}

describe('page keys', () => {
	it('page the apps list, the tree, the history, what changed since healthy, a diff, the YAML, details and help', () => {
		const apps = stateWith(bigSnapshot());
		pagesBothWays(apps, 'apps');
		const tree = run(apps, {type: 'app-named', name: 'shop'});
		pagesBothWays(tree, 'tree');
		const yaml = run(tree, 'move-down', 'move-down', 'move-down', 'show-yaml');
		expect(currentScreen(yaml).kind).toBe('yaml');
		pagesBothWays(yaml, 'yaml');
		const diff = run(tree, 'show-app-diff');
		const diffKey = screenKey(currentScreen(diff));
		pagesBothWays(run(diff, {type: 'diff-loaded', key: diffKey, document: {mode: 'exact', pending: false, lines: commits.map(c => ({kind: 'context' as const, text: ` ${c.subject}`}))}}), 'diff');
		const appId = 'prod-eu/flux/shop/shop';
		pagesBothWays(run(tree, 'show-history', {type: 'history-loaded', appId, document: {status: 'ready', commits, deployed: {}}}), 'history');
		pagesBothWays(run(tree, 'show-since-healthy', {type: 'since-healthy-loaded', appId, document: {status: 'ready', healthyNow: false, revision: 'abc1234', basis: 'Flux', commits}}), 'since healthy');
		pagesBothWays(run(apps, 'help'), 'help');
		const longMessage = {type: 'message-shown' as const, message: {tone: 'info' as const, text: 'word '.repeat(600)}};
		pagesBothWays(run(apps, longMessage, 'toggle-details'), 'details');
	});
});
