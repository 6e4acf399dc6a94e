import {describe, expect, it} from 'vitest';
import {compareResourceKeys, resourceId, resourceKeyOf, resourceLabel} from '../../source/domain/resource-key.js';
import {kubeObject} from '../support/domain-objects.js';

describe('resource keys', () => {
	it('splits apiVersion and keeps the core group empty', () => {
		expect(resourceKeyOf(kubeObject('v1', 'Service', 'web', 'shop'))).toEqual({
			group: '',
			version: 'v1',
			kind: 'Service',
			namespace: 'shop',
			name: 'web',
		});
		expect(resourceId(resourceKeyOf(kubeObject('apps/v1', 'Deployment', 'web', 'shop')))).toBe('apps/Deployment/shop/web');
		expect(resourceId(resourceKeyOf(kubeObject('v1', 'Service', 'web', 'shop')))).toBe('/Service/shop/web');
	});

	it('fills the default namespace for namespaced kinds only', () => {
		const isNamespaced = (group: string, kind: string) => !(group === 'rbac.authorization.k8s.io' && kind === 'ClusterRole');
		const options = {defaultNamespace: 'team', isNamespaced};
		expect(resourceKeyOf(kubeObject('apps/v1', 'Deployment', 'web', undefined), options).namespace).toBe('team');
		expect(resourceKeyOf(kubeObject('apps/v1', 'Deployment', 'web', 'other'), options).namespace).toBe('other');
		expect(resourceKeyOf(kubeObject('rbac.authorization.k8s.io/v1', 'ClusterRole', 'admin', 'oops'), options).namespace).toBe('');
	});

	it('leaves the version out of identity and sorts stably', () => {
		const v1 = resourceKeyOf(kubeObject('autoscaling/v1', 'HorizontalPodAutoscaler', 'web', 'shop'));
		const v2 = resourceKeyOf(kubeObject('autoscaling/v2', 'HorizontalPodAutoscaler', 'web', 'shop'));
		expect(resourceId(v1)).toBe(resourceId(v2));
		expect(compareResourceKeys(v1, v2)).toBe(0);
		const keys = [v1, resourceKeyOf(kubeObject('v1', 'Service', 'b', 'shop')), resourceKeyOf(kubeObject('v1', 'Service', 'a', 'shop'))];
		expect(keys.sort(compareResourceKeys).map(key => resourceId(key))).toEqual([
			'/Service/shop/a',
			'/Service/shop/b',
			'autoscaling/HorizontalPodAutoscaler/shop/web',
		]);
		expect(resourceLabel(v1)).toBe('HorizontalPodAutoscaler shop/web');
	});
});
