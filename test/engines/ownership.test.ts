import {describe, expect, it} from 'vitest';
import {ownedObjects, ownsObject, trackingIdMatches} from '../../source/engines/ownership.js';
import {kubeObject} from '../support/domain-objects.js';

const deployment = kubeObject('apps/v1', 'Deployment', 'web', 'shop', {}, {labels: {'app.kubernetes.io/instance': 'web'}, annotations: {'argocd.argoproj.io/tracking-id': 'web:apps/Deployment:shop/web'}});
const pod = kubeObject('v1', 'Pod', 'web-abc', 'shop', {}, {labels: {'app.kubernetes.io/instance': 'web'}, annotations: {'argocd.argoproj.io/tracking-id': 'web:apps/Deployment:shop/web'}});
const role = kubeObject('rbac.authorization.k8s.io/v1', 'ClusterRole', 'system:web', undefined, {}, {annotations: {'argocd.argoproj.io/tracking-id': 'argocd_web:rbac.authorization.k8s.io/ClusterRole:/system:web'}});

describe('ownership', () => {
	it('claims what a Flux inventory lists', () => {
		const rules = [{kind: 'inventory' as const, ids: ['apps/Deployment/shop/web', 'rbac.authorization.k8s.io/ClusterRole//system:web']}];
		expect(ownedObjects(rules, [deployment, pod, role])).toEqual([deployment, role]);
		expect(ownsObject(rules, pod)).toBe(false);
	});

	it('claims by labels and annotations, all of them', () => {
		expect(ownsObject([{kind: 'labels', values: {'app.kubernetes.io/instance': 'web'}}], pod)).toBe(true);
		expect(ownsObject([{kind: 'labels', values: {'app.kubernetes.io/instance': 'web', team: 'a'}}], pod)).toBe(false);
		expect(ownsObject([{kind: 'annotations', values: {'meta.helm.sh/release-name': 'web'}}], deployment)).toBe(false);
	});

	it('claims by Argo CD tracking id only the object the id names, not a child that copied it', () => {
		const rules = [{kind: 'argo-tracking-id' as const, appNames: ['web', 'argocd_web']}];
		expect(ownedObjects(rules, [deployment, pod, role])).toEqual([deployment, role]);
		expect(trackingIdMatches('other:apps/Deployment:shop/web', ['web'], deployment)).toBe(false);
		expect(trackingIdMatches('web:apps/Deployment:prod/web', ['web'], deployment)).toBe(false);
		expect(trackingIdMatches('not a tracking id', ['web'], deployment)).toBe(false);
	});
});
