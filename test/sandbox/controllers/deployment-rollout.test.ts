import {describe, expect, it} from 'vitest';
import type {KubeObject} from '../../../source/domain/kube-object.js';
import {advanceUntil, conditionOf, deploymentManifest, isRunningReady, statusOf, controllerWorlds} from '../../support/sandbox-controllers-helpers.js';

const setup = controllerWorlds();

type Setup = ReturnType<typeof setup>;

function complete(t: Setup, generation: number): boolean {
	const deployment = t.deployment('shop', 'web');
	const status = statusOf(deployment);
	return status.observedGeneration === generation
		&& conditionOf(deployment, 'Progressing')?.reason === 'NewReplicaSetAvailable'
		&& status.updatedReplicas === status.replicas
		&& status.availableReplicas === (deployment!.spec as any).replicas;
}

function withImage(deployment: KubeObject, image: string): KubeObject {
	const copy = structuredClone(deployment) as any;
	copy.spec.template.spec.containers[0].image = image;
	return copy;
}

function replicaSetsByRevision(t: Setup): KubeObject[] {
	return t.replicaSets('shop').sort((a, b) => Number(a.metadata.annotations!['deployment.kubernetes.io/revision']) - Number(b.metadata.annotations!['deployment.kubernetes.io/revision']));
}

describe('deployment rollouts', () => {
	it('rolls a template change onto a new ReplicaSet and scales the old one to 0, never below minimum availability', () => {
		const t = setup();
		t.create(deploymentManifest({replicas: 4}));
		advanceUntil(t.clock, () => complete(t, 1));
		const [first] = t.replicaSets('shop');

		// Watch availability through the whole rollout: 25% of 4 may be unavailable, so never fewer than 3.
		const available: number[] = [];
		const unsubscribe = t.store.subscribe(event => {
			if (event.object.kind === 'Deployment') available.push(statusOf(event.object).availableReplicas ?? 0);
		});
		t.update(withImage(t.deployment('shop', 'web')!, 'nginx:1.26'));
		const took = advanceUntil(t.clock, () => complete(t, 2) && t.pods('shop').length === 4, {describe: () => JSON.stringify(statusOf(t.deployment('shop', 'web')))});
		unsubscribe();
		expect(took).toBeLessThan(2000);
		expect(Math.min(...available)).toBeGreaterThanOrEqual(3);

		const [old, current] = replicaSetsByRevision(t);
		expect(old!.metadata.uid).toBe(first!.metadata.uid);
		expect((old!.spec as any).replicas).toBe(0);
		expect(statusOf(old)).toEqual({replicas: 0, observedGeneration: (old!.metadata.generation)});
		expect(current!.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('2');
		expect(current!.metadata.name).not.toBe(old!.metadata.name);
		expect((current!.spec as any).template.spec.containers[0].image).toBe('nginx:1.26');
		const pods = t.pods('shop');
		expect(pods.every(pod => pod.metadata.ownerReferences![0]!.uid === current!.metadata.uid && isRunningReady(pod))).toBe(true);
		expect(t.deployment('shop', 'web')!.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('2');
		expect(conditionOf(t.deployment('shop', 'web'), 'Progressing')!.message).toBe(`ReplicaSet "${current!.metadata.name}" has successfully progressed.`);

		const scaling = t.events('shop').filter(event => event.reason === 'ScalingReplicaSet').map(event => event.message);
		expect(scaling).toContain(`Scaled up replica set ${current!.metadata.name} to 1`);
		expect(scaling.some(message => message.startsWith(`Scaled down replica set ${old!.metadata.name} to 0 from`))).toBe(true);
		expect(scaling.some(message => message.startsWith(`Scaled up replica set ${current!.metadata.name} to 4 from`))).toBe(true);
		expect(t.errors).toEqual([]);
	});

	it('gets stuck on a broken image: ImagePullBackOff, old pods kept, then ProgressDeadlineExceeded', () => {
		const t = setup();
		t.create(deploymentManifest({replicas: 2, progressDeadlineSeconds: 60}));
		advanceUntil(t.clock, () => complete(t, 1));
		const [old] = t.replicaSets('shop');
		t.update(withImage(t.deployment('shop', 'web')!, 'nginx:broken'));

		const stuckPod = () => t.pods('shop').find(pod => (pod.spec as any).containers[0].image === 'nginx:broken');
		advanceUntil(t.clock, () => statusOf(stuckPod()).containerStatuses?.[0]?.state?.waiting?.reason === 'ImagePullBackOff');
		const pod = stuckPod()!;
		expect(statusOf(pod).phase).toBe('Pending');
		expect(statusOf(pod).containerStatuses[0]).toMatchObject({
			name: 'web',
			ready: false,
			started: false,
			image: 'nginx:broken',
			imageID: '',
			state: {waiting: {reason: 'ImagePullBackOff', message: 'Back-off pulling image "nginx:broken"'}},
		});
		expect(conditionOf(pod, 'Ready')).toMatchObject({status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [web]'});

		// With 2 replicas, maxSurge rounds up to 1 and maxUnavailable down to 0: one new pod, old ones stay.
		const [, current] = replicaSetsByRevision(t);
		expect((current!.spec as any).replicas).toBe(1);
		expect((t.replicaSets('shop').find(rs => rs.metadata.uid === old!.metadata.uid)!.spec as any).replicas).toBe(2);
		expect(t.pods('shop').filter(isRunningReady)).toHaveLength(2);
		const deployment = t.deployment('shop', 'web');
		expect(statusOf(deployment)).toMatchObject({replicas: 3, updatedReplicas: 1, readyReplicas: 2, availableReplicas: 2, unavailableReplicas: 1});
		expect(conditionOf(deployment, 'Available')).toMatchObject({status: 'True', reason: 'MinimumReplicasAvailable'});
		expect(conditionOf(deployment, 'Progressing')).toMatchObject({status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${current!.metadata.name}" is progressing.`});

		t.clock.advance(59_000);
		expect(conditionOf(t.deployment('shop', 'web'), 'Progressing')!.reason).toBe('ReplicaSetUpdated');
		advanceUntil(t.clock, () => conditionOf(t.deployment('shop', 'web'), 'Progressing')?.reason === 'ProgressDeadlineExceeded', {maxMs: 5000, stepMs: 100});
		const timedOut = conditionOf(t.deployment('shop', 'web'), 'Progressing')!;
		expect(timedOut).toMatchObject({status: 'False', message: `ReplicaSet "${current!.metadata.name}" has timed out progressing.`});
		expect(timedOut.lastTransitionTime).not.toBe(conditionOf(deployment, 'Progressing')!.lastTransitionTime);

		// The kubelet keeps retrying: the pull events repeat with growing counts, the status stays put.
		t.clock.advance(120_000);
		const events = t.events('shop').filter(event => event.involvedObject.name === pod.metadata.name);
		const byReason = (reason: string, message?: string) => events.find(event => event.reason === reason && (message === undefined || event.message === message));
		expect(byReason('BackOff')).toMatchObject({type: 'Normal', message: 'Back-off pulling image "nginx:broken"', source: {component: 'kubelet', host: 'sandbox-node'}, involvedObject: {fieldPath: 'spec.containers{web}'}});
		expect(byReason('BackOff')!.count).toBeGreaterThan(2);
		expect(byReason('Failed', 'Error: ImagePullBackOff')).toMatchObject({type: 'Warning'});
		expect(byReason('Failed', 'Error: ErrImagePull')).toMatchObject({type: 'Warning'});
		expect(byReason('Failed', 'Failed to pull image "nginx:broken": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:broken": failed to resolve reference "docker.io/library/nginx:broken": docker.io/library/nginx:broken: not found')).toBeDefined();
		expect(byReason('Pulling')!.count).toBeGreaterThan(2);
		expect(byReason('BackOff')!.lastTimestamp > byReason('BackOff')!.firstTimestamp).toBe(true);
		expect(statusOf(stuckPod()).containerStatuses[0].state.waiting.reason).toBe('ImagePullBackOff');
		expect(t.errors).toEqual([]);
	});

	it('fixes a stuck rollout by rolling on to the next template', () => {
		const t = setup();
		t.create(deploymentManifest({replicas: 2}));
		advanceUntil(t.clock, () => complete(t, 1));
		t.update(withImage(t.deployment('shop', 'web')!, 'nginx:broken'));
		advanceUntil(t.clock, () => t.replicaSets('shop').length === 2 && statusOf(t.deployment('shop', 'web')).updatedReplicas === 1);
		t.update(withImage(t.deployment('shop', 'web')!, 'nginx:1.27'));
		advanceUntil(t.clock, () => complete(t, 3) && t.pods('shop').length === 2);
		const revisions = replicaSetsByRevision(t).map(rs => [rs.metadata.annotations!['deployment.kubernetes.io/revision'], (rs.spec as any).replicas]);
		expect(revisions).toEqual([['1', 0], ['2', 0], ['3', 2]]);
		expect(t.pods('shop').every(isRunningReady)).toBe(true);
	});

	it('reuses the old ReplicaSet on a rollback, with the next revision and its history', () => {
		const t = setup();
		t.create(deploymentManifest({replicas: 2}));
		advanceUntil(t.clock, () => complete(t, 1));
		const [first] = t.replicaSets('shop');
		t.update(withImage(t.deployment('shop', 'web')!, 'nginx:1.26'));
		advanceUntil(t.clock, () => complete(t, 2));
		t.update(withImage(t.deployment('shop', 'web')!, 'nginx:1.25'));
		advanceUntil(t.clock, () => complete(t, 3) && t.pods('shop').length === 2);
		expect(t.replicaSets('shop')).toHaveLength(2);
		const reused = t.replicaSets('shop').find(rs => rs.metadata.uid === first!.metadata.uid)!;
		expect((reused.spec as any).replicas).toBe(2);
		expect(reused.metadata.annotations).toMatchObject({'deployment.kubernetes.io/revision': '3', 'deployment.kubernetes.io/revision-history': '1'});
		expect(t.deployment('shop', 'web')!.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('3');
	});

	it('recreates: every old pod gone before the new ReplicaSet scales up', () => {
		const t = setup();
		t.create(deploymentManifest({replicas: 2, strategy: {type: 'Recreate'}}));
		advanceUntil(t.clock, () => complete(t, 1));
		const overlap: number[] = [];
		const unsubscribe = t.store.subscribe(() => {
			const images = new Set(t.pods('shop').filter(pod => statusOf(pod).phase !== 'Succeeded').map(pod => (pod.spec as any).containers[0].image));
			overlap.push(images.size);
		});
		t.update(withImage(t.deployment('shop', 'web')!, 'nginx:1.26'));
		advanceUntil(t.clock, () => complete(t, 2) && t.pods('shop').length === 2);
		unsubscribe();
		expect(Math.max(...overlap)).toBe(1);
		expect((t.deployment('shop', 'web')!.spec as any).strategy).toEqual({type: 'Recreate'});
		expect(t.pods('shop').every(pod => (pod.spec as any).containers[0].image === 'nginx:1.26' && isRunningReady(pod))).toBe(true);
	});

	it('prunes scaled-down ReplicaSets beyond revisionHistoryLimit', () => {
		const t = setup();
		const manifest = deploymentManifest({replicas: 1}) as any;
		manifest.spec.revisionHistoryLimit = 1;
		t.create(manifest);
		for (const [index, image] of ['nginx:1.25', 'nginx:1.26', 'nginx:1.27', 'nginx:1.28'].entries()) {
			if (index > 0) t.update(withImage(t.deployment('shop', 'web')!, image));
			advanceUntil(t.clock, () => complete(t, index + 1));
		}
		advanceUntil(t.clock, () => t.replicaSets('shop').length === 2);
		expect(replicaSetsByRevision(t).map(rs => rs.metadata.annotations!['deployment.kubernetes.io/revision'])).toEqual(['3', '4']);
	});

	it('marks a paused Deployment and rolls nothing until it is resumed', () => {
		const t = setup();
		t.create(deploymentManifest({replicas: 1}));
		advanceUntil(t.clock, () => complete(t, 1));
		const paused = withImage(t.deployment('shop', 'web')!, 'nginx:1.26') as any;
		paused.spec.paused = true;
		t.update(paused);
		advanceUntil(t.clock, () => conditionOf(t.deployment('shop', 'web'), 'Progressing')?.reason === 'DeploymentPaused');
		t.clock.advance(2000);
		expect(t.replicaSets('shop')).toHaveLength(1);
		expect(conditionOf(t.deployment('shop', 'web'), 'Progressing')).toMatchObject({status: 'Unknown', message: 'Deployment is paused'});
		const resumed = t.deployment('shop', 'web') as any;
		resumed.spec.paused = false;
		t.update(resumed);
		advanceUntil(t.clock, () => complete(t, 3));
		expect(t.replicaSets('shop')).toHaveLength(2);
	});
});
