import {KubeConfig} from '@kubernetes/client-node';
import {describe, expect, it} from 'vitest';
import {demoKubeconfig} from '../../../source/sandbox/demo/demo-kubeconfig.js';

describe('demoKubeconfig', () => {
	it('has one cluster, admin user and context per cluster, as client-node reads it', () => {
		const text = demoKubeconfig(
			[
				{name: 'prod-eu', url: 'https://127.0.0.1:1001', caPem: 'CA-EU', token: 'token-eu'},
				{name: 'staging', url: 'https://127.0.0.1:1002', caPem: 'CA-ST', token: 'token-st'},
			],
			'prod-eu',
		);
		const config = new KubeConfig();
		config.loadFromString(text);
		expect(config.getCurrentContext()).toBe('prod-eu');
		expect(config.getContexts().map(context => [context.name, context.cluster, context.user])).toEqual([
			['prod-eu', 'prod-eu', 'prod-eu-admin'],
			['staging', 'staging', 'staging-admin'],
		]);
		expect(config.getCluster('staging')).toMatchObject({server: 'https://127.0.0.1:1002', caData: Buffer.from('CA-ST').toString('base64')});
		expect(config.getUser('staging-admin')?.token).toBe('token-st');
	});
});
