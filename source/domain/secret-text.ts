/**
 * No Secret value through an error message (ARCHITECTURE.md, house style 16). A renderer that fails can echo
 * what it read: kustomize quotes a malformed `secretGenerator` literal whole, a substitution error can quote a
 * variable read from a Secret. Every message from a render passes through maskSecretValues with the values the
 * render could have seen, before it is shown or stored.
 */
import {encodeBase64, maskedValue} from './secret-mask.js';

/** Values shorter than this are not searched for: masking every "a" or "1" would make messages unreadable. */
const shortest = 3;

/**
 * The text with every occurrence of a Secret value (as given, trimmed, and base64-encoded) replaced by the mask.
 * Longer values first, so a value containing another is masked whole.
 */
export function maskSecretValues(text: string, values: Iterable<string>): string {
	const candidates = new Set<string>();
	for (const value of values) {
		for (const form of [value, value.trim()]) {
			if (form.length < shortest) continue;
			candidates.add(form);
			candidates.add(encodeBase64(form));
		}
	}
	let masked = text;
	for (const value of [...candidates].sort((a, b) => b.length - a.length)) if (masked.includes(value)) masked = masked.split(value).join(maskedValue);
	return masked;
}

/** The values of a Secret manifest: `stringData` as written, `data` decoded (and as written). */
export function secretManifestValues(secret: {data?: unknown; stringData?: unknown}): string[] {
	const values: string[] = [];
	for (const field of [secret.data, secret.stringData]) {
		if (!field || typeof field !== 'object') continue;
		for (const value of Object.values(field)) if (typeof value === 'string') values.push(value);
	}
	if (secret.data && typeof secret.data === 'object') {
		for (const value of Object.values(secret.data)) {
			if (typeof value !== 'string') continue;
			try {
				values.push(new TextDecoder('utf-8', {fatal: true}).decode(Uint8Array.from(atob(value), character => character.charCodeAt(0))));
			} catch {
				// Not base64 or not text: the value as written is masked already.
			}
		}
	}
	return values;
}
