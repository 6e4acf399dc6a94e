import {describe, expect, it} from 'vitest';
import type {KubeObject} from '../../source/domain/kube-object.js';
import {
	fieldsV1Members,
	fieldsV1ToPaths,
	formatFieldPath,
	ownerOf,
	ownersOf,
	parseFieldPath,
	summariseManagedFields,
} from '../../source/domain/field-paths.js';
import {readDomainJson} from '../support/domain-fixtures.js';

const deployment = readDomainJson<KubeObject>('managed-fields/deployment-web.json');
const entries = deployment.metadata.managedFields!;

describe('fieldsV1ToPaths', () => {
	it('lists leaves in the apiserver notation', () => {
		expect(fieldsV1ToPaths(entries[0]!.fieldsV1)).toEqual([
			'.metadata.labels.app',
			'.metadata.labels.app.kubernetes.io/name',
			'.metadata.finalizers[="example.com/keep"]',
			'.spec.replicas',
			'.spec.selector',
			'.spec.template.metadata.labels.app',
			'.spec.template.spec.containers[name="web"].image',
			'.spec.template.spec.containers[name="web"].name',
			'.spec.template.spec.containers[name="web"].env[name="MODE"].name',
			'.spec.template.spec.containers[name="web"].env[name="MODE"].value',
			'.spec.template.spec.containers[name="web"].ports[containerPort=8080,protocol="TCP"].containerPort',
			'.spec.template.spec.containers[name="web"].resources.limits.cpu',
			'.spec.template.spec.containers[name="web"].resources.limits.memory',
		]);
	});

	it('formats multi-key list items with sorted keys, as the server prints conflicts', () => {
		const trie = {'f:spec': {'f:ports': {'k:{"protocol":"TCP","port":80}': {'.': {}, 'f:targetPort': {}}}}};
		expect(fieldsV1ToPaths(trie)).toEqual(['.spec.ports[port=80,protocol="TCP"].targetPort']);
	});

	it('handles index keys and empty tries', () => {
		expect(fieldsV1ToPaths({'f:spec': {'f:args': {'i:0': {}}}})).toEqual(['.spec.args[0]']);
		expect(fieldsV1ToPaths({})).toEqual([]);
	});

	it('includes list items marked with "." among members, not among leaves', () => {
		const members = fieldsV1Members(entries[0]!.fieldsV1).map(path => formatFieldPath(path));
		expect(members).toContain('.spec.template.spec.containers[name="web"]');
		expect(members).toContain('.metadata.finalizers');
		expect(fieldsV1ToPaths(entries[0]!.fieldsV1)).not.toContain('.spec.template.spec.containers[name="web"]');
	});
});

describe('summariseManagedFields', () => {
	const summary = summariseManagedFields(entries);

	it('keeps one entry per managedFields entry, in order, with operation, subresource and time', () => {
		expect(summary.map(({manager, operation, subresource, time}) => ({manager, operation, subresource, time}))).toEqual([
			{manager: 'flux-kustomize', operation: 'Apply', subresource: undefined, time: '2026-01-10T08:00:00Z'},
			{manager: 'kubectl-set', operation: 'Update', subresource: undefined, time: '2026-01-11T09:30:00Z'},
			{manager: 'kube-controller-manager', operation: 'Update', subresource: 'status', time: '2026-01-10T08:00:01Z'},
			{manager: 'hpa-like', operation: 'Update', subresource: undefined, time: '2026-01-12T10:00:00Z'},
		]);
		expect(summary[2]!.paths).toEqual([
			'.status.conditions[type="Available"].status',
			'.status.conditions[type="Available"].type',
			'.status.replicas',
		]);
		expect('subresource' in summary[0]!).toBe(false);
	});

	it('is JSON-serialisable', () => {
		expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
	});

	it('accepts no managedFields', () => {
		expect(summariseManagedFields(undefined)).toEqual([]);
	});
});

describe('ownerOf', () => {
	const summary = summariseManagedFields(entries);

	it('finds the exact owner; shared fields go to the latest writer', () => {
		expect(ownerOf(summary, '.spec.template.spec.containers[name="web"].image')).toBe('kubectl-set');
		expect(ownersOf(summary, '.spec.template.spec.containers[name="web"].image').map(s => s.manager)).toEqual([
			'flux-kustomize',
			'kubectl-set',
		]);
		expect(ownerOf(summary, '.spec.replicas')).toBe('hpa-like');
		expect(ownerOf(summary, '.status.replicas')).toBe('kube-controller-manager');
	});

	it('falls back to the nearest owned ancestor (atomic fields, owned list items)', () => {
		expect(ownerOf(summary, '.spec.selector.matchLabels.app')).toBe('flux-kustomize');
		expect(ownerOf(summary, '.spec.template.spec.containers[name="web"].command')).toBe('flux-kustomize');
		expect(ownerOf(summary, parseFieldPath('.spec.template.spec.containers[name="web"].env[name="MODE"].valueFrom'))).toBe(
			'flux-kustomize',
		);
	});

	it('finds nobody for unowned paths', () => {
		expect(ownerOf(summary, '.spec.paused')).toBeUndefined();
		expect(ownerOf(summary, '.spec.template.spec.containers[name="sidecar"].image')).toBeUndefined();
		expect(ownerOf([], '.spec.replicas')).toBeUndefined();
	});

	it('does not confuse a dotted label with a prefix when given a structured path', () => {
		const only = summariseManagedFields([
			{
				manager: 'a',
				operation: 'Apply',
				apiVersion: 'v1',
				fieldsType: 'FieldsV1',
				fieldsV1: {'f:metadata': {'f:labels': {'f:app': {}}}},
			},
		]);
		const dotted = [
			{kind: 'field', name: 'metadata'},
			{kind: 'field', name: 'labels'},
			{kind: 'field', name: 'app.kubernetes.io/name'},
		] as const;
		expect(ownerOf(only, [...dotted])).toBeUndefined();
		expect(ownerOf(only, '.metadata.labels.app')).toBe('a');
	});
});
