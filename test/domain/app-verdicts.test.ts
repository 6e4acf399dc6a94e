import {describe, expect, it} from 'vitest';
import {judgeApp} from '../../source/domain/app-verdicts.js';
import {gitopsTuiIgnoreRules} from '../../source/domain/ignore-rules.js';
import {resourceId} from '../../source/domain/resource-key.js';
import {kubeObject} from '../support/domain-objects.js';

describe('judgeApp', () => {
	const desiredWeb = kubeObject('apps/v1', 'Deployment', 'web', undefined, {spec: {replicas: 2}});
	const desiredConfig = kubeObject('v1', 'ConfigMap', 'settings', undefined, {data: {a: '1'}});
	const desiredService = kubeObject('v1', 'Service', 'web', undefined, {spec: {ports: [{port: 80}]}});
	const liveWeb = kubeObject('apps/v1', 'Deployment', 'web', 'shop', {spec: {replicas: 3}}, {uid: 'w'});
	const liveConfig = kubeObject('v1', 'ConfigMap', 'settings', 'shop', {data: {a: '1'}}, {uid: 'c'});
	const liveOld = kubeObject('v1', 'ConfigMap', 'old', 'shop', {}, {uid: 'o'});

	it('pairs and judges, using dry-run answers where given and rules throughout', () => {
		const {pairing, resources} = judgeApp({
			desired: {ok: true, objects: [desiredWeb, desiredConfig, desiredService]},
			live: [liveWeb, liveConfig],
			ownedLive: [liveWeb, liveConfig, liveOld],
			defaultNamespace: 'shop',
			ignoreRules: gitopsTuiIgnoreRules([{kind: 'ConfigMap', jsonPointers: ['/data']}]),
			dryRunFor: key => (key.kind === 'ConfigMap' && key.name === 'settings' ? {...liveConfig, data: {a: '2'}} : undefined),
		});
		expect(pairing.desiredState).toBe('ok');
		expect(resources.map(resource => `${resourceId(resource.key)} ${resource.verdict} ${resource.fields.map(field => `${field.path}${field.ignored ? '(ignored)' : ''}`).join(',')}`)).toEqual([
			'/ConfigMap/shop/old Extra ',
			'/ConfigMap/shop/settings Synced .data.a(ignored)',
			'/Service/shop/web Missing ',
			'apps/Deployment/shop/web Drifted .spec.replicas',
		]);
	});
});
