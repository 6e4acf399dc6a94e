import {describe, expect, it} from 'vitest';
import {limitConcurrency, mapConcurrent} from '../../source/engines/concurrency.js';

/** A task that finishes when told to, noting how many run at once. */
function gate() {
	let running = 0;
	let most = 0;
	const release: Array<() => void> = [];
	const run = async (value: number) => {
		running++;
		most = Math.max(most, running);
		await new Promise<void>(resolve => release.push(resolve));
		running--;
		return value * 2;
	};
	return {run, release, most: () => most, running: () => running};
}

async function until(condition: () => boolean): Promise<void> {
	while (!condition()) await new Promise(resolve => setImmediate(resolve));
}

describe('bounded concurrency', () => {
	it('limitConcurrency runs at most `limit` calls at once, the rest in call order, each with its own answer', async () => {
		const task = gate();
		const limited = limitConcurrency(task.run, 2);
		const order: number[] = [];
		const answers = [1, 2, 3, 4, 5].map(value => limited(value).then(answer => (order.push(value), answer)));
		await until(() => task.running() === 2);
		for (let released = 0; released < 5; released++) {
			await until(() => task.release.length > released);
			task.release[released]!();
		}
		expect(await Promise.all(answers)).toEqual([2, 4, 6, 8, 10]);
		expect(order).toEqual([1, 2, 3, 4, 5]);
		expect(task.most()).toBe(2);
	});

	it('limitConcurrency frees the slot of a call that fails', async () => {
		const limited = limitConcurrency(async (fail: boolean) => {
			if (fail) throw new Error('boom');
			return 'ok';
		}, 1);
		await expect(limited(true)).rejects.toThrow('boom');
		expect(await limited(false)).toBe('ok');
	});

	it('mapConcurrent keeps the items\' order', async () => {
		expect(await mapConcurrent([3, 1, 2], 2, async value => value * 10)).toEqual([30, 10, 20]);
	});
});
