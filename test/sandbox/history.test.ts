import {describe, expect, it} from 'vitest';
import {createEventHistory} from '../../source/sandbox/history.js';
import {createRegistry} from '../../source/sandbox/registry.js';

const registry = createRegistry();
const configmaps = registry.byResource('', 'v1', 'configmaps')!;
const secrets = registry.byResource('', 'v1', 'secrets')!;

function entry(revision: number, type = configmaps) {
	return {type: 'ADDED' as const, revision, resourceType: type, object: {apiVersion: 'v1', kind: type.kind, metadata: {name: `o${revision}`, resourceVersion: String(revision)}}};
}

describe('event history', () => {
	it('replays the changes after a revision, filtered by type', () => {
		const history = createEventHistory(10);
		for (let revision = 1; revision <= 5; revision++) history.push(entry(revision, revision % 2 ? configmaps : secrets));
		const since = history.since(2, configmaps);
		expect(since.ok && since.entries.map(e => e.revision)).toEqual([3, 5]);
		const all = history.since(0);
		expect(all.ok && all.entries.length).toBe(5);
	});

	it('reports revisions older than what it keeps as expired, with the oldest it can replay', () => {
		const history = createEventHistory(3);
		for (let revision = 1; revision <= 10; revision++) history.push(entry(revision));
		expect(history.since(6)).toEqual({ok: false, oldest: 8});
		const fromSeven = history.since(7);
		expect(fromSeven.ok && fromSeven.entries.map(e => e.revision)).toEqual([8, 9, 10]);
	});

	it('keeps working after compacting many times', () => {
		const history = createEventHistory(2);
		for (let revision = 1; revision <= 5000; revision++) history.push(entry(revision));
		const since = history.since(4998);
		expect(since.ok && since.entries.map(e => e.revision)).toEqual([4999, 5000]);
		expect(history.since(4000).ok).toBe(false);
	});
});
