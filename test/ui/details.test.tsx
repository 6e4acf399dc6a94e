/** Reading anything in full at 80×24: the details pane, events with age and count, the outage banner said once. */
import {describe, expect, it} from 'vitest';
import type {KubeObject} from '../../source/domain/kube-object.js';
import {frameOf, run, stateWith} from '../support/frame-render.js';
import {seededSnapshot} from '../support/tui-snapshot.js';

const now = new Date('2026-11-22T02:05:00Z');
const longReason = `incident INC-4711: holding billing at the old schema while the ${'migration '.repeat(12)}finishes; ask bob before resuming END-OF-REASON`;
const image = 'registry.example.com/team/very/long/path/web:1.25.3-rc1-20261122';

function event(count: number, minutesAgo: number): KubeObject {
	return {
		apiVersion: 'v1',
		kind: 'Event',
		metadata: {name: 'web-pod.1', namespace: 'shop', uid: `uid-event-${count}`},
		involvedObject: {kind: 'Pod', name: 'web-6d4f9-abcde', uid: 'uid-pod'},
		type: 'Warning',
		reason: 'Failed',
		count,
		lastTimestamp: new Date(now.getTime() - minutesAgo * 60_000).toISOString(),
		message: `Failed to pull image "${image}": rpc error: code = NotFound`,
	};
}

function snapshot() {
	const seeded = seededSnapshot();
	return {
		...seeded,
		apps: seeded.apps.map(app => (app.name === 'billing' ? {...app, autoSync: {...app.autoSync, reason: longReason}} : app)),
		liveByContext: {...seeded.liveByContext, 'prod-eu': [...seeded.liveByContext['prod-eu']!, event(5, 3)]},
	};
}

describe('the details pane', () => {
	it('shows the selected app’s pause reason in full, wrapped, where the status line cuts it', () => {
		const state = stateWith(snapshot());
		const list = frameOf(state, now).join('\n');
		expect(list).not.toContain('END-OF-REASON');
		const details = frameOf(run(state, 'toggle-details'), now);
		expect(details).toHaveLength(24);
		const text = details.join('\n');
		expect(text).toContain('details (v or esc closes)');
		expect(text).toContain('END-OF-REASON');
		expect(text).toContain('Auto-sync');
		expect(text).not.toContain('…');
		expect(frameOf(run(state, 'toggle-details', 'back'), now).join('\n')).toContain('NAME');
	});

	it('lists a tree node’s events with age and count, and their messages in full', () => {
		const state = run(stateWith(snapshot()), {type: 'app-named', name: 'shop'}, 'bottom');
		const tree = frameOf(state, now).join('\n');
		expect(tree).toMatch(/W Failed\s+3m ×5\s+Failed to pull image/);
		expect(tree).not.toContain(image);
		const details = frameOf(run(state, 'toggle-details'), now).join('\n').replace(/\n {2}/g, ' ');
		expect(details).toContain('Event Warning Failed 3m ×5 ago');
		expect(details).toContain(image);
		expect(details).toContain('Pod/web-6d4f9-abcde in shop');
	});

	it('scrolls to its last line and no further', () => {
		const state = run(stateWith(snapshot(), {rows: 12}), 'toggle-details');
		const bottom = run(state, 'bottom');
		const rows = frameOf(bottom, now);
		expect(rows.join('\n')).toMatch(/\d+-(\d+)\/\1/);
		expect(run(bottom, 'move-down')).toEqual(bottom);
	});
});

describe('the Git outage banner', () => {
	it('says the cause once, with the clone’s age first', () => {
		const seeded = seededSnapshot({outage: true});
		const outage = {...seeded, git: {...seeded.git, error: 'cannot fetch origin (git://git.example.com/fleet.git): connection refused'}};
		const text = frameOf(stateWith(outage), now).join('\n');
		expect(text).toContain('GIT OUTAGE (clone fetched 5m ago): cannot fetch origin (git://');
		expect(text).not.toMatch(/cannot fetch \(cannot fetch/);
		const details = frameOf(run(stateWith(outage), 'toggle-details'), now).join('\n').replace(/\n {2}/g, ' ');
		expect(details).toContain('git://git.example.com/fleet.git): connection refused (last successful fetch 5m ago, 2026-11-22T02:00:00Z)');
	});
});
