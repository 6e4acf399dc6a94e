import {describe, expect, it} from 'vitest';
import {ShardedMap} from '../../source/domain/watch-map.js';

describe('ShardedMap', () => {
	it('reads like a map', () => {
		const map = ShardedMap.from([
			['a', 1],
			['b', 2],
			['a', 3],
		]);
		expect(map.size).toBe(2);
		expect(map.get('a')).toBe(3);
		expect(map.has('b')).toBe(true);
		expect(map.has('c')).toBe(false);
		expect(map.get('c')).toBeUndefined();
		expect(new Map(map)).toEqual(new Map([['a', 3], ['b', 2]]));
		expect([...map.keys()].sort()).toEqual(['a', 'b']);
		expect([...map.values()].sort()).toEqual([2, 3]);
		const seen: string[] = [];
		map.forEach((value, key) => seen.push(`${key}=${value}`));
		expect(seen.sort()).toEqual(['a=3', 'b=2']);
	});

	it('edits into a new map and leaves the old one as it was', () => {
		const before = ShardedMap.from(Array.from({length: 1000}, (_, i) => [`key-${i}`, i] as const));
		const after = before.edit(draft => {
			draft.set('key-1', -1);
			draft.set('new', 5);
			expect(draft.get('new')).toBe(5);
			expect(draft.delete('key-2')).toBe(true);
			expect(draft.delete('missing')).toBe(false);
			expect(draft.has('key-2')).toBe(false);
		});
		expect(before.size).toBe(1000);
		expect(before.get('key-1')).toBe(1);
		expect(before.has('key-2')).toBe(true);
		expect(before.has('new')).toBe(false);
		expect(after.size).toBe(1000);
		expect(after.get('key-1')).toBe(-1);
		expect(after.get('new')).toBe(5);
		expect(after.has('key-2')).toBe(false);
		expect(after.get('key-999')).toBe(999);
		expect([...after.keys()]).toHaveLength(1000);
	});

	it('returns itself when an edit changes nothing', () => {
		const map = ShardedMap.from([['a', 1]]);
		expect(map.edit(draft => draft.delete('b'))).toBe(map);
		expect(map.edit(() => {})).toBe(map);
	});

	it('shrinks to empty', () => {
		const map = ShardedMap.from([['a', 1]]).edit(draft => draft.delete('a'));
		expect(map.size).toBe(0);
		expect([...map]).toEqual([]);
		expect(ShardedMap.empty<number>().size).toBe(0);
	});

	it('a single change on a large map is cheap: it copies one shard, never every entry', () => {
		const big = ShardedMap.from(Array.from({length: 50_000}, (_, i) => [`apps/Deployment/ns-${i % 50}/app-${i}`, i] as const));
		let map = big;
		for (let i = 0; i < 2000; i++) {
			const next = map.edit(draft => draft.set(`apps/Deployment/ns-${i % 50}/app-${i}`, -i));
			// Structural, not timed: every shard but the one the key lives in is the previous version's own.
			expect(next.shardsSharedWith(map)).toBe(127);
			map = next;
		}
		expect(map.get('apps/Deployment/ns-49/app-1999')).toBe(-1999);
		expect(map.size).toBe(50_000);
		expect(big.get('apps/Deployment/ns-49/app-1999')).toBe(1999);
	});

	it('says what changed since an earlier version: values added or replaced, keys deleted', () => {
		const before = ShardedMap.from(Array.from({length: 1000}, (_, i) => [`key-${i}`, {n: i}] as const));
		const replaced = {n: -1};
		const added = {n: 1000};
		const after = before.edit(draft => {
			draft.set('key-1', replaced);
			draft.delete('key-2');
			draft.set('key-1000', added);
			// Set to the very same value: not a change.
			draft.set('key-3', before.get('key-3')!);
			// Added and deleted again: not there before, not there now.
			draft.set('brief', {n: 0});
			draft.delete('brief');
		});
		const changes = after.changesSince(before);
		expect(changes.upserted.sort((a, b) => a.n - b.n)).toEqual([replaced, added]);
		expect(changes.upserted.find(value => value === replaced)).toBe(replaced);
		expect(changes.deleted).toEqual(['key-2']);
		expect(before.changesSince(before)).toEqual({upserted: [], deleted: []});
		// The other way round: what undoes it (key-1 put back, key-2 added again, key-1000 deleted).
		const back = before.changesSince(after);
		expect(back.deleted).toEqual(['key-1000']);
		expect(back.upserted.map(value => value.n).sort((a, b) => a - b)).toEqual([1, 2]);
	});
});
