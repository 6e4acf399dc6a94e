import {afterEach, describe, expect, it} from 'vitest';
import type {KubeObject} from '../../../source/domain/kube-object.js';
import {startControllers} from '../../../source/sandbox/controllers/index.js';
import {
	advanceUntil,
	conditionOf,
	createManualClock,
	deploymentManifest,
	isRunningReady,
	readers,
	statusOf,
} from '../../support/sandbox-controllers-helpers.js';
import {createSandboxObjectsFake} from '../../support/sandbox-objects-fake.js';

function setup() {
	const clock = createManualClock();
	const store = createSandboxObjectsFake({now: clock.now});
	const errors: string[] = [];
	const stop = startControllers({objects: store, scheduler: clock.scheduler, now: clock.now, onError: (error, context) => errors.push(`${context}: ${String(error)}`)});
	stops.push(stop);
	return {clock, store, errors, stop, ...readers(store)};
}

const stops: Array<() => void> = [];
afterEach(() => {
	for (const stop of stops.splice(0)) stop();
});

function isAvailable(deployment: KubeObject | undefined, generation?: number): boolean {
	const progressing = conditionOf(deployment, 'Progressing');
	return conditionOf(deployment, 'Available')?.status === 'True'
		&& progressing?.reason === 'NewReplicaSetAvailable'
		&& (generation === undefined || statusOf(deployment).observedGeneration === generation);
}

describe('deployment controller', () => {
	it('converges a new Deployment to available, with a ReplicaSet and Pods owned as a real cluster owns them', () => {
		const t = setup();
		const deployment = t.create(deploymentManifest({replicas: 2}));
		const took = advanceUntil(t.clock, () => isAvailable(t.deployment('shop', 'web')), {describe: () => JSON.stringify(statusOf(t.deployment('shop', 'web')))});
		expect(took).toBeLessThan(1000);

		const [replicaSet, ...others] = t.replicaSets('shop');
		expect(others).toEqual([]);
		const hash = replicaSet!.metadata.labels!['pod-template-hash']!;
		expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
		expect(replicaSet!.metadata.name).toBe(`web-${hash}`);
		expect(replicaSet!.metadata.ownerReferences).toEqual([{apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: deployment.metadata.uid, controller: true, blockOwnerDeletion: true}]);
		expect(replicaSet!.metadata.annotations).toEqual({
			'deployment.kubernetes.io/revision': '1',
			'deployment.kubernetes.io/desired-replicas': '2',
			'deployment.kubernetes.io/max-replicas': '3',
		});
		const rsSpec = replicaSet!.spec as any;
		expect(rsSpec.replicas).toBe(2);
		expect(rsSpec.selector).toEqual({matchLabels: {app: 'web', 'pod-template-hash': hash}});
		expect(rsSpec.template.metadata.labels).toEqual({app: 'web', 'pod-template-hash': hash});
		expect(statusOf(replicaSet)).toEqual({replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 2, observedGeneration: 1});

		const pods = t.pods('shop');
		expect(pods).toHaveLength(2);
		for (const pod of pods) {
			expect(pod.metadata.name).toMatch(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
			expect(pod.metadata.generateName).toBe(`web-${hash}-`);
			expect(pod.metadata.labels).toEqual({app: 'web', 'pod-template-hash': hash});
			expect(pod.metadata.ownerReferences).toEqual([{apiVersion: 'apps/v1', kind: 'ReplicaSet', name: replicaSet!.metadata.name, uid: replicaSet!.metadata.uid, controller: true, blockOwnerDeletion: true}]);
			expect((pod.spec as any).nodeName).toBe('sandbox-node');
			expect(isRunningReady(pod)).toBe(true);
			// The store defaulted the pod as a real apiserver would: requests from limits, Guaranteed.
			expect((pod.spec as any).containers[0].resources).toEqual({limits: {cpu: '1', memory: '512Mi'}, requests: {cpu: '1', memory: '512Mi'}});
			expect(statusOf(pod).qosClass).toBe('Guaranteed');
			const [container] = statusOf(pod).containerStatuses;
			expect(container).toMatchObject({name: 'web', ready: true, started: true, restartCount: 0, image: 'docker.io/library/nginx:1.25'});
			expect(container.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
			expect(container.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
			expect(statusOf(pod).conditions.map((c: any) => `${c.type}=${c.status}`)).toEqual(['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True']);
			expect(statusOf(pod).podIP).toMatch(/^10\.244\.0\.\d+$/);
		}

		const live = t.deployment('shop', 'web')!;
		expect(live.metadata.annotations).toEqual({'deployment.kubernetes.io/revision': '1'});
		const status = statusOf(live);
		expect(status).toMatchObject({observedGeneration: 1, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2});
		expect(status.unavailableReplicas).toBeUndefined();
		expect(status.conditions.map((c: any) => [c.type, c.status, c.reason, c.message])).toEqual([
			['Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
			['Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "web-${hash}" has successfully progressed.`],
		]);
		expect(t.errors).toEqual([]);
	});

	it('writes as the real components do: status through the status subresource, with their managers', () => {
		const t = setup();
		t.create(deploymentManifest({replicas: 1}));
		advanceUntil(t.clock, () => isAvailable(t.deployment('shop', 'web')));
		const by = (kind: string) => new Set(t.store.writes.filter(write => write.kind === kind && write.manager !== 'kubectl').map(write => `${write.verb} ${write.subresource ?? 'main'} ${write.manager}`));
		expect(by('Deployment')).toEqual(new Set(['update main kube-controller-manager', 'update status kube-controller-manager']));
		expect(by('ReplicaSet')).toEqual(new Set(['create main kube-controller-manager', 'update status kube-controller-manager']));
		expect(by('Pod')).toEqual(new Set(['create main kube-controller-manager', 'update main kube-scheduler', 'update status kube-scheduler', 'update status kubelet']));
	});

	it('shows the way there: ReplicaSetUpdated and unavailable replicas before the pods are ready', () => {
		const t = setup();
		t.create(deploymentManifest({replicas: 2}));
		advanceUntil(t.clock, () => conditionOf(t.deployment('shop', 'web'), 'Progressing')?.reason === 'ReplicaSetUpdated');
		const status = statusOf(t.deployment('shop', 'web'));
		expect(status.unavailableReplicas).toBe(2);
		expect(conditionOf(t.deployment('shop', 'web'), 'Available')).toMatchObject({status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.'});
		expect(t.pods('shop').some(pod => statusOf(pod).phase === 'Pending')).toBe(true);
	});

	it('scales the ReplicaSet when replicas change, with a ScalingReplicaSet event', () => {
		const t = setup();
		t.create(deploymentManifest({replicas: 2}));
		advanceUntil(t.clock, () => isAvailable(t.deployment('shop', 'web')));
		const live = t.deployment('shop', 'web')!;
		t.update({...live, spec: {...(live.spec as object), replicas: 4}});
		advanceUntil(t.clock, () => isAvailable(t.deployment('shop', 'web'), 2) && statusOf(t.deployment('shop', 'web')).availableReplicas === 4);
		const [replicaSet] = t.replicaSets('shop');
		expect((replicaSet!.spec as any).replicas).toBe(4);
		expect(replicaSet!.metadata.annotations!['deployment.kubernetes.io/desired-replicas']).toBe('4');
		expect(replicaSet!.metadata.annotations!['deployment.kubernetes.io/max-replicas']).toBe('5');
		expect(t.pods('shop').filter(isRunningReady)).toHaveLength(4);
		const messages = t.events('shop').filter(event => event.reason === 'ScalingReplicaSet').map(event => event.message);
		expect(messages).toEqual([`Scaled up replica set ${replicaSet!.metadata.name} to 2`, `Scaled up replica set ${replicaSet!.metadata.name} to 4 from 2`]);

		const scaled = t.deployment('shop', 'web')!;
		t.update({...scaled, spec: {...(scaled.spec as object), replicas: 1}});
		advanceUntil(t.clock, () => t.pods('shop').length === 1 && statusOf(t.deployment('shop', 'web')).replicas === 1);
		expect(t.events('shop').some(event => event.message === `Scaled down replica set ${replicaSet!.metadata.name} to 1 from 4`)).toBe(true);
		expect(t.events('shop').filter(event => event.reason === 'SuccessfulDelete')).toHaveLength(3);
	});

	it('reconciles Deployments stored before the controllers started', () => {
		const clock = createManualClock();
		const store = createSandboxObjectsFake({now: clock.now});
		const t = readers(store);
		t.create(deploymentManifest({name: 'early', replicas: 1}));
		stops.push(startControllers({objects: store, scheduler: clock.scheduler, now: clock.now}));
		advanceUntil(clock, () => isAvailable(t.deployment('shop', 'early')));
		expect(t.pods('shop').filter(isRunningReady)).toHaveLength(1);
	});
});
