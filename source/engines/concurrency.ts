/** Bounded concurrency for the pipeline's requests and renders: a fleet should not open hundreds at once. */

/** Runs `task` over `items` with at most `limit` running at once; results keep the items' order. */
export async function mapConcurrent<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
	const results: R[] = new Array(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			results[index] = await task(items[index]!, index);
		}
	};

	await Promise.all(Array.from({length: Math.max(1, Math.min(limit, items.length))}, worker));
	return results;
}

/**
 * `run` with at most `limit` calls running at once; the others wait their turn in call order. For the render
 * tools' process runner: kustomize and helm are CPU-bound processes, so more of them than cores only slows
 * each one down.
 */
export function limitConcurrency<A extends unknown[], R>(run: (...args: A) => Promise<R>, limit: number): (...args: A) => Promise<R> {
	let running = 0;
	const waiting: Array<() => void> = [];
	return async (...args) => {
		if (running >= Math.max(1, limit)) await new Promise<void>(resolve => waiting.push(resolve));
		else running++;
		try {
			return await run(...args);
		} finally {
			const next = waiting.shift();
			if (next) next();
			else running--;
		}
	};
}
