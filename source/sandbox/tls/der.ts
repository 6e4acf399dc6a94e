/**
 * The few DER (ASN.1) encoders a self-signed X.509 certificate needs. node:crypto signs and
 * exports keys but cannot build certificates, and the sandbox must not depend on an openssl binary.
 */

/** A tag-length-value element. */
export function tlv(tag: number, content: Uint8Array): Uint8Array {
	return Buffer.concat([Buffer.from([tag]), encodeLength(content.length), content]);
}

function encodeLength(length: number): Uint8Array {
	if (length < 0x80) return Buffer.from([length]);
	const bytes: number[] = [];
	for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
	return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** SEQUENCE of the given elements. */
export function sequence(...items: Uint8Array[]): Uint8Array {
	return tlv(0x30, Buffer.concat(items));
}

/** SET of the given elements (callers pass a single element, so no sorting is needed). */
export function set(...items: Uint8Array[]): Uint8Array {
	return tlv(0x31, Buffer.concat(items));
}

/**
 * A non-negative INTEGER from big-endian bytes, in DER's minimal two's-complement form: leading zero
 * bytes dropped (X.690 8.3.2: the first nine bits must not all be equal, OpenSSL rejects them as
 * "illegal padding"), one zero byte put back where the sign bit would be set, and zero as a single 00.
 */
export function integer(bytes: Uint8Array): Uint8Array {
	let start = 0;
	while (start < bytes.length - 1 && bytes[start] === 0) start++;
	const magnitude = bytes.length === 0 ? Buffer.from([0]) : Buffer.from(bytes.subarray(start));
	const body = magnitude[0]! >= 0x80 ? Buffer.concat([Buffer.from([0]), magnitude]) : magnitude;
	return tlv(0x02, body);
}

/** An OBJECT IDENTIFIER from dotted notation. */
export function oid(dotted: string): Uint8Array {
	const arcs = dotted.split('.').map(Number);
	const bytes: number[] = [40 * (arcs[0] ?? 0) + (arcs[1] ?? 0)];
	for (const arc of arcs.slice(2)) {
		const chunk: number[] = [arc & 0x7f];
		for (let rest = Math.floor(arc / 128); rest > 0; rest = Math.floor(rest / 128)) chunk.unshift(0x80 | (rest & 0x7f));
		bytes.push(...chunk);
	}
	return tlv(0x06, Buffer.from(bytes));
}

export function utf8String(text: string): Uint8Array {
	return tlv(0x0c, Buffer.from(text, 'utf8'));
}

export function octetString(content: Uint8Array): Uint8Array {
	return tlv(0x04, content);
}

/** BIT STRING with the number of unused trailing bits in the last byte. */
export function bitString(content: Uint8Array, unusedBits = 0): Uint8Array {
	return tlv(0x03, Buffer.concat([Buffer.from([unusedBits]), content]));
}

export function boolean(value: boolean): Uint8Array {
	return tlv(0x01, Buffer.from([value ? 0xff : 0]));
}

/** UTCTime before 2050, GeneralizedTime from then on, as RFC 5280 requires. */
export function time(date: Date): Uint8Array {
	const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
	return date.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(iso.slice(2), 'ascii')) : tlv(0x18, Buffer.from(iso, 'ascii'));
}

/** A context-specific tag: explicit wraps constructed content, implicit replaces a primitive's tag. */
export function contextTag(number: number, content: Uint8Array, constructed: boolean): Uint8Array {
	return tlv((constructed ? 0xa0 : 0x80) | number, content);
}
