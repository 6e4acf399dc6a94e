import {describe, expect, it} from 'vitest';
import {fastCompare} from '../../source/domain/fast-compare.js';
import {formatFieldPath} from '../../source/domain/field-paths.js';
import type {KubeObject} from '../../source/domain/kube-object.js';
import {readDomainYaml} from '../support/domain-fixtures.js';

type Case = {name: string; desired: KubeObject; live: KubeObject; expected: string[]};

const cases = readDomainYaml<Case>('compare/fast.yaml');

describe('fastCompare (fixtures/domain/compare/fast.yaml)', () => {
	it('has cases', () => {
		expect(cases.length).toBeGreaterThan(10);
	});

	for (const testCase of cases) {
		it(testCase.name, () => {
			const paths = fastCompare(testCase.desired, testCase.live).map(path => formatFieldPath(path));
			expect(paths).toEqual(testCase.expected);
		});
	}
});

describe('fastCompare quantities', () => {
	it('uses an injected quantity comparison', () => {
		const desired = deployment({cpu: 'one'});
		const live = deployment({cpu: '1'});
		expect(fastCompare(desired, live).length).toBe(1);
		const equal = (a: string, b: string) => (a === 'one' && b === '1') || a === b;
		expect(fastCompare(desired, live, {quantities: {equal}})).toEqual([]);
	});
});

function deployment(limits: Record<string, string>): KubeObject {
	return {
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: {name: 'web', namespace: 'shop'},
		spec: {template: {spec: {containers: [{name: 'web', resources: {limits}}]}}},
	};
}
