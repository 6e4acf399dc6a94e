/**
 * The controllers' apply rules in the verdict: Flux takes over `kubectl*`, `before-first-apply` and its own
 * Update entries (so what they added and Git does not set is drift it removes), except on `ssa: Merge` objects;
 * Argo CD with ServerSideApply migrates only `kubectl-client-side-apply`; without rules nothing is taken over.
 * Fast and exact comparison agree; fields the server writes by itself are never drift.
 */
import {describe, expect, it} from 'vitest';
import {managersAfterTakeover, type ApplyRules} from '../../source/domain/apply-rules.js';
import {summariseManagedFields} from '../../source/domain/field-paths.js';
import type {KubeObject, ManagedFieldsEntry} from '../../source/domain/kube-object.js';
import {resourceKeyOf} from '../../source/domain/resource-key.js';
import {judgePair, type JudgeOptions} from '../../source/domain/resource-verdict.js';
import {isServerWritten, withoutServerWritten} from '../../source/domain/server-written.js';
import {argoApplyOptions, argoControllerRules, kustomizeControllerRules} from '../../source/engines/apply-rules.js';
import {kubeObject, managedEntry} from '../support/domain-objects.js';

const flux = kustomizeControllerRules('kustomize-controller');
const fluxApply = managedEntry('kustomize-controller', {'f:metadata': {'f:labels': {'f:app': {}}}, 'f:data': {'f:colour': {}}});
const labelled = (manager: string, operation: 'Apply' | 'Update', extra: Record<string, string> = {}): KubeObject =>
	kubeObject('v1', 'ConfigMap', 'settings', 'shop', {data: {colour: 'blue'}}, {
		labels: {app: 'web', handmade: 'yes'},
		annotations: extra,
		managedFields: [fluxApply, managedEntry(manager, {'f:metadata': {'f:labels': {'f:handmade': {}}}}, {operation})],
	});
const desired = (annotations: Record<string, string> = {}) =>
	kubeObject('v1', 'ConfigMap', 'settings', 'shop', {data: {colour: 'blue'}}, {labels: {app: 'web'}, ...(Object.keys(annotations).length ? {annotations} : {})});

/** Judges in both modes; the dry-run as the controller's manager keeps the hand-added label (it owns none of it). */
function both(want: KubeObject, live: KubeObject, rules: ApplyRules | undefined, fieldManager = 'kustomize-controller') {
	const options: JudgeOptions = {fieldManager, ...(rules ? {applyRules: rules} : {})};
	const pair = {key: resourceKeyOf(want), desired: want, live};
	const dryRun = {...live, metadata: {...live.metadata, annotations: {...live.metadata.annotations, ...want.metadata.annotations}}};
	return {fast: judgePair(pair, options), exact: judgePair(pair, {...options, dryRun})};
}

describe('Flux takeover (kustomize-controller cleanup of managedFields)', () => {
	for (const [manager, operation] of [
		['kubectl-label', 'Update'],
		['kubectl-edit', 'Update'],
		['kubectl-client-side-apply', 'Update'],
		['kubectl', 'Apply'],
		['before-first-apply', 'Update'],
		['kustomize-controller', 'Update'],
	] as const) {
		it(`a label added by ${manager} (${operation}) is drift Flux reverts, in both comparisons`, () => {
			const {fast, exact} = both(desired(), labelled(manager, operation), flux);
			for (const result of [fast, exact]) {
				expect(result.verdict).toBe('Drifted');
				expect(result.fields).toEqual([
					{path: '.metadata.labels.handmade', manager, note: `kustomize-controller takes over ${manager}'s fields and reverts this on its next apply`},
				]);
			}
		});
	}

	it('leaves managers it does not clean up alone (an HPA, a person applying server-side under another name)', () => {
		for (const [manager, operation] of [
			['hpa-controller', 'Update'],
			['kubectl-label', 'Apply'],
		] as const) {
			const {fast, exact} = both(desired(), labelled(manager, operation === 'Apply' ? 'Apply' : 'Update'), flux);
			// `kubectl-label` as Apply still starts with `kubectl`: Flux takes it over too.
			const expected = manager === 'kubectl-label' ? 'Drifted' : 'Synced';
			expect([fast.verdict, exact.verdict]).toEqual([expected, expected]);
		}
	});

	it('does not take over on objects marked ssa: Merge (Cleanup.Exclusions), on either side', () => {
		const merge = {'kustomize.toolkit.fluxcd.io/ssa': 'Merge'};
		const {fast, exact} = both(desired(merge), labelled('kubectl-label', 'Update', merge), flux);
		expect([fast.verdict, exact.verdict]).toEqual(['Synced', 'Synced']);
		const onLive = both(desired(), labelled('kubectl-label', 'Update', {'kustomize.toolkit.fluxcd.io/ssa': 'merge'}), flux);
		expect(onLive.fast.verdict).toBe('Synced');
	});

	it('without the controller rules (a plain app) a label another manager added is not drift', () => {
		const {fast, exact} = both(desired(), labelled('kubectl-label', 'Update'), undefined, 'gitops-tui');
		expect([fast.verdict, exact.verdict]).toEqual(['Synced', 'Synced']);
	});

	it('keeps a field another, untouched manager also owns (it survives the apply)', () => {
		const live = labelled('kubectl-label', 'Update');
		live.metadata.managedFields = [...live.metadata.managedFields!, managedEntry('hpa-controller', {'f:metadata': {'f:labels': {'f:handmade': {}}}}, {operation: 'Update'})];
		expect(both(desired(), live, flux).fast.verdict).toBe('Synced');
	});

	it('merges the taken-over entries into the controller Apply entry, leaving subresource entries alone', () => {
		const status = managedEntry('kubectl-edit', {'f:status': {}}, {operation: 'Update', subresource: 'status'});
		const managers = summariseManagedFields([...labelled('kubectl-edit', 'Update').metadata.managedFields!, status] as ManagedFieldsEntry[]);
		const after = managersAfterTakeover(managers, flux, 'kustomize-controller');
		expect(after.map(summary => `${summary.manager}/${summary.operation}${summary.subresource ? `/${summary.subresource}` : ''}`)).toEqual([
			'kubectl-edit/Update/status',
			'kustomize-controller/Apply',
		]);
		expect(after[1]!.paths).toEqual(expect.arrayContaining(['.metadata.labels.app', '.metadata.labels.handmade', '.data.colour']));
	});
});

describe('Argo CD apply rules (gitops-engine sync: client-side apply migration with ServerSideApply=true)', () => {
	it('with ServerSideApply=true takes over kubectl-client-side-apply only, by exact name', () => {
		const rules = argoControllerRules(argoApplyOptions(['ServerSideApply=true']));
		expect(both(desired(), labelled('kubectl-client-side-apply', 'Update'), rules, 'argocd-controller').fast.verdict).toBe('Drifted');
		expect(both(desired(), labelled('kubectl-label', 'Update'), rules, 'argocd-controller').fast.verdict).toBe('Synced');
	});

	it('takes nothing over with client-side apply or ClientSideApplyMigration=false', () => {
		for (const options of [[], ['ServerSideApply=true', 'ClientSideApplyMigration=false']]) {
			const rules = argoControllerRules(argoApplyOptions(options));
			expect(both(desired(), labelled('kubectl-client-side-apply', 'Update'), rules, 'argocd-controller').exact.verdict).toBe('Synced');
		}
	});

	it('reads Replace=true', () => {
		expect(argoApplyOptions(['Replace=true']).replace).toBe(true);
	});
});

describe('fields the server writes by itself', () => {
	const daemonSet = (generation: string, image: string): KubeObject =>
		kubeObject('apps/v1', 'DaemonSet', 'agent', 'ops', {spec: {template: {spec: {containers: [{name: 'agent', image}]}}}}, {
			annotations: {'deprecated.daemonset.template.generation': generation},
			generation: Number(generation),
		});

	it('the DaemonSet template generation the registry bumps on a dry-run is not drift; the template change is', () => {
		const live = daemonSet('1', 'agent:1');
		const dryRun = daemonSet('2', 'agent:2');
		const want = kubeObject('apps/v1', 'DaemonSet', 'agent', 'ops', {spec: {template: {spec: {containers: [{name: 'agent', image: 'agent:2'}]}}}});
		const result = judgePair({key: resourceKeyOf(want), desired: want, live}, {dryRun});
		expect(result.fields.map(field => field.path)).toEqual(['.spec.template.spec.containers[name="agent"].image']);
	});

	it('is one list, by kind, used by both comparisons (a manifest setting one is not drift in the fast comparison)', () => {
		const path = ['metadata', 'annotations', 'deprecated.daemonset.template.generation'].map(name => ({kind: 'field' as const, name}));
		expect(isServerWritten(path, {apiVersion: 'apps/v1', kind: 'DaemonSet'})).toBe(true);
		expect(isServerWritten(path, {apiVersion: 'v1', kind: 'ConfigMap'})).toBe(false);
		const want = daemonSet('7', 'agent:1');
		const result = judgePair({key: resourceKeyOf(want), desired: want, live: daemonSet('1', 'agent:1')});
		expect(result.verdict).toBe('Synced');
		expect(withoutServerWritten(daemonSet('3', 'agent:1')).metadata).toEqual({name: 'agent', namespace: 'ops'});
	});
});
