/**
 * Deterministic hashing for things a real apiserver or controller picks at random or by hashing (cluster IPs,
 * node ports, pod-template-hash, name suffixes): the sandbox stays reproducible from run to run.
 */

/** FNV-1a, 32 bits, over the UTF-16 code units of a text (what the Go controllers use over bytes). */
export function fnv32a(text: string): number {
	let hash = 0x811c9dc5;
	for (let index = 0; index < text.length; index++) {
		hash ^= text.charCodeAt(index);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash >>> 0;
}

/** A 32-bit avalanche step (murmur3's finaliser): nearby seeds give unrelated-looking outputs. */
export function mix32(value: number): number {
	let hash = value >>> 0;
	hash ^= hash >>> 16;
	hash = Math.imul(hash, 0x85ebca6b) >>> 0;
	hash ^= hash >>> 13;
	hash = Math.imul(hash, 0xc2b2ae35) >>> 0;
	hash ^= hash >>> 16;
	return hash >>> 0;
}

/** The alphabet Kubernetes uses for generated names: no vowels, no confusable digits. */
export const safeAlphabet = 'bcdfghjklmnpqrstvwxz2456789';

/** Kubernetes' rand.SafeEncodeString: each character mapped into the safe alphabet. */
export function safeEncode(text: string): string {
	let result = '';
	for (let index = 0; index < text.length; index++) result += safeAlphabet[text.charCodeAt(index) % safeAlphabet.length];
	return result;
}

/** A short suffix (`fjtbd`) derived from a seed, as generateName would append. */
export function nameSuffix(seed: string, length = 5): string {
	let result = '';
	let state = mix32(fnv32a(seed));
	for (let index = 0; index < length; index++) {
		result += safeAlphabet[state % safeAlphabet.length];
		state = mix32(state + index + 1);
	}
	return result;
}
