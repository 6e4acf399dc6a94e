import {describe, expect, it} from 'vitest';
import {parseInventoryId} from '../../../source/domain/flux-inventory-id.js';
import {fluxRevisionSha, inventoryIds} from '../../../source/engines/flux-common.js';
import {fluxSourceHealth} from '../../../source/engines/flux-common.js';
import {
	gitRepository,
	gitRepositoryReady,
	inventoryEntry,
	kustomization,
	kustomizationStatus,
} from '../../../source/sandbox/demo/flux-objects.js';

const sha = 'a'.repeat(40);
const older = 'b'.repeat(40);
const at = new Date('2026-03-02T10:00:00.123Z');

describe('inventoryEntry', () => {
	it('writes kustomize-controller ids the engines parse back', () => {
		const entries = [
			inventoryEntry({apiVersion: 'apps/v1', kind: 'Deployment', metadata: {name: 'web', namespace: 'shop'}}),
			inventoryEntry({apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'shop'}}),
			inventoryEntry({apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: {name: 'system:shop'}}),
		];
		expect(entries).toEqual([
			{id: 'shop_web_apps_Deployment', v: 'v1'},
			{id: '_shop__Namespace', v: 'v1'},
			{id: '_system__shop_rbac.authorization.k8s.io_ClusterRole', v: 'v1'},
		]);
		expect(parseInventoryId(entries[2]!.id)).toEqual({group: 'rbac.authorization.k8s.io', kind: 'ClusterRole', namespace: '', name: 'system:shop'});
	});
});

describe('kustomizationStatus', () => {
	it('says what kustomize-controller says after applying', () => {
		const objects = [
			{apiVersion: 'v1', kind: 'Service', metadata: {name: 'web', namespace: 'shop'}},
			{apiVersion: 'apps/v1', kind: 'Deployment', metadata: {name: 'web', namespace: 'shop'}},
		];
		const status = kustomizationStatus({applied: [{sha: older, at}, {sha, at}], generation: 1, objects}) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
		expect(status).toMatchObject({
			observedGeneration: 1,
			lastAppliedRevision: `main@sha1:${sha}`,
			lastAttemptedRevision: `main@sha1:${sha}`,
			conditions: [{type: 'Ready', status: 'True', reason: 'ReconciliationSucceeded', message: `Applied revision: main@sha1:${sha}`, lastTransitionTime: '2026-03-02T10:00:00Z'}],
		});
		expect(fluxRevisionSha(status.lastAppliedRevision)).toBe(sha);
		expect(inventoryIds({apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', metadata: {}, status})).toEqual(['/Service/shop/web', 'apps/Deployment/shop/web']);
		// Newest snapshot first.
		expect(status.history.map((entry: {metadata: {revision: string}}) => entry.metadata.revision)).toEqual([`main@sha1:${sha}`, `main@sha1:${older}`]);
	});

	it('builds the Kustomization the engines read', () => {
		expect(kustomization('shop', 'shop')).toMatchObject({
			apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
			metadata: {name: 'shop', namespace: 'flux-system'},
			spec: {path: './apps/shop', prune: true, sourceRef: {kind: 'GitRepository', name: 'fleet'}, targetNamespace: 'shop'},
		});
	});
});

describe('GitRepository status', () => {
	const url = 'git://127.0.0.1:4242/fleet.git';
	const source = (status: Record<string, unknown>) => ({...gitRepository(url, '1m'), status});

	it('is ready with the fetched artifact', () => {
		const status = gitRepositoryReady(sha, at);
		expect(status).toMatchObject({artifact: {revision: `main@sha1:${sha}`, lastUpdateTime: '2026-03-02T10:00:00Z'}});
		expect(fluxSourceHealth(source(status), 'GitRepository flux-system/fleet')).toEqual({ready: true});
	});

});
