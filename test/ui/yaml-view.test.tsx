/** The YAML view (`y`): the selected object's live and desired sides at 80×24, scrollable, Secret values masked. */
import {describe, expect, it} from 'vitest';
import type {KubeObject} from '../../source/domain/kube-object.js';
import {maskSecretPair} from '../../source/domain/secret-mask.js';
import type {ResourceResult} from '../../source/domain/verdict.js';
import {helpRows} from '../../source/keymap/help.js';
import {currentScreen, type TuiState} from '../../source/state/tui-state.js';
import {treeRowsOf} from '../../source/state/selectors.js';
import {frameOf, run, stateWith} from '../support/frame-render.js';
import {seededSnapshot} from '../support/tui-snapshot.js';

const now = new Date('2026-11-22T02:05:00Z');
const canary = 'CANARY-s3cr3t-value-7f3a';
const canaryBase64 = Buffer.from(canary).toString('base64');
const longAnnotation = `${'a-very-long-annotation-value-'.repeat(6)}END-OF-ANNOTATION`;

function secret(value: string, extra: Partial<KubeObject> = {}): KubeObject {
	return {apiVersion: 'v1', kind: 'Secret', metadata: {name: 'creds', namespace: 'shop', uid: 'uid-secret'}, type: 'Opaque', data: {password: Buffer.from(value).toString('base64'), user: Buffer.from('app').toString('base64')}, ...extra};
}

/** The seeded fleet plus an Extra ConfigMap, a drifted Secret (as judging leaves it: masked) and a long annotation. */
function snapshot() {
	const seeded = seededSnapshot();
	const desiredSecret: KubeObject = {...secret('old'), data: undefined, stringData: {password: canary, user: 'app'}};
	const masked = maskSecretPair(desiredSecret, secret(`${canary}-live`));
	const extra: ResourceResult = {key: {group: '', version: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'leftover'}, verdict: 'Extra', fields: [], live: {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'leftover', namespace: 'shop', uid: 'uid-cm'}, data: {mode: 'old'}}};
	const secretResult: ResourceResult = {key: {group: '', version: 'v1', kind: 'Secret', namespace: 'shop', name: 'creds'}, verdict: 'Drifted', fields: [{path: '.data.password'}], desired: masked.desired!, live: masked.live!};
	return {
		...seeded,
		apps: seeded.apps.map(app =>
			app.name === 'shop' && app.context === 'prod-eu'
				? {
						...app,
						resources: [
							...app.resources.map(r => (r.key.kind === 'Deployment' ? {...r, live: {...r.live!, metadata: {...r.live!.metadata, annotations: {'example.com/note': longAnnotation}}}} : r)),
							extra,
							secretResult,
						],
					}
				: app,
		),
	};
}

/** Opens the tree of `app` and moves the cursor to the row naming `label` (Kind/name). */
function onTreeRow(state: TuiState, app: string, label: string): TuiState {
	let next = run(state, {type: 'app-named', name: app});
	const screen = currentScreen(next);
	if (screen.kind !== 'tree') throw new Error('not in a tree');
	const index = treeRowsOf(next, screen).findIndex(row => `${row.node.key.kind}/${row.node.key.name}` === label);
	if (index < 0) throw new Error(`no row ${label}`);
	for (let i = 0; i < index; i++) next = run(next, 'move-down');
	return next;
}

/** Every line of the view, read page by page with the page key (ctrl-f), as a person scrolls it. */
function readAll(state: TuiState): string[] {
	const seen: string[] = [];
	let current = state;
	for (let page = 0; page < 50; page++) {
		const frame = frameOf(current, now);
		seen.push(...frame);
		const next = run(current, 'page-down');
		if (JSON.stringify(next.cursors) === JSON.stringify(current.cursors)) break;
		current = next;
	}
	return seen;
}

describe('the YAML view', () => {
	it('shows a drifted resource live and desired at 80×24, long lines wrapped, nothing cut', () => {
		const state = run(onTreeRow(stateWith(snapshot()), 'shop', 'Deployment/web'), 'show-yaml');
		const frame = frameOf(state, now);
		expect(frame).toHaveLength(24);
		for (const row of frame) expect(Array.from(row).length).toBeLessThanOrEqual(80);
		const first = frame.join('\n');
		expect(first).toMatch(/Deployment\/web in shop 1-19\/\d+ \(live and desired, Secret values masked\)/);
		expect(first).toContain('# live on prod-eu');
		expect(first).toMatch(/<esc>back/);
		const all = readAll(state).join('\n');
		expect(all).toContain('image: nginx:1.26');
		expect(all).toContain('# desired: Git at abc1234, as its controller applies it');
		expect(all).toContain('image: nginx:1.25');
		expect(all).not.toContain('…');
		expect(all.replace(/\n\s+/g, '')).toContain(`${longAnnotation}`);
	});

	it('scrolls to its last line and no further; page keys skip no line', () => {
		const state = run(onTreeRow(stateWith(snapshot(), {rows: 12}), 'shop', 'Deployment/web'), 'show-yaml');
		const bottom = run(state, 'bottom');
		expect(frameOf(bottom, now).join('\n')).toMatch(/ \d+-(\d+)\/\1/);
		expect(run(bottom, 'move-down')).toEqual(bottom);
		// Page by page, the ranges follow on one another: 1-N, N+1-2N, ...
		const ranges: Array<[number, number]> = [];
		let current = state;
		for (let i = 0; i < 20; i++) {
			const match = / (\d+)-(\d+)\/(\d+)/.exec(frameOf(current, now)[2]!)!;
			ranges.push([Number(match[1]), Number(match[2])]);
			if (match[2] === match[3]) break;
			current = run(current, 'page-down');
		}
		for (let i = 1; i < ranges.length; i++) expect(ranges[i]![0]).toBeLessThanOrEqual(ranges[i - 1]![1] + 1);
		expect(ranges.length).toBeGreaterThan(1);
	});

	it('tab jumps to the desired side and back to live', () => {
		const state = run(onTreeRow(stateWith(snapshot(), {rows: 12}), 'shop', 'Deployment/web'), 'show-yaml');
		expect(frameOf(state, now)[3]).toBe('# live on prod-eu');
		const desired = run(state, 'other-side');
		expect(frameOf(desired, now).join('\n')).toContain('# desired: Git at abc1234');
		expect(frameOf(desired, now).join('\n')).not.toContain('# live on prod-eu');
		expect(frameOf(run(desired, 'other-side'), now)[3]).toBe('# live on prod-eu');
		// At the bottom (the desired side in view) it goes back to live too.
		expect(frameOf(run(state, 'bottom', 'other-side'), now)[3]).toBe('# live on prod-eu');
	});

	it('says the live side is missing for a Missing object', () => {
		const text = readAll(run(onTreeRow(stateWith(snapshot()), 'payments', 'ConfigMap/settings'), 'show-yaml')).join('\n');
		expect(text).toContain('# live on prod-eu');
		expect(text).toContain('not in the cluster: this object is Missing');
	});

	it('says the desired side is absent for an Extra object, and shows its live YAML', () => {
		const text = readAll(run(onTreeRow(stateWith(snapshot()), 'shop', 'ConfigMap/leftover'), 'show-yaml')).join('\n');
		expect(text).toContain('mode: old');
		expect(text).toContain('not in Git: this object is Extra');
	});

	it('shows an owned Pod live, and why it has no desired side', () => {
		const text = readAll(run(onTreeRow(stateWith(snapshot()), 'shop', 'Pod/web-6d4f9-abcde'), 'show-yaml')).join('\n');
		expect(text).toContain('phase: Running');
		expect(text).toContain('not in Git: created by its owner ReplicaSet/web-6d4f9');
	});

	it('never shows a Secret value: which keys differ, no value, no base64 of one', () => {
		const state = run(onTreeRow(stateWith(snapshot()), 'shop', 'Secret/creds'), 'show-yaml');
		const text = readAll(state).join('\n');
		expect(text).toContain("password: '(masked: live value)'");
		expect(text).toContain("password: '(masked: desired value)'");
		expect(text).toContain('user: (masked)');
		for (const value of [canary, canaryBase64, Buffer.from(`${canary}-live`).toString('base64')]) expect(text).not.toContain(value);
	});

	it('y in a resource’s diff opens its YAML and d goes back to the diff, without piling screens up', () => {
		const tree = onTreeRow(stateWith(snapshot()), 'shop', 'Deployment/web');
		const diff = run(tree, 'show-diff');
		expect(currentScreen(diff).kind).toBe('diff');
		const yaml = run(diff, 'show-yaml');
		expect(currentScreen(yaml)).toMatchObject({kind: 'yaml'});
		const back = run(yaml, 'show-diff');
		expect(back.stack).toEqual(diff.stack);
		expect(run(yaml, 'back').stack).toEqual(diff.stack);
		// The whole app's diff has no single object: it says where to press y.
		const appDiff = run(tree, 'show-app-diff', 'show-yaml');
		expect(currentScreen(appDiff).kind).toBe('diff');
		expect(frameOf(appDiff, now).join('\n')).toContain('press y on one resource in the tree');
	});

	it('is in the help of the tree and the diff, and its own help lists its keys', () => {
		for (const scope of ['tree', 'diff'] as const) expect(helpRows({scope, readOnly: false}).map(r => r.keys)).toContain('y');
		const help = frameOf(run(onTreeRow(stateWith(snapshot()), 'shop', 'Deployment/web'), 'help'), now).join('\n');
		expect(help).toContain('YAML of the selected object');
		const yamlHelp = helpRows({scope: 'yaml', readOnly: false}).map(r => r.keys);
		expect(yamlHelp).toEqual(expect.arrayContaining(['esc', 'd', 'tab', 'ctrl-d / pgdn / ctrl-f', 'ctrl-u / pgup / ctrl-b']));
	});

	it('writes only ASCII in the ASCII theme (its own titles and notes included)', () => {
		for (const row of ['Deployment/web', 'ConfigMap/leftover', 'Pod/web-6d4f9-abcde']) {
			const frame = frameOf(run(onTreeRow(stateWith(snapshot()), 'shop', row), 'show-yaml'), now, {ascii: true}).join('\n');
			expect(frame).toMatch(/^[\x00-\x7f]*$/);
		}
	});

	it('at 200×50 shows more of it at once, every line within the width', () => {
		const state = run(onTreeRow(stateWith(snapshot(), {columns: 200, rows: 50}), 'shop', 'Deployment/web'), 'show-yaml');
		const frame = frameOf(state, now);
		expect(frame).toHaveLength(50);
		for (const row of frame) expect(Array.from(row).length).toBeLessThanOrEqual(200);
		const text = frame.join('\n');
		expect(text).toContain('image: nginx:1.25');
		expect(text).toContain(longAnnotation);
	});
});
