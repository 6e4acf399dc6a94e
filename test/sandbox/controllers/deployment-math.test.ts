import {describe, expect, it} from 'vitest';
import type {KubeObject} from '../../../source/domain/kube-object.js';
import {maxSurge, maxUnavailable, newReplicaSetReplicas, resolveFenceposts} from '../../../source/sandbox/controllers/deployment-math.js';

const rolling = (replicas: number, maxSurgeValue: number | string, maxUnavailableValue: number | string) => ({
	replicas,
	strategy: {type: 'RollingUpdate', rollingUpdate: {maxSurge: maxSurgeValue, maxUnavailable: maxUnavailableValue}},
});

const replicaSet = (replicas: number): KubeObject => ({apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: {name: `rs-${replicas}`}, spec: {replicas}});

describe('deployment arithmetic', () => {
	it.each([
		[10, '25%', '25%', 3, 2],
		[2, '25%', '25%', 1, 0],
		[4, '25%', '25%', 1, 1],
		[1, '25%', '25%', 1, 0],
		[3, 0, 0, 0, 1],
		[5, 2, '40%', 2, 2],
		[5, '0%', '0%', 0, 1],
	])('replicas %i, surge %s, unavailable %s → surge %i, unavailable %i', (replicas, surge, unavailable, expectedSurge, expectedUnavailable) => {
		expect(resolveFenceposts(rolling(replicas, surge, unavailable))).toEqual({maxSurge: expectedSurge, maxUnavailable: expectedUnavailable});
	});

	it('gives Recreate no budgets and caps unavailability at the replica count', () => {
		expect(maxSurge({replicas: 3, strategy: {type: 'Recreate'}})).toBe(0);
		expect(maxUnavailable({replicas: 3, strategy: {type: 'Recreate'}})).toBe(0);
		expect(maxUnavailable(rolling(2, 0, 5))).toBe(2);
		expect(maxUnavailable(rolling(0, '25%', '25%'))).toBe(0);
	});

	it('scales a new ReplicaSet up only within the surge', () => {
		const spec = rolling(4, 1, 1);
		expect(newReplicaSetReplicas(spec, [replicaSet(4)], undefined)).toBe(1);
		expect(newReplicaSetReplicas(spec, [replicaSet(4), replicaSet(1)], replicaSet(1))).toBe(1);
		expect(newReplicaSetReplicas(spec, [replicaSet(2), replicaSet(1)], replicaSet(1))).toBe(3);
		expect(newReplicaSetReplicas(spec, [], undefined)).toBe(4);
		expect(newReplicaSetReplicas({replicas: 3, strategy: {type: 'Recreate'}}, [replicaSet(3)], undefined)).toBe(3);
	});
});
