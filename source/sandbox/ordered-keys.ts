/**
 * A sorted set of strings kept in bounded chunks (a flat B-tree): adding or deleting a key costs
 * two binary searches and a splice of one chunk, and reading from a key on costs a seek plus the
 * keys read. The store keeps one per kind so a list page costs O(page + log n) whatever the
 * kind's size, as the apiserver pages etcd's ordered keys, instead of sorting or filtering the
 * whole kind per page. Order is JavaScript's string order (UTF-16 code units), etcd's for ASCII.
 */

export type OrderedKeys = {
	readonly size: number;
	/** Adds a key; does nothing when it is already there. */
	add(key: string): void;
	/** Deletes a key; does nothing when it is not there. */
	delete(key: string): void;
	/** The keys ≥ `start`, in order (every key when omitted). */
	from(start?: string): Generator<string, void, undefined>;
	/** How many keys sort before `key`. */
	rank(key: string): number;
};

/** A chunk splits in two past this many keys; small enough that a splice is a short copy. */
const maxChunk = 512;

/** First index in a sorted array whose value is ≥ key. */
function lowerBound(values: readonly string[], key: string): number {
	let low = 0;
	let high = values.length;
	while (low < high) {
		const middle = (low + high) >> 1;
		if (values[middle]! < key) low = middle + 1;
		else high = middle;
	}
	return low;
}

export function createOrderedKeys(): OrderedKeys {
	// Non-empty sorted chunks, each after the one before; `lasts[i]` is chunk i's last key.
	const chunks: string[][] = [];
	const lasts: string[] = [];
	let size = 0;

	/** The chunk that holds (or would hold) the first key ≥ key; chunks.length when every key is smaller. */
	const chunkFor = (key: string) => lowerBound(lasts, key);

	return {
		get size() {
			return size;
		},
		add(key) {
			if (chunks.length === 0) {
				chunks.push([key]);
				lasts.push(key);
				size = 1;
				return;
			}
			// A key past every chunk joins the last one.
			const which = Math.min(chunkFor(key), chunks.length - 1);
			const chunk = chunks[which]!;
			const at = lowerBound(chunk, key);
			if (chunk[at] === key) return;
			chunk.splice(at, 0, key);
			size++;
			if (at === chunk.length - 1) lasts[which] = key;
			if (chunk.length > maxChunk) {
				const upper = chunk.splice(chunk.length >> 1);
				chunks.splice(which + 1, 0, upper);
				lasts.splice(which, 1, chunk[chunk.length - 1]!, upper[upper.length - 1]!);
			}
		},
		delete(key) {
			const which = chunkFor(key);
			const chunk = chunks[which];
			if (!chunk) return;
			const at = lowerBound(chunk, key);
			if (chunk[at] !== key) return;
			chunk.splice(at, 1);
			size--;
			if (chunk.length === 0) {
				chunks.splice(which, 1);
				lasts.splice(which, 1);
			} else if (at === chunk.length) lasts[which] = chunk[chunk.length - 1]!;
		},
		*from(start) {
			let which = start === undefined ? 0 : chunkFor(start);
			let at = start === undefined || which >= chunks.length ? 0 : lowerBound(chunks[which]!, start);
			// Reads by position, so a caller may stop early; the set must not change while it reads.
			for (; which < chunks.length; which++, at = 0) {
				const chunk = chunks[which]!;
				for (; at < chunk.length; at++) yield chunk[at]!;
			}
		},
		rank(key) {
			const which = chunkFor(key);
			let before = 0;
			for (let index = 0; index < which; index++) before += chunks[index]!.length;
			return which < chunks.length ? before + lowerBound(chunks[which]!, key) : before;
		},
	};
}
