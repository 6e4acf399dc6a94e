/**
 * The read-only promise, proved from the server's side: every write function is called in read-only mode,
 * then the sandbox's request log must hold reads and self-reviews only.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createIdentityService} from '../../source/cluster/identity.js';
import {deleteObject, mergePatch, patchAnnotations, patchSyncPolicy, serverSideApply, setSuspend} from '../../source/cluster/writes.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {openTestClients} from '../support/cluster-sandbox.js';

let sandbox: Sandbox;
let connection: Awaited<ReturnType<typeof openTestClients>>;

beforeAll(async () => {
	sandbox = await startSandbox({
		simulate: false,
		seed: [
			{apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'settings', namespace: 'shop'}, data: {a: '1'}},
			{
				apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
				kind: 'Kustomization',
				metadata: {name: 'shop', namespace: 'flux-system'},
				spec: {interval: '5m', path: './shop', prune: true, sourceRef: {kind: 'GitRepository', name: 'fleet'}},
			},
		],
	});
	connection = await openTestClients(sandbox.kubeconfig(), ['sandbox'], {readOnly: true});
});

afterAll(async () => {
	await connection?.close();
	await sandbox?.stop();
});

describe('read-only mode', () => {
	it('sends no mutating request, whatever is called', async () => {
		const client = connection.clients[0]!;
		sandbox.clearRequests();
		const configMap = {apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'settings'};
		const flux = {apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', namespace: 'flux-system', name: 'shop'};
		const results = await Promise.all([
			serverSideApply(client, {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'settings', namespace: 'shop'}, data: {a: '2'}}),
			serverSideApply(client, {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'new', namespace: 'shop'}}, {dryRun: true}),
			serverSideApply(client, {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'settings', namespace: 'shop'}}, {force: true}),
			mergePatch(client, configMap, {data: {a: '3'}}),
			mergePatch(client, configMap, {data: {a: '3'}}, {dryRun: true}),
			patchAnnotations(client, configMap, {x: 'y'}),
			setSuspend(client, flux, true),
			patchSyncPolicy(client, {...flux, apiVersion: 'argoproj.io/v1alpha1', kind: 'Application'}, {automated: null}),
			deleteObject(client, configMap),
			deleteObject(client, configMap, {dryRun: true}),
		]);
		for (const result of results) {
			expect(result.ok).toBe(false);
			if (!result.ok) {
				expect(result.error.kind).toBe('read-only');
				expect(result.error.message).toMatch(/^read-only mode: refused (PATCH|DELETE) /);
			}
		}

		// Reads and self-reviews still work.
		const identity = createIdentityService(client, {now: () => Date.now()});
		expect((await identity.whoami()).ok).toBe(true);
		expect((await identity.canI({verb: 'patch', resource: 'configmaps', namespace: 'shop'})).ok).toBe(true);

		const requests = sandbox.requests();
		expect(requests.length).toBeGreaterThan(0);
		const mutating = requests.filter(
			request => request.method !== 'GET' && !(request.method === 'POST' && /\/(selfsubjectaccessreviews|selfsubjectreviews)$/.test(request.path)),
		);
		expect(mutating).toEqual([]);
		expect(sandbox.objects.get(sandbox.objects.resourceType('v1', 'ConfigMap')!, 'shop', 'settings')?.['data']).toEqual({a: '1'});
	});
});
