import {describe, expect, it} from 'vitest';
import {
	canonicalQuantity,
	compareQuantities,
	formatQuantity,
	isCanonicalQuantity,
	parseQuantity,
	quantitiesEqual,
} from '../../source/domain/quantity.js';

describe('canonicalQuantity', () => {
	// Each row: what a manifest says, what a real apiserver stores (resource.Quantity's String()).
	const table: Array<[string | number, string]> = [
		['1000m', '1'],
		['0.5Gi', '512Mi'],
		['1.5', '1500m'],
		['2048Mi', '2Gi'],
		['1024Mi', '1Gi'],
		['1000Mi', '1000Mi'],
		['1e3', '1e3'],
		['1E3', '1e3'],
		['1000e-3', '1'],
		['1.5e3', '1500'],
		['12e6', '12e6'],
		['1000', '1k'],
		['1500k', '1500k'],
		['100m', '100m'],
		['0.1', '100m'],
		['250m', '250m'],
		['1', '1'],
		['0', '0'],
		['0Gi', '0'],
		['-0', '0'],
		['-1000m', '-1'],
		['-1.5Gi', '-1536Mi'],
		['1.5Gi', '1536Mi'],
		['1.5Mi', '1536Ki'],
		['0.5Ki', '512'],
		['1023', '1023'],
		['1Ki', '1Ki'],
		['1.1Ki', '1126400m'],
		['1024', '1024'],
		['1000000', '1M'],
		['1G', '1G'],
		['1000G', '1T'],
		['1000E', '1000E'],
		['0.000000001', '1n'],
		['0.0000000001', '1n'],
		['1.0000000001', '1000000001n'],
		['1u', '1u'],
		['1000n', '1u'],
		['.5', '500m'],
		['5.', '5'],
		['+2', '2'],
		['1024Ei', '1024Ei'],
		[1, '1'],
		[0.5, '500m'],
		[2048, '2048'],
		[1e21, '1e21'],
	];
	it.each(table)('%s is stored as %s', (input, expected) => {
		expect(canonicalQuantity(input)).toBe(expected);
	});

	it('is idempotent: canonical spellings stay as they are', () => {
		for (const [, canonical] of table) {
			expect(canonicalQuantity(canonical)).toBe(canonical);
			expect(isCanonicalQuantity(canonical)).toBe(true);
		}
	});

	it.each(['', 'abc', '1.2.3', 'Mi', '1e', '1 Gi', '1Gb', '1KB', '--1', '.', '1ki'])('rejects %j', input => {
		const parsed = parseQuantity(input);
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.error.kind).toBe('invalid-quantity');
		expect(canonicalQuantity(input)).toBeUndefined();
	});
});

describe('comparing quantities', () => {
	it('treats different spellings of one value as equal', () => {
		expect(quantitiesEqual('1000m', '1')).toBe(true);
		expect(quantitiesEqual('0.5Gi', '512Mi')).toBe(true);
		expect(quantitiesEqual('1e3', '1k')).toBe(true);
		expect(quantitiesEqual('1Gi', '1G')).toBe(false);
		expect(quantitiesEqual('1', 'one')).toBeUndefined();
	});

	it('orders by value across formats', () => {
		expect(compareQuantities('1Gi', '1G')).toBe(1);
		expect(compareQuantities('999m', '1')).toBe(-1);
		expect(compareQuantities('-1', '0')).toBe(-1);
		expect(compareQuantities(2, '2000m')).toBe(0);
	});

	it('keeps exact values far beyond float precision', () => {
		const parsed = parseQuantity('123456789012345678901234567890');
		expect(parsed.ok && formatQuantity(parsed.value)).toBe('123456789012345678901234567890');
		expect(quantitiesEqual('9007199254740993', '9007199254740992')).toBe(false);
	});
});

describe('isCanonicalQuantity', () => {
	it('says which spellings the server would rewrite', () => {
		expect(isCanonicalQuantity('1')).toBe(true);
		expect(isCanonicalQuantity('512Mi')).toBe(true);
		expect(isCanonicalQuantity('1000m')).toBe(false);
		expect(isCanonicalQuantity('0.5Gi')).toBe(false);
		expect(isCanonicalQuantity('not a quantity')).toBe(false);
	});
});
