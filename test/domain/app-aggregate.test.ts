import {describe, expect, it} from 'vitest';
import {aggregateApp, appHealth, appSync} from '../../source/domain/app-aggregate.js';
import {toStatusJson} from '../../source/domain/app.js';
import type {HealthStatus} from '../../source/domain/health/health.js';
import type {ResourceResult, ResourceVerdict} from '../../source/domain/verdict.js';
import {kubeObject} from '../support/domain-objects.js';

let counter = 0;
function result(verdict: ResourceVerdict, health?: HealthStatus, extra: Partial<ResourceResult> = {}): ResourceResult {
	counter++;
	const name = `r${counter}`;
	const object = kubeObject('v1', 'ConfigMap', name, 'shop');
	return {
		key: {group: '', version: 'v1', kind: 'ConfigMap', namespace: 'shop', name},
		verdict,
		fields: [],
		...(verdict === 'Extra' ? {} : {desired: object}),
		...(verdict === 'Missing' ? {} : {live: object}),
		...(health ? {health: {status: health}} : {}),
		...extra,
	};
}

const ok = {desiredState: 'ok'} as const;

describe('appSync', () => {
	it('is Synced when every counted resource is', () => {
		expect(appSync(ok, [result('Synced'), result('Synced')])).toBe('Synced');
		expect(appSync(ok, [])).toBe('Synced');
	});

	it('is OutOfSync on any Drifted, Missing or Extra, even beside Unknown', () => {
		for (const verdict of ['Drifted', 'Missing', 'Extra'] as const) {
			expect(appSync(ok, [result('Synced'), result(verdict), result('Unknown')])).toBe('OutOfSync');
		}
	});

	it('is Unknown on Unknown resources or a failed or empty desired state', () => {
		expect(appSync(ok, [result('Synced'), result('Unknown')])).toBe('Unknown');
		expect(appSync({desiredState: 'failed', message: 'x'}, [result('Drifted')])).toBe('Unknown');
		expect(appSync({desiredState: 'empty'}, [])).toBe('Unknown');
	});

	it('does not count resources a whole-object ignore covers', () => {
		const ignored = result('Extra', undefined, {ignore: {reason: 'ignore-extraneous', message: 'x'}});
		expect(appSync(ok, [result('Synced'), ignored])).toBe('Synced');
	});
});

describe('appHealth', () => {
	it('is the worst of the live objects, Argo order', () => {
		expect(appHealth([result('Synced', 'Healthy'), result('Synced', 'Progressing'), result('Synced', 'Suspended')])).toBe('Progressing');
		expect(appHealth([result('Synced', 'Degraded'), result('Synced', 'Unknown')])).toBe('Unknown');
	});

	it('skips objects without health and Missing objects, unless nothing desired exists', () => {
		expect(appHealth([result('Synced'), result('Missing', 'Missing'), result('Synced', 'Healthy')])).toBe('Healthy');
		expect(appHealth([result('Missing', 'Missing'), result('Missing', 'Missing')])).toBe('Missing');
		expect(appHealth([result('Missing', 'Missing'), result('Extra', 'Degraded')])).toBe('Degraded');
		expect(appHealth([])).toBe('Healthy');
		// Argo CD: Missing only when nothing of the app is live; an Extra object is live.
		expect(appHealth([result('Missing', 'Missing'), result('Extra', 'Healthy')])).toBe('Healthy');
	});

	it('skips live objects annotated ignore-healthcheck and a child Application that is Missing or Unknown (argo-cd controller/health.go)', () => {
		const ignored = result('Synced', 'Degraded');
		ignored.live = kubeObject('v1', 'ConfigMap', ignored.key.name, 'shop', {}, {annotations: {'argocd.argoproj.io/ignore-healthcheck': 'true'}});
		expect(appHealth([ignored, result('Synced', 'Healthy')])).toBe('Healthy');
		const child = result('Synced', 'Unknown', {key: {group: 'argoproj.io', version: 'v1alpha1', kind: 'Application', namespace: 'argocd', name: 'child'}});
		expect(appHealth([child, result('Synced', 'Progressing')])).toBe('Progressing');
		expect(appHealth([result('Synced', 'Unknown'), result('Synced', 'Progressing')])).toBe('Unknown');
	});
});

describe('aggregateApp', () => {
	it('builds the status contract, sorted, with the desired error', () => {
		const b = result('Drifted', 'Healthy', {fields: [{path: '.data.a', manager: 'kubectl-edit'}, {path: '.data.b', ignored: true}]});
		const a = result('Synced', 'Healthy');
		const app = aggregateApp({
			name: 'shop',
			engine: 'flux',
			context: 'prod',
			namespace: 'shop',
			desired: ok,
			resources: [b, a],
			controllerSync: 'Synced',
			revision: {deployed: 'main@sha1:aaaa', head: 'bbbb', behind: 2},
			autoSync: {enabled: false, pausedBy: 'alice', reason: 'incident', since: '2026-01-10T08:00:00Z'},
		});
		expect(app.sync).toBe('OutOfSync');
		expect(app.health).toBe('Healthy');
		expect(app.resources.map(resource => resource.key.name)).toEqual([a.key.name, b.key.name].sort());
		const json = toStatusJson(app);
		expect(json).toEqual({
			name: 'shop',
			engine: 'flux',
			context: 'prod',
			namespace: 'shop',
			sync: 'OutOfSync',
			controllerSync: 'Synced',
			health: 'Healthy',
			revision: {deployed: 'main@sha1:aaaa', head: 'bbbb', behind: 2},
			autoSync: {enabled: false, pausedBy: 'alice', reason: 'incident', since: '2026-01-10T08:00:00Z'},
			resources: expect.any(Array),
		});
		expect(json.resources.find(resource => resource.name === b.key.name)).toEqual({
			group: '',
			version: 'v1',
			kind: 'ConfigMap',
			namespace: 'shop',
			name: b.key.name,
			verdict: 'Drifted',
			health: 'Healthy',
			fields: [{path: '.data.a', manager: 'kubectl-edit'}],
		});
		expect(JSON.stringify(json)).not.toContain('"live"');

		const failed = aggregateApp({...app, desired: {desiredState: 'failed', message: 'apps/web/x.yaml:3: bad'}, resources: []});
		expect(failed.sync).toBe('Unknown');
		expect(failed.error).toBe('apps/web/x.yaml:3: bad');
	});
});
