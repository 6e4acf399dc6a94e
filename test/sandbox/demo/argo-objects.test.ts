import {describe, expect, it} from 'vitest';
import {argoApp} from '../../../source/engines/argo-application.js';
import {trackingIdMatches} from '../../../source/engines/ownership.js';
import {application, applicationStatus, trackingId, type ApplicationStatusInput} from '../../../source/sandbox/demo/argo-objects.js';

const url = 'git://127.0.0.1:4242/fleet.git';
const head = 'c'.repeat(40);
const synced = 'd'.repeat(40);
const at = new Date('2026-03-02T10:00:00Z');
const api = {apiVersion: 'apps/v1', kind: 'Deployment', metadata: {name: 'api', namespace: 'payments'}};
const rules = {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'fraud-rules', namespace: 'payments'}};
const input: ApplicationStatusInput = {
	name: 'payments',
	repoUrl: url,
	headSha: head,
	syncs: [{sha: synced, startedAt: at, finishedAt: at}],
	resources: [
		{object: api, status: 'OutOfSync', health: 'Healthy'},
		{object: rules, status: 'OutOfSync', health: 'Missing'},
	],
	health: 'Missing',
	reconciledAt: at,
	images: ['ghcr.io/example/payments-api:2.8.1'],
};
const contexts = [{name: 'prod-eu', server: 'https://127.0.0.1:6443', namespace: 'default', current: true, reachable: true}];

describe('trackingId', () => {
	it('names the object as Argo CD does, and the engines accept it', () => {
		expect(trackingId('payments', api)).toBe('payments:apps/Deployment:payments/api');
		expect(trackingId('payments', rules)).toBe('payments:/ConfigMap:payments/fraud-rules');
		expect(trackingIdMatches(trackingId('payments', rules), ['payments'], rules)).toBe(true);
	});
});

describe('applicationStatus', () => {
	it('is what the engines read as the controller view', () => {
		const object = {...application('payments', url), status: applicationStatus(input)};
		const found = argoApp(object, 'prod-eu', {contexts, matchesRepo: candidate => candidate === url});
		expect(found).toMatchObject({
			context: 'prod-eu',
			defaultNamespace: 'payments',
			sources: [{repoUrl: url, path: 'apps/payments', targetRevision: 'main'}],
			controller: {sync: 'OutOfSync', health: 'Missing', deployedRevision: head, autoSync: {enabled: true}, source: {ready: true}},
		});
		expect(found.liveKinds).toEqual([
			{group: 'apps', version: 'v1', kind: 'Deployment'},
			{group: '', version: 'v1', kind: 'ConfigMap'},
		]);
		expect(object.status).toMatchObject({history: [{id: 0, revision: synced}], operationState: {phase: 'Succeeded', syncResult: {revision: synced}}, conditions: null});
	});

});
