import {describe, expect, it} from 'vitest';
import {exactCompare} from '../../source/domain/exact-compare.js';
import {formatFieldPath} from '../../source/domain/field-paths.js';
import type {KubeObject} from '../../source/domain/kube-object.js';
import {readDomainYaml} from '../support/domain-fixtures.js';

type Case = {name: string; live: KubeObject; dryRun: KubeObject; expected: string[]};

const cases = readDomainYaml<Case>('compare/exact.yaml');

describe('exactCompare (fixtures/domain/compare/exact.yaml)', () => {
	for (const testCase of cases) {
		it(testCase.name, () => {
			const paths = exactCompare(testCase.live, testCase.dryRun).map(path => formatFieldPath(path));
			expect(paths).toEqual(testCase.expected);
		});
	}

	it('finds nothing between an object and itself', () => {
		for (const testCase of cases) expect(exactCompare(testCase.live, structuredClone(testCase.live))).toEqual([]);
	});

	it('never puts Secret values in paths', () => {
		const secretCase = cases.find(testCase => testCase.live.kind === 'Secret')!;
		const text = JSON.stringify(exactCompare(secretCase.live, secretCase.dryRun));
		expect(text).not.toContain('Y2FuYXJ5');
	});
});
