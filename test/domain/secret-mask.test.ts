import {describe, expect, it} from 'vitest';
import {fastCompare} from '../../source/domain/fast-compare.js';
import {formatFieldPath} from '../../source/domain/field-paths.js';
import type {KubeObject} from '../../source/domain/kube-object.js';
import {resourceKeyOf} from '../../source/domain/resource-key.js';
import {judgePair} from '../../source/domain/resource-verdict.js';
import {effectiveData, encodeBase64, maskSecret, maskSecretPair, maskedValue} from '../../source/domain/secret-mask.js';
import {textDiff} from '../../source/domain/text-diff.js';
import {toStatusJson} from '../../source/domain/app.js';
import {aggregateApp} from '../../source/domain/app-aggregate.js';

// Canary values: if any of these shows up in an output, a Secret leaked.
const canaryDesired = 'canary-desired-7f3a9';
const canaryLive = 'canary-live-51c2e';
const canaryShared = 'canary-shared-0d4b8';
const canaries = [canaryDesired, canaryLive, canaryShared].flatMap(value => [value, encodeBase64(value)]);

const desired: KubeObject = {
	apiVersion: 'v1',
	kind: 'Secret',
	metadata: {
		name: 'creds',
		namespace: 'shop',
		annotations: {'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({stringData: {password: canaryDesired}})},
	},
	type: 'Opaque',
	stringData: {password: canaryDesired, user: canaryShared},
};
const live: KubeObject = {
	apiVersion: 'v1',
	kind: 'Secret',
	metadata: {
		name: 'creds',
		namespace: 'shop',
		annotations: {'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({stringData: {password: canaryLive}})},
		managedFields: [
			{manager: 'flux', operation: 'Apply', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: {'f:stringData': {'f:password': {}, 'f:user': {}}}},
		],
	},
	type: 'Opaque',
	data: {password: encodeBase64(canaryLive), user: encodeBase64(canaryShared), extra: encodeBase64(canaryLive)},
};

function expectNoCanary(text: string) {
	for (const canary of canaries) expect(text).not.toContain(canary);
}

describe('Secret masking', () => {
	it('encodes like the apiserver (UTF-8 base64)', () => {
		expect(encodeBase64('not-a-real-secret')).toBe('bm90LWEtcmVhbC1zZWNyZXQ=');
		expect(encodeBase64('é')).toBe('w6k=');
		expect(effectiveData(desired).user).toBe(encodeBase64(canaryShared));
	});

	it('replaces every value and strips the last-applied annotation', () => {
		const masked = maskSecret(live);
		expect(masked.data).toEqual({password: maskedValue, user: maskedValue, extra: maskedValue});
		expect(masked.metadata.annotations).toEqual({});
		expectNoCanary(JSON.stringify(masked));
		expectNoCanary(JSON.stringify(maskSecret(desired)));
		expect(live.data).toHaveProperty('password', encodeBase64(canaryLive));
	});

	it('leaves other kinds alone', () => {
		const configMap: KubeObject = {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'c'}, data: {a: '1'}};
		expect(maskSecret(configMap)).toBe(configMap);
	});

	it('marks changed keys differently on each side so diffs show which keys changed', () => {
		const pair = maskSecretPair(desired, live);
		expect(pair.desired?.data).toEqual({password: '(masked: desired value)', user: maskedValue});
		expect(pair.desired?.stringData).toBeUndefined();
		expect(pair.live?.data).toEqual({password: '(masked: live value)', user: maskedValue, extra: maskedValue});
		expectNoCanary(JSON.stringify(pair));
	});

	it('compares stringData with data by key and reports .data paths without values', () => {
		const paths = fastCompare(desired, live).map(path => formatFieldPath(path));
		expect(paths).toEqual(['.data.password']);
	});

	it('keeps values out of verdicts, status JSON and text diffs', () => {
		const result = judgePair({key: resourceKeyOf(desired), desired, live});
		expect(result.verdict).toBe('Drifted');
		expect(result.fields).toEqual([{path: '.data.password', manager: 'flux'}]);
		expectNoCanary(JSON.stringify(result));
		const app = aggregateApp({
			name: 'shop',
			engine: 'plain',
			context: 'sandbox',
			namespace: 'shop',
			desired: {desiredState: 'ok'},
			resources: [result],
			controllerSync: 'Unknown',
			revision: {},
			autoSync: {enabled: false},
		});
		expectNoCanary(JSON.stringify(toStatusJson(app)));
		const diff = textDiff({before: live, after: desired});
		expect(diff.ok).toBe(true);
		if (diff.ok) {
			expect(diff.diff).toContain('password');
			expectNoCanary(diff.diff);
		}
	});
});
