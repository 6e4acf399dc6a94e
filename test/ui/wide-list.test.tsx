/** The apps list's layout: no clipped title at 80 columns in any sort order; at 200 the room shows last sync and message. */
import {describe, expect, it} from 'vitest';
import {clockTime} from '../../source/state/pause-story.js';
import {frameOf, run, stateWith} from '../support/frame-render.js';
import {seededSnapshot} from '../support/tui-snapshot.js';

const now = new Date('2026-11-22T02:05:00Z');
const longMessage = `Applied revision: main@sha1:abc1234 ${'and a long tail of controller words '.repeat(4)}END`;

function snapshot() {
	const seeded = seededSnapshot();
	return {
		...seeded,
		controllers: {
			'prod-eu/flux/shop/shop': {message: longMessage, lastSync: '2026-11-22T02:02:00Z'},
			'prod-eu/argo/payments/payments': {message: 'ComparisonError: rpc error: repository not accessible'},
		},
		sources: {'prod-eu/argo/payments/payments': {ready: false, message: 'ComparisonError: repository not accessible'}},
	};
}

const titles = /NAME\s+ENGINE\s+CONTEXT\s+SYNC\s+CTRL\s+HEALTH\s+REVISION\s+AUTO/;

describe('the apps list layout', () => {
	it('clips no column title at 80 columns, whatever the sort order', () => {
		let state = stateWith(snapshot());
		for (let i = 0; i < 4; i++) {
			const header = frameOf(state, now)[2]!;
			expect(header.replace(/↓/g, '')).toMatch(titles);
			expect(header).not.toContain('…');
			expect(header).toContain('↓');
			state = run(state, 'cycle-sort');
		}
		// No LAST SYNC or MESSAGE at 80: they would take the room the verdicts need.
		expect(frameOf(stateWith(snapshot()), now)[2]).not.toContain('MESSAGE');
	});

	it('in ASCII at 80 columns, where the marks are wider, still shows every context and title in full', () => {
		let state = stateWith(snapshot());
		for (let i = 0; i < 4; i++) {
			const frame = frameOf(state, now, {ascii: true});
			expect(frame[2]!.replace(/v(?= |$)/g, '')).toMatch(titles);
			for (const context of ['prod-eu', 'prod-us', 'staging']) expect(frame.join('\n')).toMatch(new RegExp(` ${context} `));
			state = run(state, 'cycle-sort');
		}
	});

	it('at 200 columns caps name and context and shows each app’s last sync and controller message', () => {
		const frame = frameOf(stateWith(snapshot(), {columns: 200, rows: 50}), now);
		expect(frame).toHaveLength(50);
		for (const row of frame) expect(Array.from(row).length).toBeLessThanOrEqual(200);
		const header = frame[2]!;
		expect(header).toMatch(/AUTO\s+LAST SYNC\s+MESSAGE/);
		const shop = frame.find(row => /shop\s+flux\s+prod-eu/.test(row))!;
		expect(shop.indexOf('OutOfSync')).toBeLessThan(75);
		// When, as a wall-clock time (an age would repaint the row at every tick of the clock).
		expect(shop).toContain(`on     ${clockTime(new Date('2026-11-22T02:02:00Z'), now)}`);
		expect(shop).toMatch(/\d\d:\d\d\s+Applied revision: main@sha1:abc1234 and a long tail/);
		// Its source failing is what the controller says first.
		expect(frame.find(row => row.includes('payments'))).toMatch(/-\s+ComparisonError: repository not accessible/);
		expect(frameOf(stateWith(snapshot(), {columns: 200, rows: 50}), now, {ascii: true}).join('\n')).toMatch(/^[\x00-\x7f]*$/);
		// Plain apps have no controller.
		expect(frame.find(row => row.includes('checkout'))).toMatch(/on\s+-\s+-\s*$/);
	});
});
