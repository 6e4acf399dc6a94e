import {describe, expect, it} from 'vitest';
import {pairResources} from '../../source/domain/pairing.js';
import {resourceId} from '../../source/domain/resource-key.js';
import {kubeObject} from '../support/domain-objects.js';

const isNamespaced = (_group: string, kind: string) => kind !== 'Namespace' && kind !== 'ClusterRole';
const web = kubeObject('apps/v1', 'Deployment', 'web', undefined, {spec: {replicas: 2}});
const liveWeb = kubeObject('apps/v1', 'Deployment', 'web', 'shop', {spec: {replicas: 2}}, {uid: 'u-web'});
const liveService = kubeObject('v1', 'Service', 'web', 'shop', {}, {uid: 'u-svc'});
const liveOld = kubeObject('v1', 'ConfigMap', 'old', 'shop', {}, {uid: 'u-old'});
const liveReplicaSet = kubeObject('apps/v1', 'ReplicaSet', 'web-58f', 'shop', {}, {
	uid: 'u-rs',
	ownerReferences: [{apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'u-web', controller: true}],
});

function ids(pairs: ReturnType<typeof pairResources>['pairs']) {
	return pairs.map(pair => `${resourceId(pair.key)} ${pair.desired ? 'D' : '-'}${pair.live ? 'L' : '-'}${pair.unknown ? ' ?' : ''}`);
}

describe('pairResources', () => {
	it('pairs by group/kind/namespace/name with the default namespace, finds Missing and Extra', () => {
		const result = pairResources({
			desired: {ok: true, objects: [web, kubeObject('v1', 'Service', 'web', 'shop'), kubeObject('v1', 'Namespace', 'shop', undefined)]},
			live: [liveWeb],
			ownedLive: [liveWeb, liveOld, liveReplicaSet],
			defaultNamespace: 'shop',
			isNamespaced,
		});
		expect(result.desiredState).toBe('ok');
		expect(ids(result.pairs)).toEqual([
			'/ConfigMap/shop/old -L',
			'/Namespace//shop D-',
			'/Service/shop/web D-',
			'apps/Deployment/shop/web DL',
		]);
	});

	it('ignores the apiVersion version when pairing', () => {
		const desired = kubeObject('autoscaling/v2', 'HorizontalPodAutoscaler', 'web', 'shop');
		const live = kubeObject('autoscaling/v1', 'HorizontalPodAutoscaler', 'web', 'shop');
		const result = pairResources({desired: {ok: true, objects: [desired]}, live: [live], ownedLive: []});
		expect(result.pairs).toHaveLength(1);
		expect(result.pairs[0]!.live).toBe(live);
		expect(result.pairs[0]!.key.version).toBe('v2');
	});

	it('finds the live side in ownedLive too, and marks unreadable kinds Unknown', () => {
		const result = pairResources({
			desired: {ok: true, objects: [web, kubeObject('v1', 'Secret', 'creds', 'shop')]},
			live: [],
			ownedLive: [liveWeb],
			defaultNamespace: 'shop',
			unreadable: key => (key.kind === 'Secret' ? 'secrets is forbidden for this user' : undefined),
		});
		expect(ids(result.pairs)).toEqual(['/Secret/shop/creds D- ?', 'apps/Deployment/shop/web DL']);
		expect(result.pairs[0]!.unknown).toBe('secrets is forbidden for this user');
	});

	it('never produces Extra when the desired side failed', () => {
		const result = pairResources({
			desired: {ok: false, error: {kind: 'render-failed', message: 'apps/web/deploy.yaml:3: bad indentation'}},
			live: [liveWeb],
			ownedLive: [liveWeb, liveOld],
		});
		expect(result.desiredState).toBe('failed');
		expect(result.message).toContain('bad indentation');
		expect(result.pairs.every(pair => pair.unknown && !pair.desired)).toBe(true);
		expect(result.pairs[0]!.unknown).toContain('desired state unavailable');
	});

	it('never produces Extra when the desired side rendered empty', () => {
		const result = pairResources({desired: {ok: true, objects: []}, live: [], ownedLive: [liveOld]});
		expect(result.desiredState).toBe('empty');
		expect(ids(result.pairs)).toEqual(['/ConfigMap/shop/old -L ?']);
	});

	it('warns about duplicates and nameless objects', () => {
		const result = pairResources({
			desired: {ok: true, objects: [web, {...web, spec: {replicas: 3}}, {apiVersion: 'v1', kind: 'Pod', metadata: {generateName: 'x-'}}]},
			live: [],
			ownedLive: [],
			defaultNamespace: 'shop',
		});
		expect(result.pairs).toHaveLength(1);
		expect(result.pairs[0]!.desired!.spec).toEqual({replicas: 3});
		expect(result.warnings).toHaveLength(2);
	});
});
