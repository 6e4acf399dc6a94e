import {describe, expect, it} from 'vitest';
import {formatInventoryId, parseInventoryId} from '../../source/domain/flux-inventory-id.js';

describe('Flux inventory ids', () => {
	it('reads namespace, name, group and kind, the core group and cluster scope being empty', () => {
		expect(parseInventoryId('shop_web_apps_Deployment')).toEqual({namespace: 'shop', name: 'web', group: 'apps', kind: 'Deployment'});
		expect(parseInventoryId('shop_web__ConfigMap')).toEqual({namespace: 'shop', name: 'web', group: '', kind: 'ConfigMap'});
		expect(parseInventoryId('_shop__Namespace')).toEqual({namespace: '', name: 'shop', group: '', kind: 'Namespace'});
		expect(parseInventoryId('_system__auth-delegator_rbac.authorization.k8s.io_ClusterRoleBinding')).toEqual({
			namespace: '',
			name: 'system:auth-delegator',
			group: 'rbac.authorization.k8s.io',
			kind: 'ClusterRoleBinding',
		});
	});

	it('writes what it reads, colons in names as `__`', () => {
		for (const object of [
			{namespace: 'shop', name: 'web', group: 'apps', kind: 'Deployment'},
			{namespace: '', name: 'system:auth-delegator', group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding'},
			{namespace: 'shop', name: 'web_v2', group: '', kind: 'ConfigMap'},
		]) {
			expect(parseInventoryId(formatInventoryId(object))).toEqual(object);
		}
		expect(formatInventoryId({namespace: '', name: 'system:shop', group: 'rbac.authorization.k8s.io', kind: 'ClusterRole'})).toBe('_system__shop_rbac.authorization.k8s.io_ClusterRole');
	});

	it('skips malformed entries', () => {
		expect(parseInventoryId('web_Deployment')).toBeUndefined();
		expect(parseInventoryId(42)).toBeUndefined();
		expect(parseInventoryId('shop___Deployment')).toBeUndefined();
	});
});
