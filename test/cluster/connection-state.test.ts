import {describe, expect, it} from 'vitest';
import {initialConnectionState, nextConnectionState, type ConnectionState} from '../../source/cluster/connection-state.js';
import type {ClusterFailureKind} from '../../source/cluster/failure.js';

const fail = (kind: ClusterFailureKind) => ({ok: false as const, error: {kind, message: `${kind} happened`}});
const ok = {ok: true as const};

describe('nextConnectionState', () => {
	it('starts connecting and becomes ready on any success', () => {
		const start = initialConnectionState(1);
		expect(start).toEqual({phase: 'connecting', since: 1});
		expect(nextConnectionState(start, ok, 2)).toEqual({phase: 'ready', since: 2});
	});

	it.each([
		['unreachable', 'unreachable'],
		['timeout', 'timed-out'],
		['unauthorized', 'unauthorized'],
		['credentials', 'unauthorized'],
		['forbidden', 'forbidden'],
	] as const)('%s makes a connecting context %s, with the error', (kind, phase) => {
		const next = nextConnectionState(initialConnectionState(0), fail(kind), 5);
		expect(next).toEqual({phase, error: {kind, message: `${kind} happened`}, since: 5});
	});

	it('one forbidden kind does not mark a working context forbidden', () => {
		const ready: ConnectionState = {phase: 'ready', since: 1};
		expect(nextConnectionState(ready, fail('forbidden'), 2)).toBe(ready);
	});

	it('answers about objects prove the server is up', () => {
		for (const kind of ['not-found', 'conflict', 'invalid', 'gone', 'throttled', 'server'] as const) {
			expect(nextConnectionState(initialConnectionState(0), fail(kind), 3).phase).toBe('ready');
			const down: ConnectionState = {phase: 'unreachable', since: 0, error: {kind: 'unreachable', message: 'x'}};
			expect(nextConnectionState(down, fail(kind), 3)).toBe(down);
		}
	});

	it('recovers, and repeats of the same failure keep the original time', () => {
		const down = nextConnectionState({phase: 'ready', since: 0}, fail('unreachable'), 10);
		expect(nextConnectionState(down, fail('unreachable'), 20)).toBe(down);
		expect(nextConnectionState(down, ok, 30)).toEqual({phase: 'ready', since: 30});
	});
});
