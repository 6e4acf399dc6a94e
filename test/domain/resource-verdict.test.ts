import {describe, expect, it} from 'vitest';
import {argoIgnoreRules, gitopsTuiIgnoreRules} from '../../source/domain/ignore-rules.js';
import type {KubeObject} from '../../source/domain/kube-object.js';
import {resourceKeyOf} from '../../source/domain/resource-key.js';
import {judgePair} from '../../source/domain/resource-verdict.js';
import {summariseManagedFields} from '../../source/domain/field-paths.js';
import type {DriftedField} from '../../source/domain/verdict.js';
import {readDomainYaml} from '../support/domain-fixtures.js';

type Scenario = {
	name: string;
	desired?: KubeObject;
	live?: KubeObject;
	dryRun?: KubeObject;
	argoIgnore?: unknown[];
	gitopsTuiIgnore?: unknown[];
	expected: {verdict: string; health?: string; ignore?: string; fields: DriftedField[]};
};

const scenarios = readDomainYaml<Scenario>('verdicts/scenarios.yaml');

describe('judgePair (fixtures/domain/verdicts/scenarios.yaml)', () => {
	for (const scenario of scenarios) {
		it(scenario.name, () => {
			const key = resourceKeyOf((scenario.desired ?? scenario.live)!);
			const pair = {key, ...(scenario.desired ? {desired: scenario.desired} : {}), ...(scenario.live ? {live: scenario.live} : {})};
			const ignoreRules = [...argoIgnoreRules(scenario.argoIgnore ?? []), ...gitopsTuiIgnoreRules(scenario.gitopsTuiIgnore ?? [])];
			const result = judgePair(pair, {ignoreRules, ...(scenario.dryRun ? {dryRun: scenario.dryRun} : {})});
			expect(result.verdict).toBe(scenario.expected.verdict);
			expect(result.fields).toEqual(scenario.expected.fields);
			if (scenario.expected.health) expect(result.health?.status).toBe(scenario.expected.health);
			expect(result.ignore?.reason).toBe(scenario.expected.ignore);
		});
	}
});

describe('judgePair details', () => {
	const desired: KubeObject = {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'a', namespace: 'x'}, data: {k: '1'}};
	const live: KubeObject = {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'a', namespace: 'x'}, data: {k: '2'}};

	it('says why an Unknown pair is unknown', () => {
		const result = judgePair({key: resourceKeyOf(desired), desired, unknown: 'configmaps is forbidden'});
		expect(result).toMatchObject({verdict: 'Unknown', error: 'configmaps is forbidden', health: {status: 'Unknown'}});
	});

	it('attributes with a kept summary when the live projection dropped managedFields', () => {
		const liveManagers = summariseManagedFields([
			{manager: 'kubectl-edit', operation: 'Update', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: {'f:data': {'f:k': {}}}},
		]);
		const result = judgePair({key: resourceKeyOf(desired), desired, live}, {liveManagers});
		expect(result.fields).toEqual([{path: '.data.k', manager: 'kubectl-edit'}]);
	});
});
