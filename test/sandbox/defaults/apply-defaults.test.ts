import {readdirSync, readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {load} from 'js-yaml';
import {describe, expect, it} from 'vitest';
import type {KubeObject} from '../../../source/domain/kube-object.js';
import {applyDefaults, clusterIPFor, imageTag, pullPolicyFor, qosClass} from '../../../source/sandbox/defaults/index.js';

type Fixture = {applied: KubeObject; stored: KubeObject};

const folder = fileURLToPath(new URL('fixtures/', import.meta.url));
const fixtures = readdirSync(folder)
	.filter(file => file.endsWith('.yaml'))
	.sort()
	.map(file => [file, load(readFileSync(folder + file, 'utf8')) as Fixture] as const);

function deepFreeze<T>(value: T): T {
	if (typeof value === 'object' && value !== null) {
		for (const child of Object.values(value)) deepFreeze(child);
		Object.freeze(value);
	}
	return value;
}

describe('applyDefaults fixtures (applied manifest → stored object)', () => {
	it('has fixtures for every kind it defaults', () => {
		const kinds = new Set(fixtures.map(([, fixture]) => fixture.applied.kind));
		for (const kind of ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod', 'Service', 'Ingress', 'HorizontalPodAutoscaler', 'Namespace', 'Secret', 'ServiceAccount', 'PersistentVolumeClaim', 'ResourceQuota', 'LimitRange']) {
			expect(kinds, kind).toContain(kind);
		}
	});

	it.each(fixtures)('%s', (_file, fixture) => {
		expect(applyDefaults(fixture.applied)).toEqual(fixture.stored);
	});

	it.each(fixtures)('%s is idempotent', (_file, fixture) => {
		const once = applyDefaults(fixture.applied);
		expect(applyDefaults(once)).toEqual(once);
		expect(applyDefaults(fixture.stored)).toEqual(fixture.stored);
	});

	it.each(fixtures)('%s leaves its input untouched', (_file, fixture) => {
		const input = deepFreeze(structuredClone(fixture.applied));
		const before = JSON.stringify(input);
		const result = applyDefaults(input);
		expect(JSON.stringify(input)).toBe(before);
		expect(result).not.toBe(input);
	});
});

describe('applyDefaults, other behaviour', () => {
	it('copies unknown kinds unchanged', () => {
		const configMap: KubeObject = {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'settings', namespace: 'shop'}, data: {a: '1'}};
		const result = applyDefaults(configMap);
		expect(result).toEqual(configMap);
		expect(result).not.toBe(configMap);
	});

	it('never leaves a Secret value anywhere but data', () => {
		const canary = 'canary-defaults-never-logged-91c2';
		const secret: KubeObject = {apiVersion: 'v1', kind: 'Secret', metadata: {name: 's', namespace: 'shop'}, stringData: {token: canary}};
		const stored = applyDefaults(secret);
		expect(JSON.stringify(stored)).not.toContain(canary);
		expect(Buffer.from((stored.data as Record<string, string>).token!, 'base64').toString('utf8')).toBe(canary);
	});

	it('does not generate a Job selector before the uid is known', () => {
		const job: KubeObject = {apiVersion: 'batch/v1', kind: 'Job', metadata: {name: 'j', namespace: 'shop'}, spec: {template: {spec: {containers: [{name: 'c', image: 'busybox:1.36'}]}}}};
		const stored = applyDefaults(job) as KubeObject & {spec: {selector?: unknown}};
		expect(stored.spec.selector).toBeUndefined();
		expect(stored.metadata.labels).toBeUndefined();
	});

	it('keeps a Service address stable and inside 10.96.0.0/12', () => {
		const service: KubeObject = {apiVersion: 'v1', kind: 'Service', metadata: {name: 'api', namespace: 'shop'}, spec: {ports: [{port: 80}]}};
		const first = applyDefaults(service) as KubeObject & {spec: {clusterIP: string}};
		// An update without the address (a PUT of the manifest) gets the same one back.
		expect((applyDefaults(service) as typeof first).spec.clusterIP).toBe(first.spec.clusterIP);
		expect(first.spec.clusterIP).toBe(clusterIPFor('shop', 'api'));
		for (const [namespace, name] of [['a', 'b'], ['shop', 'web'], ['kube-system', 'dns'], ['x'.repeat(60), 'y']] as const) {
			const [first, second, third, fourth] = clusterIPFor(namespace, name).split('.').map(Number);
			expect(first).toBe(10);
			expect(second).toBeGreaterThanOrEqual(96);
			expect(second).toBeLessThanOrEqual(111);
			expect(third! * 256 + fourth! + (second! - 96) * 65_536).toBeGreaterThanOrEqual(16);
		}
		expect(clusterIPFor('shop', 'web')).not.toBe(clusterIPFor('shop', 'api'));
	});

	it('defaults a Deployment whose replicas were sent as null', () => {
		const deployment = {apiVersion: 'apps/v1', kind: 'Deployment', metadata: {name: 'd'}, spec: {replicas: null, template: {spec: {containers: []}}}} as KubeObject;
		expect((applyDefaults(deployment).spec as {replicas: number}).replicas).toBe(1);
	});

	it('drops paused: false as the server does (a bool with omitempty), keeps paused: true', () => {
		const deployment = (paused: boolean) => ({apiVersion: 'apps/v1', kind: 'Deployment', metadata: {name: 'd'}, spec: {paused, template: {spec: {containers: []}}}}) as KubeObject;
		expect(applyDefaults(deployment(false)).spec).not.toHaveProperty('paused');
		expect((applyDefaults(deployment(true)).spec as {paused: boolean}).paused).toBe(true);
	});
});

describe('image pull policy', () => {
	it.each([
		['nginx', 'latest', 'Always'],
		['nginx:latest', 'latest', 'Always'],
		['nginx:1.25', '1.25', 'IfNotPresent'],
		['registry.example.invalid:5000/app', 'latest', 'Always'],
		['registry.example.invalid:5000/app:2', '2', 'IfNotPresent'],
		['app@sha256:abc', '', 'IfNotPresent'],
		['app:latest@sha256:abc', 'latest', 'Always'],
	])('%s has tag %j and policy %s', (image, tag, policy) => {
		expect(imageTag(image)).toBe(tag);
		expect(pullPolicyFor(image)).toBe(policy);
	});
});

describe('qosClass', () => {
	it('classifies pods as the kubelet does', () => {
		expect(qosClass({containers: [{name: 'a'}]})).toBe('BestEffort');
		expect(qosClass({containers: [{name: 'a', resources: {requests: {cpu: '0'}}}]})).toBe('BestEffort');
		expect(qosClass({containers: [{name: 'a', resources: {limits: {cpu: '1', memory: '1Gi'}, requests: {cpu: '1', memory: '1Gi'}}}]})).toBe('Guaranteed');
		expect(qosClass({containers: [{name: 'a', resources: {limits: {cpu: '1'}, requests: {cpu: '1'}}}]})).toBe('Burstable');
		expect(qosClass({
			containers: [
				{name: 'a', resources: {limits: {cpu: '1', memory: '1Gi'}, requests: {cpu: '1', memory: '1Gi'}}},
				{name: 'b'},
			],
		})).toBe('Burstable');
	});
});
