/**
 * Canonical JSON and SHA-256, the two things a hash chain and a plan digest need to agree on across
 * processes and versions: the same value always gives the same text, whatever order its keys were built in.
 */
import {createHash} from 'node:crypto';

/**
 * The value as JSON with object keys sorted (by UTF-16 code units, as RFC 8785 does) and no whitespace.
 * It follows JSON.stringify's rules for what is left out (undefined, functions) or becomes null (NaN, Infinity,
 * undefined in arrays), so a value and the value read back from its JSON give the same text.
 */
export function canonicalJson(value: unknown): string {
	const plain: unknown = value === undefined ? null : JSON.parse(JSON.stringify(value) ?? 'null');
	return write(plain);
}

function write(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(item => write(item)).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const record = value as Record<string, unknown>;
		const keys = Object.keys(record).sort();
		return `{${keys.map(key => `${JSON.stringify(key)}:${write(record[key])}`).join(',')}}`;
	}
	return JSON.stringify(value);
}

/** SHA-256 of the text's UTF-8 bytes, in lower-case hex. */
export function sha256Hex(text: string): string {
	return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** SHA-256 (hex) of the value's canonical JSON: a plan digest, an entry hash. */
export function digestOf(value: unknown): string {
	return sha256Hex(canonicalJson(value));
}
