/**
 * After an action the screen tells the story: a rollback's pause in the banner and the line under the list, a
 * pause that ran out flagged with the key that resumes it; and the dialog fits 80×24 with its prompt on screen
 * whatever the header carries.
 */
import {render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import type {AppStatus} from '../../source/domain/app.js';
import type {FleetSnapshot} from '../../source/state/fleet-snapshot.js';
import {reducer} from '../../source/state/reducer.js';
import {initialState} from '../../source/state/tui-state.js';
import {AppFrame} from '../../source/ui/app-frame.js';
import {key} from '../support/fake-action-runner.js';
import {fakeFleetSource} from '../support/fake-fleet-source.js';
import {seededFastDiff, startTui} from '../support/tui-harness.js';
import {seededSnapshot} from '../support/tui-snapshot.js';

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

function withApps(change: (app: AppStatus) => AppStatus): FleetSnapshot {
	const snapshot = seededSnapshot();
	return {...snapshot, apps: snapshot.apps.map(change)};
}

const storySnapshot = withApps(app => {
	if (app.name === 'shop' && app.context === 'prod-eu') return {...app, autoSync: {enabled: false, pausedBy: 'alice', reason: 'rollback to 0123456789abcdef', since: minutesAgo(5)}};
	if (app.name === 'billing') return {...app, autoSync: {...app.autoSync, since: minutesAgo(180), until: minutesAgo(10)}};
	return app;
});

describe('the story after an action', () => {
	it('flags rollbacks and pauses that ran out in the header, with the key that resumes', async () => {
		const source = fakeFleetSource({initial: storySnapshot, fastDiff: seededFastDiff, history: {status: 'loading'}, actions: {run: async () => Promise.reject(new Error('unused'))}});
		const tui = startTui({source});
		unmount = tui.app.unmount;
		await tui.ready();
		const frame = await tui.until('[U resumes] shop@prod-eu rolled back to 0123456: auto-sync paused until resumed; pause ran out: bil');
		expect(frame).toMatch(/billing: auto-sync paused by alice 3h ago — its end (\d\d-\d\d )?\d\d:\d\d passed 10m ago, still paused: incid/);
		tui.press('jjj');
		await tui.until('shop: rolled back to 0123456, auto-sync paused by alice 5m ago');
		tui.press('\r');
		await tui.until(/shop flux on prod-eu .*rolled back to 0123456/);
	});

	it('in read-only mode keeps the story but names no key', async () => {
		const source = fakeFleetSource({initial: storySnapshot, fastDiff: seededFastDiff, history: {status: 'loading'}});
		const tui = startTui({source, readOnly: true});
		unmount = tui.app.unmount;
		const frame = await tui.until('pause ran out: billing@staging');
		expect(frame).not.toContain('U resumes');
	});
});

describe('the dialog at 80×24', () => {
	it('keeps its prompt on screen under an outage banner, an evaluation problem and the pause banner', () => {
		const crowded: FleetSnapshot = {...seededSnapshot({outage: true}), problem: 'evaluation failed: kustomize exploded', apps: storySnapshot.apps};
		let state = reducer(initialState({readOnly: false, columns: 80, rows: 24, canAct: true}), {type: 'snapshot-updated', snapshot: crowded});
		state = reducer(state, {type: 'command-invoked', command: 'move-down'});
		state = reducer(state, {type: 'command-invoked', command: 'reconcile'});
		const id = state.dialog!.id;
		const request = state.dialog!.request!;
		const objects = Array.from({length: 12}, (_, i) => ({key: key('ConfigMap', '', 'checkout', `settings-${i}-with-a-rather-long-name-that-must-be-cut`), change: 'change' as const, diff: `--- a\n+++ b\n@@ -1 +1 @@\n-  value: ${i}\n+  value: ${i + 1}`}));
		const plan = {request, steps: ['server-side apply of HEAD with field manager gitops-tui, prune off'], objects, warnings: ['Git outage: the controller cannot fetch either'], digest: 'd'};
		const check = {identity: 'alice', allowed: true, items: []};
		state = reducer(state, {type: 'action-event', id, event: {stage: 'planned', plan}});
		state = reducer(state, {type: 'action-confirmation-asked', id, protectedContext: true, plan, check});
		state = reducer(state, {type: 'confirmation-typed', text: 'stag'});
		const {lastFrame, unmount: done} = render(<AppFrame state={state} now={new Date()} />);
		unmount = done;
		const lines = (lastFrame() ?? '').split('\n');
		expect(lines.length).toBeLessThanOrEqual(24);
		for (const line of lines) expect(Array.from(line).length).toBeLessThanOrEqual(80);
		expect(lines.join('\n')).toContain('GIT OUTAGE');
		expect(lines.join('\n')).toContain('! Git outage: the controller cannot fetch either');
		expect(lines.at(-2)).toContain('staging is protected: type its name and enter to confirm, esc cancels: stag');
		expect(lines.at(-1)).toContain('<esc>cancel/close');
		expect(lines.at(-1)).not.toContain('<y>');
	});
});
