import {describe, expect, it} from 'vitest';
import {formatFieldPath, parseFieldPath} from '../../source/domain/field-paths.js';
import {
	argoIgnoreRules,
	gitopsTuiIgnoreRules,
	isFieldIgnored,
	objectIgnore,
	resolvePointer,
	rulesForKey,
	simpleJqToPointer,
} from '../../source/domain/ignore-rules.js';
import {resourceKeyOf} from '../../source/domain/resource-key.js';
import {kubeObject} from '../support/domain-objects.js';

const live = kubeObject('apps/v1', 'Deployment', 'web', 'shop', {
	spec: {
		template: {
			metadata: {labels: {'app.kubernetes.io/name': 'web'}},
			spec: {containers: [{name: 'sidecar', image: 's:1'}, {name: 'web', image: 'w:1', args: ['--a', '--b']}]},
		},
	},
});

describe('reading rules', () => {
	it('reads Argo ignoreDifferences, turning simple jq into pointers, keeping the supported subset, flagging the rest', () => {
		const [rule] = argoIgnoreRules([
			{
				group: 'apps',
				kind: 'Deployment',
				name: 'web',
				jsonPointers: ['/spec/replicas'],
				jqPathExpressions: ['.spec.template.spec.hostname', '.spec.template.spec.containers[] | select(.name == "x")', '.. | select(.nullable?)'],
				managedFieldsManagers: ['kube-controller-manager'],
			},
		]);
		expect(rule).toEqual({
			source: 'argo',
			group: 'apps',
			kind: 'Deployment',
			name: 'web',
			jsonPointers: ['/spec/replicas', '/spec/template/spec/hostname'],
			managers: ['kube-controller-manager'],
			jqExpressions: ['.spec.template.spec.containers[] | select(.name == "x")'],
			unsupported: ['.. | select(.nullable?)'],
		});
	});

	it('reads .gitops-tui.yaml ignore entries and skips junk', () => {
		const rules = gitopsTuiIgnoreRules([{kind: 'Service', namespace: 'shop', managers: ['x']}, 'junk', null]);
		expect(rules).toEqual([
			{source: 'gitops-tui', group: '', kind: 'Service', namespace: 'shop', jsonPointers: [], managers: ['x'], unsupported: []},
		]);
		expect(gitopsTuiIgnoreRules(undefined)).toEqual([]);
	});

	it('matches rules to objects: omitted group is core, * is any kind, name and namespace optional', () => {
		const rules = [
			...gitopsTuiIgnoreRules([{kind: 'Service'}, {group: 'apps', kind: '*'}, {group: 'apps', kind: 'Deployment', name: 'other'}]),
		];
		const deployment = resourceKeyOf(live);
		expect(rulesForKey(rules, deployment).map(rule => rule.kind)).toEqual(['*']);
		expect(rulesForKey(rules, resourceKeyOf(kubeObject('v1', 'Service', 's', 'shop'))).map(rule => rule.kind)).toEqual(['Service']);
	});

	it('accepts only plain jq paths', () => {
		expect(simpleJqToPointer('.spec.replicas')).toBe('/spec/replicas');
		expect(simpleJqToPointer('.metadata.annotations["a.b"]')).toBeUndefined();
		expect(simpleJqToPointer('.spec.x[0]')).toBeUndefined();
	});
});

describe('pointers and fields', () => {
	it('resolves list indexes to keyed items, escapes, atomic indexes', () => {
		expect(formatFieldPath(resolvePointer('/spec/template/spec/containers/1/image', live)!)).toBe(
			'.spec.template.spec.containers[name="web"].image',
		);
		expect(formatFieldPath(resolvePointer('/spec/template/metadata/labels/app.kubernetes.io~1name', live)!)).toBe(
			'.spec.template.metadata.labels.app.kubernetes.io/name',
		);
		expect(formatFieldPath(resolvePointer('/spec/template/spec/containers/1/args/0', live)!)).toBe(
			'.spec.template.spec.containers[name="web"].args[0]',
		);
		expect(resolvePointer('/spec/template/spec/containers/7/image', live)).toBeUndefined();
		expect(resolvePointer('/spec/replicas', undefined)).toEqual([
			{kind: 'field', name: 'spec'},
			{kind: 'field', name: 'replicas'},
		]);
	});

	it('ignores a field under a pointer or owned by a listed manager, nothing else', () => {
		const rules = gitopsTuiIgnoreRules([{group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/template/spec/containers/1'], managers: ['hpa']}]);
		const context = {objects: [live], owners: []};
		expect(isFieldIgnored(parseFieldPath('.spec.template.spec.containers[name="web"].image'), rules, context)).toBe(true);
		expect(isFieldIgnored(parseFieldPath('.spec.template.spec.containers[name="sidecar"].image'), rules, context)).toBe(false);
		expect(isFieldIgnored(parseFieldPath('.spec.replicas'), rules, context)).toBe(false);
		expect(isFieldIgnored(parseFieldPath('.spec.replicas'), rules, {objects: [live], owners: ['flux', 'hpa']})).toBe(true);
	});
});

describe('objectIgnore', () => {
	const annotated = (annotations: Record<string, string>) =>
		kubeObject('v1', 'ConfigMap', 'c', 'shop', {}, {annotations});

	it('honours Flux reconcile: disabled on either side', () => {
		expect(objectIgnore(annotated({'kustomize.toolkit.fluxcd.io/reconcile': 'disabled'}), undefined)?.reason).toBe('reconcile-disabled');
		expect(objectIgnore(annotated({}), annotated({'kustomize.toolkit.fluxcd.io/reconcile': 'disabled'}))?.reason).toBe(
			'reconcile-disabled',
		);
	});

	it('honours Flux ssa: Ignore while Git has the object, created or not (ExclusionSelector), in any case and as a label', () => {
		const desired = annotated({'kustomize.toolkit.fluxcd.io/ssa': 'Ignore'});
		expect(objectIgnore(desired, undefined)?.reason).toBe('ssa-ignore');
		expect(objectIgnore(desired, annotated({}))?.reason).toBe('ssa-ignore');
		expect(objectIgnore(annotated({}), annotated({'kustomize.toolkit.fluxcd.io/ssa': 'ignore'}))?.reason).toBe('ssa-ignore');
		const labelled = kubeObject('v1', 'ConfigMap', 'c', 'shop', {}, {labels: {'kustomize.toolkit.fluxcd.io/ssa': 'IGNORE'}});
		expect(objectIgnore(labelled, undefined)?.reason).toBe('ssa-ignore');
		// Flux prunes an ssa: Ignore object once Git drops it: only reconcile: disabled protects it from prune.
		expect(objectIgnore(undefined, desired)).toBeUndefined();
	});

	it('honours Flux ssa: IfNotPresent on the manifest once the object exists', () => {
		const desired = annotated({'kustomize.toolkit.fluxcd.io/ssa': 'IfNotPresent'});
		expect(objectIgnore(desired, undefined)).toBeUndefined();
		expect(objectIgnore(desired, annotated({}))?.reason).toBe('ssa-if-not-present');
		expect(objectIgnore(annotated({}), desired)).toBeUndefined();
	});

	it('leaves Flux marks to Flux apps when told (Argo CD and helm-controller do not read them)', () => {
		expect(objectIgnore(annotated({'kustomize.toolkit.fluxcd.io/reconcile': 'disabled'}), annotated({}), {fluxObjectMarks: false})).toBeUndefined();
	});

	it('honours Argo IgnoreExtraneous only for objects Git does not have', () => {
		const extra = annotated({'argocd.argoproj.io/compare-options': 'ServerSideDiff=true, IgnoreExtraneous'});
		expect(objectIgnore(undefined, extra)?.reason).toBe('ignore-extraneous');
		expect(objectIgnore(annotated({}), extra)).toBeUndefined();
		expect(objectIgnore(annotated({}), annotated({}))).toBeUndefined();
	});
});
