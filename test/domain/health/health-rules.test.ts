import {describe, expect, it} from 'vitest';
import {healthOf} from '../../../source/domain/health/index.js';
import type {Health} from '../../../source/domain/health/health.js';
import type {KubeObject} from '../../../source/domain/kube-object.js';
import {listDomainFixtures, readDomainYaml} from '../../support/domain-fixtures.js';

type HealthFixture = {expected: Health | null; object: KubeObject};

const files = listDomainFixtures('health', '.yaml');

describe('healthOf (fixtures/domain/health)', () => {
	it('covers every kind family', () => {
		const kinds = new Set(files.map(file => readDomainYaml<HealthFixture>(`health/${file}`)[0]!.object.kind));
		for (const kind of [
			'Deployment',
			'StatefulSet',
			'DaemonSet',
			'ReplicaSet',
			'Pod',
			'Job',
			'CronJob',
			'PersistentVolumeClaim',
			'Service',
			'Ingress',
			'HorizontalPodAutoscaler',
			'Certificate',
			'Kustomization',
			'GitRepository',
			'HelmRelease',
			'Application',
		]) {
			expect(kinds, kind).toContain(kind);
		}
	});

	for (const file of files) {
		it(file, () => {
			const [fixture] = readDomainYaml<HealthFixture>(`health/${file}`);
			const actual = healthOf(fixture!.object);
			const expected = fixture!.expected;
			if (expected === null) {
				expect(actual).toBeUndefined();
				return;
			}

			expect(actual?.status).toBe(expected.status);
			if (expected.message !== undefined) expect(actual?.message).toBe(expected.message);
		});
	}
});

describe('healthOf on malformed objects', () => {
	it('never throws: odd shapes give a value for that object only', () => {
		const odd: KubeObject = {apiVersion: 'apps/v1', kind: 'Deployment', metadata: {name: 'x'}, spec: 'nonsense', status: 42};
		expect(() => healthOf(odd)).not.toThrow();
		const hpa: KubeObject = {
			apiVersion: 'autoscaling/v1',
			kind: 'HorizontalPodAutoscaler',
			metadata: {name: 'h', annotations: {'autoscaling.alpha.kubernetes.io/conditions': '{not json'}},
		};
		expect(healthOf(hpa)?.status).toBe('Unknown');
	});
});
