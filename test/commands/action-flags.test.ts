/**
 * The action commands' flag values and exit codes: durations, pause ends (relative or RFC 3339, never in the past),
 * `--automated` JSON, and how each outcome maps to 0, 1 or 2.
 */
import {describe, expect, it} from 'vitest';
import {automatedFlag, parseDuration, timeoutFlag, untilFlag} from '../../source/commands/action-flags.js';
import {actionExitCode} from '../../source/commands/action-output.js';
import type {ActionResult} from '../../source/domain/action.js';

const now = new Date('2026-12-04T10:00:00Z');

describe('action flags', () => {
	it('reads durations as kubectl and flux write them', () => {
		expect(parseDuration('90s')).toBe(90_000);
		expect(parseDuration('1h30m')).toBe(5_400_000);
		expect(parseDuration('500ms')).toBe(500);
		expect(parseDuration('0')).toBe(0);
		expect(parseDuration('2 hours')).toBeUndefined();
		expect(timeoutFlag(undefined, 300_000)).toEqual({ok: true, ms: 300_000});
		expect(timeoutFlag('soon', 1)).toMatchObject({ok: false, message: expect.stringContaining('--timeout "soon"')});
	});

	it('--until: from now, or an RFC 3339 time in the future', () => {
		expect(untilFlag('2h', now)).toEqual({ok: true, until: '2026-12-04T12:00:00.000Z'});
		expect(untilFlag('2026-12-24T18:00:00+01:00', now)).toEqual({ok: true, until: '2026-12-24T17:00:00.000Z'});
		expect(untilFlag('2026-12-01T00:00:00Z', now)).toMatchObject({ok: false, message: expect.stringContaining('not in the future')});
		expect(untilFlag('tomorrow', now)).toMatchObject({ok: false});
		expect(untilFlag(undefined, now)).toEqual({ok: true});
	});

	it('--automated must be a JSON object', () => {
		expect(automatedFlag('{"prune":true,"selfHeal":true}')).toEqual({ok: true, automated: {prune: true, selfHeal: true}});
		expect(automatedFlag('[1]')).toMatchObject({ok: false});
		expect(automatedFlag('prune')).toMatchObject({ok: false});
	});
});

describe('action exit codes', () => {
	const result = (outcome: ActionResult['outcome'], more: Partial<ActionResult> = {}): ActionResult => ({
		request: {kind: 'reconcile', target: {app: 'web', engine: 'flux', context: 'c', namespace: 'flux-system'}},
		outcome,
		message: '',
		objects: [],
		...more,
	});
	const key = {group: '', version: 'v1', kind: 'ConfigMap', namespace: 'a', name: 'b'};

	it('0 done or dry-run, 1 timed out or written but the sync failed, 2 otherwise', () => {
		expect(actionExitCode(result('done'))).toBe(0);
		expect(actionExitCode(result('dry-run'))).toBe(0);
		expect(actionExitCode(result('timed-out'))).toBe(1);
		expect(actionExitCode(result('failed', {after: {sync: 'OutOfSync', health: 'Degraded'}, objects: [{key, status: 'done'}]}))).toBe(1);
		expect(actionExitCode(result('failed', {objects: [{key, status: 'conflict'}]}))).toBe(2);
		for (const outcome of ['refused', 'cancelled'] as const) expect(actionExitCode(result(outcome))).toBe(2);
	});
});
