import {afterEach, describe, expect, it} from 'vitest';
import {startControllers} from '../../../source/sandbox/controllers/index.js';
import {advanceUntil, conditionOf, createManualClock, deploymentManifest, readers, statusOf} from '../../support/sandbox-controllers-helpers.js';
import {createSandboxObjectsFake} from '../../support/sandbox-objects-fake.js';
import {waitFor} from '../../support/wait-for.js';

const stops: Array<() => void> = [];
afterEach(() => {
	for (const stop of stops.splice(0)) stop();
});

function setup() {
	const clock = createManualClock();
	const store = createSandboxObjectsFake({now: clock.now});
	const errors: string[] = [];
	stops.push(startControllers({objects: store, scheduler: clock.scheduler, now: clock.now, onError: (error, context) => errors.push(`${context}: ${String(error)}`)}));
	return {clock, store, errors, ...readers(store)};
}

function hpa(minReplicas: number, maxReplicas: number, target = 'web') {
	return {
		apiVersion: 'autoscaling/v2',
		kind: 'HorizontalPodAutoscaler',
		metadata: {name: 'web', namespace: 'shop'},
		spec: {scaleTargetRef: {apiVersion: 'apps/v1', kind: 'Deployment', name: target}, minReplicas, maxReplicas},
	};
}

describe('horizontal pod autoscaler controller', () => {
	it('reports current and desired replicas from its target, with simulated metrics under target', () => {
		const t = setup();
		t.create(deploymentManifest({replicas: 2}));
		t.create(hpa(2, 5));
		advanceUntil(t.clock, () => statusOf(t.get('autoscaling/v2', 'HorizontalPodAutoscaler', 'shop', 'web')).currentReplicas === 2);
		const status = statusOf(t.get('autoscaling/v2', 'HorizontalPodAutoscaler', 'shop', 'web'));
		expect(status.desiredReplicas).toBe(2);
		// The default metric is CPU at 80%; the template requests 1 CPU per pod.
		expect(status.currentMetrics).toEqual([{type: 'Resource', resource: {name: 'cpu', current: {averageUtilization: 40, averageValue: '400m'}}}]);
		expect(status.conditions.map((c: any) => [c.type, c.status, c.reason])).toEqual([
			['AbleToScale', 'True', 'ReadyForNewScale'],
			['ScalingActive', 'True', 'ValidMetricFound'],
			['ScalingLimited', 'False', 'DesiredWithinRange'],
		]);
		expect(status.conditions[1].message).toBe('the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)');
		expect(t.store.writes.filter(write => write.kind === 'HorizontalPodAutoscaler' && write.verb === 'update').every(write => write.subresource === 'status' && write.manager === 'kube-controller-manager')).toBe(true);
	});

	it('keeps desired replicas within min and max, saying so', () => {
		const t = setup();
		t.create(deploymentManifest({replicas: 1}));
		t.create(hpa(3, 5));
		advanceUntil(t.clock, () => statusOf(t.get('autoscaling/v2', 'HorizontalPodAutoscaler', 'shop', 'web')).currentReplicas === 1);
		const live = t.get('autoscaling/v2', 'HorizontalPodAutoscaler', 'shop', 'web');
		expect(statusOf(live).desiredReplicas).toBe(3);
		expect(conditionOf(live, 'ScalingLimited')).toMatchObject({status: 'True', reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count'});
	});

	it('says when its target does not exist', () => {
		const t = setup();
		t.create(hpa(1, 3, 'missing'));
		advanceUntil(t.clock, () => conditionOf(t.get('autoscaling/v2', 'HorizontalPodAutoscaler', 'shop', 'web'), 'AbleToScale') !== undefined);
		expect(conditionOf(t.get('autoscaling/v2', 'HorizontalPodAutoscaler', 'shop', 'web'), 'AbleToScale')).toMatchObject({
			status: 'False',
			reason: 'FailedGetScale',
			message: 'the HPA controller was unable to get the target\'s current scale: deployments.apps "missing" not found',
		});
	});
});

describe('load balancers', () => {
	it('gives a LoadBalancer Service an address after a moment, with the service controller events', () => {
		const t = setup();
		t.create({apiVersion: 'v1', kind: 'Service', metadata: {name: 'edge', namespace: 'shop'}, spec: {type: 'LoadBalancer', selector: {app: 'edge'}, ports: [{port: 80}]}});
		t.create({apiVersion: 'v1', kind: 'Service', metadata: {name: 'inner', namespace: 'shop'}, spec: {selector: {app: 'inner'}, ports: [{port: 80}]}});
		t.clock.advance(50);
		expect(statusOf(t.get('v1', 'Service', 'shop', 'edge'))).toEqual({loadBalancer: {}});
		advanceUntil(t.clock, () => statusOf(t.get('v1', 'Service', 'shop', 'edge')).loadBalancer.ingress !== undefined);
		const [address] = statusOf(t.get('v1', 'Service', 'shop', 'edge')).loadBalancer.ingress;
		expect(address).toEqual({ip: expect.stringMatching(/^172\.18\.255\.\d+$/), ipMode: 'VIP'});
		expect(t.events('shop').map(event => [event.reason, event.message, event.source.component])).toEqual([
			['EnsuringLoadBalancer', 'Ensuring load balancer', 'service-controller'],
			['EnsuredLoadBalancer', 'Ensured load balancer', 'service-controller'],
		]);
		t.clock.advance(1000);
		expect(statusOf(t.get('v1', 'Service', 'shop', 'inner'))).toEqual({loadBalancer: {}});

		const edge = t.get('v1', 'Service', 'shop', 'edge') as any;
		edge.spec.type = 'ClusterIP';
		delete edge.spec.allocateLoadBalancerNodePorts;
		delete edge.spec.externalTrafficPolicy;
		for (const port of edge.spec.ports) delete port.nodePort;
		t.update(edge);
		advanceUntil(t.clock, () => statusOf(t.get('v1', 'Service', 'shop', 'edge')).loadBalancer.ingress === undefined);
		expect(t.events('shop').at(-1)).toMatchObject({reason: 'DeletedLoadBalancer'});
	});

	it('gives an Ingress the ingress controller\'s address', () => {
		const t = setup();
		t.create({apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: {name: 'web', namespace: 'shop'}, spec: {rules: [{host: 'web.example.invalid', http: {paths: [{path: '/', pathType: 'Prefix', backend: {service: {name: 'web', port: {number: 80}}}}]}}]}});
		advanceUntil(t.clock, () => statusOf(t.get('networking.k8s.io/v1', 'Ingress', 'shop', 'web')).loadBalancer.ingress !== undefined);
		expect(statusOf(t.get('networking.k8s.io/v1', 'Ingress', 'shop', 'web'))).toEqual({loadBalancer: {ingress: [{ip: '172.18.255.200'}]}});
		expect(t.events('shop')[0]).toMatchObject({reason: 'Sync', message: 'Scheduled for sync', source: {component: 'nginx-ingress-controller'}});
	});
});

describe('events', () => {
	it('are core v1 Events in the object\'s namespace, shaped as the recorders write them', () => {
		const t = setup();
		const deployment = t.create(deploymentManifest({replicas: 1}));
		advanceUntil(t.clock, () => t.events('shop').some(event => event.reason === 'Started'));
		const events = t.events('shop');
		const scaling = events.find(event => event.reason === 'ScalingReplicaSet')!;
		expect(scaling).toMatchObject({
			apiVersion: 'v1',
			kind: 'Event',
			type: 'Normal',
			count: 1,
			eventTime: null,
			source: {component: 'deployment-controller'},
			reportingComponent: 'deployment-controller',
			reportingInstance: '',
			involvedObject: {apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'shop', uid: deployment.metadata.uid},
		});
		expect(scaling.metadata.name).toMatch(/^web\.[0-9a-f]{16,}$/);
		expect(scaling.metadata.namespace).toBe('shop');
		expect(scaling.firstTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
		expect(scaling.lastTimestamp).toBe(scaling.firstTimestamp);
		const [pod] = t.pods('shop');
		const reasons = events.filter(event => event.involvedObject.uid === pod!.metadata.uid).map(event => `${event.reason}/${event.source.component}`);
		expect(reasons).toEqual(['Scheduled/default-scheduler', 'Pulling/kubelet', 'Pulled/kubelet', 'Created/kubelet', 'Started/kubelet']);
		expect(events.find(event => event.reason === 'SuccessfulCreate')).toMatchObject({message: `Created pod: ${pod!.metadata.name}`, source: {component: 'replicaset-controller'}});
		expect(events.find(event => event.reason === 'Scheduled')!.message).toBe(`Successfully assigned shop/${pod!.metadata.name} to sandbox-node`);
		expect(new Set(events.map(event => event.metadata.name)).size).toBe(events.length);
		expect(t.store.writes.filter(write => write.kind === 'Event').every(write => ['kube-controller-manager', 'kube-scheduler', 'kubelet'].includes(write.manager!))).toBe(true);
	});

	it('are skipped, not failed, when the store does not serve Events', () => {
		const clock = createManualClock();
		const store = createSandboxObjectsFake({now: clock.now, without: ['Event']});
		const errors: unknown[] = [];
		stops.push(startControllers({objects: store, scheduler: clock.scheduler, now: clock.now, onError: error => errors.push(error)}));
		const t = readers(store);
		t.create(deploymentManifest({replicas: 1}));
		advanceUntil(clock, () => conditionOf(t.deployment('shop', 'web'), 'Available')?.status === 'True');
		expect(errors).toEqual([]);
	});
});

describe('stop()', () => {
	it('clears every timer and unsubscribes; nothing is written afterwards', () => {
		const t = setup();
		const stop = stops.pop()!;
		t.create(deploymentManifest({replicas: 2, image: 'nginx:broken'}));
		t.create({apiVersion: 'v1', kind: 'Service', metadata: {name: 'edge', namespace: 'shop'}, spec: {type: 'LoadBalancer', ports: [{port: 80}]}});
		t.clock.advance(300);
		expect(t.clock.pending()).toBeGreaterThan(0);
		expect(t.store.listenerCount()).toBe(1);
		stop();
		expect(t.clock.pending()).toBe(0);
		expect(t.store.listenerCount()).toBe(0);
		const writes = t.store.writes.length;
		t.create(deploymentManifest({name: 'later', replicas: 1}));
		t.clock.advance(700_000);
		expect(t.store.writes.length).toBe(writes + 1);
		stop();
	});

	it('leaves no real timer behind', async () => {
		const live = new Set<unknown>();
		const scheduler = {
			setTimeout(callback: () => void, ms: number) {
				const handle = setTimeout(() => {
					live.delete(handle);
					callback();
				}, ms);
				live.add(handle);
				return handle;
			},
			clearTimeout(handle: unknown) {
				live.delete(handle);
				clearTimeout(handle as ReturnType<typeof setTimeout>);
			},
		};
		const store = createSandboxObjectsFake();
		const stop = startControllers({objects: store, scheduler});
		readers(store).create(deploymentManifest({replicas: 2, image: 'nginx:broken'}));
		await new Promise(resolve => setImmediate(resolve));
		expect(live.size).toBeGreaterThan(0);
		stop();
		expect(live.size).toBe(0);
	});
});

describe('objects deleted under the controllers', () => {
	it('lets a deleted Deployment go with everything it owned, and resurrects nothing', () => {
		const t = setup();
		const deployment = t.create(deploymentManifest({replicas: 3}));
		t.clock.advance(60);
		expect(t.pods('shop').length).toBeGreaterThan(0);
		t.remove(deployment);
		t.clock.advance(10_000);
		expect(t.replicaSets('shop')).toEqual([]);
		expect(t.pods('shop')).toEqual([]);
		expect(t.deployment('shop', 'web')).toBeUndefined();
		expect(t.errors).toEqual([]);
	});

	it('replaces a pod deleted while it was starting, without errors', () => {
		const t = setup();
		t.create(deploymentManifest({replicas: 2}));
		t.clock.advance(45);
		const [victim] = t.pods('shop');
		t.remove(victim!);
		advanceUntil(t.clock, () => statusOf(t.deployment('shop', 'web')).availableReplicas === 2);
		expect(t.pods('shop').map(pod => pod.metadata.uid)).not.toContain(victim!.metadata.uid);
		expect(t.errors).toEqual([]);
	});

	it('recreates a ReplicaSet deleted from under its Deployment', () => {
		const t = setup();
		t.create(deploymentManifest({replicas: 1}));
		advanceUntil(t.clock, () => statusOf(t.deployment('shop', 'web')).availableReplicas === 1);
		const [replicaSet] = t.replicaSets('shop');
		t.remove(replicaSet!);
		advanceUntil(t.clock, () => t.replicaSets('shop').length === 1 && t.replicaSets('shop')[0]!.metadata.uid !== replicaSet!.metadata.uid && statusOf(t.deployment('shop', 'web')).availableReplicas === 1);
		expect(t.pods('shop')).toHaveLength(1);
		expect(t.errors).toEqual([]);
	});

	it('survives deletes of every kind in the middle of their lives', () => {
		const t = setup();
		const objects = [
			t.create(deploymentManifest({replicas: 2, image: 'nginx:broken'})),
			t.create({apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: {name: 'db', namespace: 'shop'}, spec: {replicas: 2, selector: {matchLabels: {app: 'db'}}, template: {metadata: {labels: {app: 'db'}}, spec: {containers: [{name: 'db', image: 'postgres:16'}]}}}}),
			t.create({apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: {name: 'agent', namespace: 'shop'}, spec: {selector: {matchLabels: {app: 'agent'}}, template: {metadata: {labels: {app: 'agent'}}, spec: {containers: [{name: 'a', image: 'busybox:1.36'}]}}}}),
			t.create({apiVersion: 'batch/v1', kind: 'Job', metadata: {name: 'migrate', namespace: 'shop'}, spec: {template: {spec: {restartPolicy: 'Never', containers: [{name: 'm', image: 'busybox:1.36'}]}}}}),
			t.create({apiVersion: 'v1', kind: 'Service', metadata: {name: 'edge', namespace: 'shop'}, spec: {type: 'LoadBalancer', ports: [{port: 80}]}}),
			t.create(hpa(1, 3)),
		];
		t.clock.advance(100);
		for (const object of objects) t.remove(object);
		t.clock.advance(700_000);
		expect(t.pods('shop')).toEqual([]);
		expect(t.replicaSets('shop')).toEqual([]);
		expect(t.list('v1', 'Service')).toEqual([]);
		expect(t.errors).toEqual([]);
	});
});

describe('a converged cluster', () => {
	it('is quiet: once everything settles, no controller writes again', () => {
		const t = setup();
		t.create(deploymentManifest({replicas: 2}));
		t.create({apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: {name: 'db', namespace: 'shop'}, spec: {replicas: 2, selector: {matchLabels: {app: 'db'}}, template: {metadata: {labels: {app: 'db'}}, spec: {containers: [{name: 'db', image: 'postgres:16'}]}}}});
		t.create({apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: {name: 'agent', namespace: 'shop'}, spec: {selector: {matchLabels: {app: 'agent'}}, template: {metadata: {labels: {app: 'agent'}}, spec: {containers: [{name: 'a', image: 'busybox:1.36'}]}}}});
		t.create({apiVersion: 'batch/v1', kind: 'Job', metadata: {name: 'migrate', namespace: 'shop'}, spec: {template: {spec: {restartPolicy: 'Never', containers: [{name: 'm', image: 'busybox:1.36'}]}}}});
		t.create({apiVersion: 'v1', kind: 'Service', metadata: {name: 'edge', namespace: 'shop'}, spec: {type: 'LoadBalancer', ports: [{port: 80}]}});
		t.create({apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: {name: 'web', namespace: 'shop'}, spec: {rules: []}});
		t.create(hpa(1, 3));
		t.clock.advance(10_000);
		const writes = t.store.writes.length;
		t.clock.advance(900_000);
		expect(t.store.writes.slice(writes)).toEqual([]);
		expect(t.errors).toEqual([]);
	});
});

describe('with real timers', () => {
	it('converges a Deployment on the real clock', async () => {
		const store = createSandboxObjectsFake();
		stops.push(startControllers({objects: store}));
		const t = readers(store);
		t.create(deploymentManifest({replicas: 3}));
		// How fast is for the benchmarks; here only that it gets there without a manual clock.
		await waitFor(() => conditionOf(t.deployment('shop', 'web'), 'Progressing')?.reason === 'NewReplicaSetAvailable', {
			timeoutMs: 30_000,
			describe: () => `the Deployment available: ${JSON.stringify(statusOf(t.deployment('shop', 'web')))}`,
		});
		expect(statusOf(t.deployment('shop', 'web')).availableReplicas).toBe(3);
	});
});
