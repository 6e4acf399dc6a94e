/**
 * Snapshots made terminal-safe with a memory of their parts (live/safe-snapshot.ts) say exactly what terminalSafe
 * says of the whole snapshot: a control character in a status's error, in an object a resource carries (desired or
 * live), or in a live child is made visible; clean parts come back as they are; and an app judged again whose
 * objects did not change carries the same safe objects as before, not copies.
 */
import {describe, expect, it} from 'vitest';
import type {AppStatus} from '../../source/domain/app.js';
import type {KubeObject} from '../../source/domain/kube-object.js';
import {terminalSafe} from '../../source/domain/terminal-text.js';
import {createSafeSnapshots} from '../../source/live/safe-snapshot.js';
import type {FleetSnapshot} from '../../source/state/fleet-snapshot.js';

const esc = '\u001B';
const configMap = (name: string, value: string): KubeObject => ({apiVersion: 'v1', kind: 'ConfigMap', metadata: {name, namespace: 'shop'}, data: {value}});

function status(objects: {desired: KubeObject; live: KubeObject}, error?: string): AppStatus {
	return {
		name: 'shop',
		engine: 'plain',
		context: 'prod',
		namespace: 'shop',
		sync: 'OutOfSync',
		controllerSync: 'Unknown',
		health: 'Healthy',
		revision: {deployed: 'abc1234', head: 'abc1234', behind: 0},
		autoSync: {enabled: true},
		...(error ? {error} : {}),
		resources: [
			{key: {group: '', version: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'settings'}, verdict: 'Drifted', fields: [{path: '.data.value'}], desired: objects.desired, live: objects.live},
			{key: {group: '', version: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'gone'}, verdict: 'Missing', fields: [], desired: configMap('gone', 'x')},
		],
	};
}

const snapshotOf = (apps: AppStatus[], children: KubeObject[] = []): FleetSnapshot => ({
	git: {repo: '/repo', branch: 'main', head: 'abc1234', reachable: true},
	contexts: [{name: 'prod', state: 'ready'}],
	apps,
	liveByContext: {prod: children},
	evaluatedAt: '2026-12-05T06:00:00Z',
});

describe('safe snapshots', () => {
	it('make visible what terminalSafe makes visible: in a live object, a desired one, a status error, a child', () => {
		const hostile = snapshotOf(
			[status({desired: configMap('settings', 'ok'), live: configMap('settings', `${esc}[31mred${esc}[0m`)}), status({desired: configMap(`set${esc}]0;title`, 'ok'), live: configMap('settings', 'ok')}, `broke${esc}[2J`)],
			[configMap('child', `bell\u0007`)],
		);
		const safe = createSafeSnapshots()(hostile);
		expect(safe).toEqual(terminalSafe(hostile));
		expect(JSON.stringify(safe)).not.toMatch(/\\u001b|\\u0007/);
		expect(safe.apps[0]!.resources[0]!.live!.data).not.toEqual({value: `${esc}[31mred${esc}[0m`});
	});

	it('hands clean parts back as they are, and keeps one safe copy per object across re-judged statuses', () => {
		const safeSnapshots = createSafeSnapshots();
		const clean = status({desired: configMap('settings', 'ok'), live: configMap('settings', 'drifted')});
		expect(safeSnapshots(snapshotOf([clean])).apps[0]).toBe(clean);

		const hostileLive = configMap('settings', `${esc}[31mred`);
		const desired = configMap('settings', 'ok');
		const first = safeSnapshots(snapshotOf([status({desired, live: hostileLive})])).apps[0]!;
		// Judged again (a new status), same objects: the safe live object is the one made before.
		const again = safeSnapshots(snapshotOf([status({desired, live: hostileLive}, undefined)])).apps[0]!;
		expect(again).not.toBe(first);
		expect(again.resources[0]!.live).toBe(first.resources[0]!.live);
		expect(again.resources[0]!.desired).toBe(desired);
		expect(again).toEqual(terminalSafe(status({desired, live: hostileLive})));
	});
});
