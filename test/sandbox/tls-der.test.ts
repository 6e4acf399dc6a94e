import {X509Certificate, randomBytes} from 'node:crypto';
import {createSecureContext} from 'node:tls';
import {describe, expect, it} from 'vitest';
import {integer} from '../../source/sandbox/tls/der.js';
import {createSelfSignedCert} from '../../source/sandbox/tls/self-signed-cert.js';

/**
 * Reads a DER INTEGER back as X.690 defines it (two's complement, big-endian) and says what is wrong with
 * it, if anything: header, or not minimal (8.3.2: at least one octet, first nine bits never all equal).
 * Plain code, not expect(), inside the loops: the exhaustive test stays well under a second.
 */
function decodeInteger(der: Uint8Array): {value: bigint; problem?: string} {
	const body = der.subarray(2);
	if (der[0] !== 0x02 || der[1] !== body.length || body.length === 0) return {value: 0n, problem: 'header'};
	let value = 0n;
	for (const byte of body) value = (value << 8n) | BigInt(byte);
	if (body[0]! >= 0x80) value -= 1n << BigInt(8 * body.length);
	const redundant = body.length > 1 && ((body[0] === 0x00 && body[1]! < 0x80) || (body[0] === 0xff && body[1]! >= 0x80));
	return redundant ? {value, problem: 'not minimal'} : {value};
}

function bigEndianValue(bytes: Uint8Array): bigint {
	let value = 0n;
	for (const byte of bytes) value = (value << 8n) | BigInt(byte);
	return value;
}

/** The inputs whose encoding is wrong: empty when all are right. */
function wrongEncodings(inputs: Iterable<Uint8Array>): string[] {
	const wrong: string[] = [];
	for (const input of inputs) {
		const {value, problem} = decodeInteger(integer(input));
		if (problem || value !== bigEndianValue(input)) wrong.push(`${Buffer.from(input).toString('hex')}: ${problem ?? `decodes as ${value}`}`);
	}
	return wrong;
}

describe('DER INTEGER', () => {
	it('encodes every value of up to two bytes minimally, as a non-negative number, with any number of leading zero bytes', () => {
		const inputs: Uint8Array[] = [];
		for (let value = 0; value < 0x10000; value++) {
			const bytes = [value >> 8, value & 0xff];
			if (value <= 0xff) inputs.push(Buffer.from([value]));
			inputs.push(Buffer.from(bytes), Buffer.from([0, 0, ...bytes]));
		}
		expect(wrongEncodings(inputs)).toEqual([]);
	});

	it('encodes edge values and empty input as X.690 requires', () => {
		const hex = (bytes: number[]) => Buffer.from(integer(Buffer.from(bytes))).toString('hex');
		expect(hex([])).toBe('020100');
		expect(hex([0, 0, 0])).toBe('020100');
		expect(hex([0x7f])).toBe('02017f');
		expect(hex([0x80])).toBe('02020080');
		expect(hex([0, 0x80])).toBe('02020080');
		expect(hex([0, 0, 0x7f, 0xff])).toBe('02027fff');
		expect(hex([0xff, 0xff])).toBe('020300ffff');
	});

	it('keeps random 16- and 20-byte serials exact and minimal', () => {
		const inputs: Uint8Array[] = [];
		for (let round = 0; round < 5000; round++) {
			const bytes = randomBytes(round % 2 ? 16 : 20);
			if (round % 4 === 0) bytes[0] = 0; // a leading zero byte: the ~1 in 256 case that broke the certificate
			if (round % 8 === 0) bytes[1] = 0x80 | bytes[1]!; // ...followed by a set sign bit
			inputs.push(bytes);
		}
		expect(wrongEncodings(inputs)).toEqual([]);
	});
});

describe('self-signed certificate serials', () => {
	it('parses with node:crypto whatever the serial starts with', () => {
		const now = new Date('2026-05-01T12:00:00Z');
		const forced: Uint8Array[] = [];
		for (let round = 0; round < 300; round++) {
			const serial = randomBytes(16);
			serial[0] = 0;
			if (round % 3 === 1) serial[1] = 0;
			if (round % 3 === 2) serial[1] = 0x80 | serial[1]!;
			forced.push(serial);
		}
		for (const serial of forced) {
			const {cert, key} = createSelfSignedCert({now, serial});
			// What the sandbox's HTTPS server does with it (where "illegal padding" was thrown).
			createSecureContext({cert, key});
			const x509 = new X509Certificate(cert);
			expect(BigInt(`0x${x509.serialNumber}`)).toBe(bigEndianValue(serial));
			expect(x509.verify(x509.publicKey)).toBe(true);
		}
	});

	it('makes random positive serials that parse, a few hundred times in a row', () => {
		const now = new Date();
		for (let round = 0; round < 300; round++) {
			const x509 = new X509Certificate(createSelfSignedCert({now}).cert);
			expect(BigInt(`0x${x509.serialNumber}`)).toBeGreaterThan(0n);
		}
	});
});
