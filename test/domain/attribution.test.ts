import {describe, expect, it} from 'vitest';
import {attributeField, attributeFields, fieldOwners, managersOf} from '../../source/domain/attribution.js';
import {parseFieldPath, summariseManagedFields} from '../../source/domain/field-paths.js';
import type {KubeObject} from '../../source/domain/kube-object.js';
import {managedEntry} from '../support/domain-objects.js';
import {readDomainJson} from '../support/domain-fixtures.js';

const deployment = readDomainJson<KubeObject>('managed-fields/deployment-web.json');

describe('attribution', () => {
	it('summarises the live object, or uses a kept summary', () => {
		expect(managersOf(deployment).map(summary => summary.manager)).toEqual([
			'flux-kustomize',
			'kubectl-set',
			'kube-controller-manager',
			'hpa-like',
		]);
		const kept = summariseManagedFields([managedEntry('kept', {'f:spec': {}})]);
		const bare: KubeObject = {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'x'}};
		expect(managersOf(bare, kept)).toEqual(kept);
		expect(managersOf(bare)).toEqual([]);
	});

	it('names the owner of each drifted path', () => {
		const managers = managersOf(deployment);
		const paths = ['.spec.replicas', '.spec.template.spec.containers[name="web"].image', '.spec.paused'].map(parseFieldPath);
		expect(attributeFields(paths, managers)).toEqual([
			{path: '.spec.replicas', manager: 'hpa-like'},
			{path: '.spec.template.spec.containers[name="web"].image', manager: 'kubectl-set'},
			{path: '.spec.paused'},
		]);
		expect(fieldOwners(parseFieldPath('.spec.replicas'), managers)).toEqual(['flux-kustomize', 'hpa-like']);
	});

	it('maps a Secret .data key to the manager that applied it as stringData', () => {
		const managers = summariseManagedFields([managedEntry('flux', {'f:stringData': {'f:password': {}}})]);
		expect(attributeField(parseFieldPath('.data.password'), managers)).toBe('flux');
		expect(fieldOwners(parseFieldPath('.data.password'), managers)).toEqual(['flux']);
		expect(attributeField(parseFieldPath('.data.other'), managers)).toBeUndefined();
	});
});
