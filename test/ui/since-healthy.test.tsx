/** "What changed since it was last healthy?" one key from the apps list and the tree, and d for that revision's diff. */
import {afterEach, describe, expect, it} from 'vitest';
import type {SinceHealthyDocument} from '../../source/state/since-healthy.js';
import {fakeFleetSource} from '../support/fake-fleet-source.js';
import {seededFastDiff, startTui} from '../support/tui-harness.js';
import {seededSnapshot} from '../support/tui-snapshot.js';

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

const answer: SinceHealthyDocument = {
	status: 'ready',
	healthyNow: false,
	revision: '0ld5ha0000',
	basis: "Flux's lastAppliedRevision: it has been failing at abc1234 since",
	commits: [
		{sha: 'abc1234def', author: 'alice', date: '2026-11-20T10:00:00Z', subject: 'bump web to 1.25'},
		{sha: 'bcd2345efa', author: 'bob', date: '2026-11-19T10:00:00Z', subject: 'worker: more memory'},
	],
};

describe('what changed since it was last healthy', () => {
	it('opens from the apps list and the tree with c, lists the commits since, and d diffs that revision against live', async () => {
		const asked: string[] = [];
		const source = fakeFleetSource({initial: seededSnapshot(), fastDiff: seededFastDiff, history: {status: 'loading'}});
		source.loadSinceHealthy = async id => {
			asked.push(id);
			return answer;
		};
		const tui = startTui({source});
		unmount = tui.app.unmount;
		await tui.ready();
		tui.press('jj');
		await tui.until('› payments');
		tui.press('c');
		const frame = await tui.until('last Synced and Healthy at 0ld5ha0; 2 commits on its path since');
		expect(frame).toContain("why that revision: Flux's lastAppliedRevision: it has been failing at abc1234 since");
		expect(frame).toMatch(/abc1234 2026-11-20 alice\s+bump web to 1.25/);
		expect(frame).toMatch(/bcd2345 2026-11-19 bob\s+worker: more memory/);
		expect(asked).toEqual(['prod-eu/argo/payments/payments']);
		tui.press('d');
		await tui.until('app payments at 0ld5ha0 vs live');
		expect(source.diffRequests.at(-1)).toEqual({appId: 'prod-eu/argo/payments/payments', resourceId: undefined, revision: '0ld5ha0000'});
		tui.press('\u001B');
		await tui.until('why that revision');
		tui.press('\u001B');
		await tui.until('NAME');
		tui.press('\r');
		await tui.until('ConfigMap/settings');
		tui.press('c');
		await tui.until('what changed since payments was last healthy');
	});

	it('says when the session cannot tell', async () => {
		const tui = startTui();
		unmount = tui.app.unmount;
		await tui.ready();
		tui.press('c');
		await tui.until('this session cannot tell when apps were last healthy');
	});
});
