import {describe, expect, it} from 'vitest';
import {
	fieldsV1Key,
	formatFieldPath,
	isPathPrefix,
	parseFieldPath,
	parseFieldsV1Key,
} from '../../source/domain/field-path-notation.js';

describe('keys and text paths', () => {
	it('round-trips fieldsV1 keys', () => {
		for (const key of ['f:name', 'k:{"containerPort":8080,"protocol":"TCP"}', 'v:"x"', 'i:3', 'v:5']) {
			expect(fieldsV1Key(parseFieldsV1Key(key)!)).toBe(key);
		}

		expect(parseFieldsV1Key('.')).toBeUndefined();
	});

	it('parses text paths back, including brackets with dots and commas inside strings', () => {
		const text = '.spec.template.spec.containers[name="a.b,c]"].env[name="X"].value';
		expect(parseFieldPath(text)).toEqual([
			{kind: 'field', name: 'spec'},
			{kind: 'field', name: 'template'},
			{kind: 'field', name: 'spec'},
			{kind: 'field', name: 'containers'},
			{kind: 'key', keys: {name: 'a.b,c]'}},
			{kind: 'field', name: 'env'},
			{kind: 'key', keys: {name: 'X'}},
			{kind: 'field', name: 'value'},
		]);
		expect(formatFieldPath(parseFieldPath(text))).toBe(text);
		expect(parseFieldPath('.spec.ports[port=80,protocol="TCP"]')[2]).toEqual({
			kind: 'key',
			keys: {port: 80, protocol: 'TCP'},
		});
		expect(parseFieldPath('.x[=true][2]')).toEqual([
			{kind: 'field', name: 'x'},
			{kind: 'value', value: true},
			{kind: 'index', index: 2},
		]);
		expect(() => parseFieldPath('spec')).toThrow(/unexpected/);
		expect(() => parseFieldPath('.a[name="x"')).toThrow(/unclosed/);
	});
});

describe('isPathPrefix', () => {
	it('compares step by step, not by text', () => {
		const labels = parseFieldPath('.metadata.labels.app');
		expect(isPathPrefix(labels, parseFieldPath('.metadata.labels.app'))).toBe(true);
		expect(isPathPrefix(parseFieldPath('.metadata.labels'), labels)).toBe(true);
		expect(isPathPrefix(labels, parseFieldPath('.metadata.labels'))).toBe(false);
		const dotted = [...parseFieldPath('.metadata.labels'), {kind: 'field', name: 'app.kubernetes.io/name'} as const];
		expect(isPathPrefix(labels, dotted)).toBe(false);
	});
});
