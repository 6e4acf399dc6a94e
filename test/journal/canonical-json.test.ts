import {createHash} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {canonicalJson, digestOf, sha256Hex} from '../../source/journal/canonical-json.js';

describe('canonicalJson', () => {
	it('sorts keys at every depth and writes no whitespace', () => {
		expect(canonicalJson({b: 1, a: {d: [3, {z: true, y: null}], c: 'x'}})).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
	});

	it('is the same for the same value whatever order its keys were built in', () => {
		expect(canonicalJson({x: 1, y: 2})).toBe(canonicalJson({y: 2, x: 1}));
	});

	it('follows JSON.stringify for undefined, NaN and dates, so a value and its parsed JSON agree', () => {
		const value = {gone: undefined, list: [undefined, Number.NaN], when: new Date('2026-12-01T00:00:00Z'), text: 'a"b\n'};
		expect(canonicalJson(value)).toBe('{"list":[null,null],"text":"a\\"b\\n","when":"2026-12-01T00:00:00.000Z"}');
		expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(canonicalJson(value));
	});

	it('sorts keys by UTF-16 code units (RFC 8785), not by locale', () => {
		expect(canonicalJson({é: 1, z: 2, Z: 3, '10': 4, '9': 5})).toBe('{"10":4,"9":5,"Z":3,"z":2,"é":1}');
	});
});

describe('sha256Hex and digestOf', () => {
	it('hash the UTF-8 bytes in lower-case hex', () => {
		expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
		expect(sha256Hex('é')).toBe(createHash('sha256').update(Buffer.from('é', 'utf8')).digest('hex'));
	});

	it('digest a plan by its canonical JSON', () => {
		expect(digestOf({b: [1], a: 'x'})).toBe(sha256Hex('{"a":"x","b":[1]}'));
	});
});
