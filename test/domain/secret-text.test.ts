import {describe, expect, it} from 'vitest';
import {maskSecretValues, secretManifestValues} from '../../source/domain/secret-text.js';

describe('maskSecretValues', () => {
	it('masks every occurrence of a value, trimmed or base64-encoded, the longest first', () => {
		const text = 'invalid literal source password hunter2-secret, expected key=value; again: hunter2-secret; b64 aHVudGVyMi1zZWNyZXQ=';
		expect(maskSecretValues(text, ['password hunter2-secret', ' hunter2-secret\n'])).toBe('invalid literal source (masked), expected key=value; again: (masked); b64 (masked)');
	});

	it('leaves very short values alone (masking every "a" would destroy the message)', () => {
		expect(maskSecretValues('a line 1', ['a', '1', ''])).toBe('a line 1');
	});
});

describe('secretManifestValues', () => {
	it('collects stringData as written and data as written and decoded', () => {
		expect(secretManifestValues({data: {a: Buffer.from('decoded-value').toString('base64'), b: '!!not base64'}, stringData: {c: 'plain-value'}}).sort()).toEqual(
			[Buffer.from('decoded-value').toString('base64'), '!!not base64', 'decoded-value', 'plain-value'].sort(),
		);
	});
});
