/**
 * The ordered key set behind list pages, checked against a plain sorted array through enough
 * random adds and deletes to split chunks and empty them again.
 */
import {describe, expect, it} from 'vitest';
import {createOrderedKeys} from '../../source/sandbox/ordered-keys.js';

/** A small deterministic generator, so a failure replays. */
function random(seed: number) {
	let state = seed;
	return (below: number) => {
		state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
		return state % below;
	};
}

const lowerBound = (values: string[], key: string) => values.filter(value => value < key).length;

describe('ordered keys', () => {
	it('stays sorted and unique, seeks and ranks like a sorted array through adds and deletes', () => {
		const keys = createOrderedKeys();
		const reference = new Set<string>();
		const next = random(7);
		const key = () => `ns-${next(7)}/name-${next(3000)}`;
		for (let step = 0; step < 12_000; step++) {
			// Grow first (chunks split), then shrink (chunks empty and go).
			const k = key();
			if (next(10) < (step < 8000 ? 8 : 1)) {
				keys.add(k);
				reference.add(k);
			} else {
				keys.delete(k);
				reference.delete(k);
			}
			if (step % 1000 === 999) {
				const sorted = [...reference].sort();
				expect([...keys.from()]).toEqual(sorted);
				expect(keys.size).toBe(sorted.length);
				for (let probe = 0; probe < 50; probe++) {
					const start = probe % 5 === 0 ? `${key()}\u0000` : key();
					const at = lowerBound(sorted, start);
					expect(keys.rank(start)).toBe(at);
					expect([...keys.from(start)].slice(0, 20)).toEqual(sorted.slice(at, at + 20));
				}
			}
		}
		expect(reference.size).toBeGreaterThan(100);
		expect(keys.rank('\uffff')).toBe(reference.size);
		expect([...keys.from('\uffff')]).toEqual([]);
	});

	it('ignores adding a key twice and deleting one it does not hold', () => {
		const keys = createOrderedKeys();
		keys.add('b');
		keys.add('a');
		keys.add('b');
		keys.delete('c');
		expect([...keys.from()]).toEqual(['a', 'b']);
		keys.delete('a');
		keys.delete('b');
		expect(keys.size).toBe(0);
		expect([...keys.from('a')]).toEqual([]);
		keys.add('z');
		expect([...keys.from()]).toEqual(['z']);
	});
});
