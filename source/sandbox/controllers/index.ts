/**
 * startControllers: the simulated control plane of the sandbox. It watches the store and writes back what
 * kube-controller-manager, the scheduler, the kubelet and load-balancer controllers would, so Deployments get
 * ReplicaSets and Pods whose statuses progress, and the demo looks alive.
 */
import {nameSuffix} from '../defaults/hash.js';
import type {SandboxObjects} from '../types.js';
import type {Controller, ControllerFactory} from './controller.js';
import {createDaemonSetController} from './daemonset.js';
import {createDeploymentController} from './deployment.js';
import {createEventRecorder} from './events.js';
import {createGarbageCollector} from './garbage-collector.js';
import {createHpaController} from './hpa.js';
import {createJobController} from './job.js';
import {keyOf} from './owners.js';
import {createKubelet} from './kubelet.js';
import {createIngressController, createServiceLoadBalancerController} from './load-balancers.js';
import {createPodScheduler} from './pod-scheduler.js';
import {createReplicaSetController} from './replicaset.js';
import {createRuntime, type Runtime} from './runtime.js';
import {type Delays, defaultDelays, type Scheduler, systemScheduler} from './scheduler.js';
import {createStatefulSetController} from './statefulset.js';
import {createWorkQueue} from './work-queue.js';

export type {Scheduler, Delays} from './scheduler.js';
export {defaultDelays, systemScheduler} from './scheduler.js';

/** Options for startControllers. */
export type ControllerOptions = {
	objects: SandboxObjects;
	/** Timers; the real ones by default. Tests pass a manual one to step through time. */
	scheduler?: Scheduler;
	/** The clock, consistent with the scheduler. */
	now?: () => Date;
	/** Step durations; defaultDelays() when absent. */
	delays?: Partial<Delays>;
	/** A controller's unexpected failure (a refused write, a throw); ignored unless given. */
	onError?: (error: unknown, context: string) => void;
};

const factories: ControllerFactory[] = [
	createDeploymentController,
	createReplicaSetController,
	createStatefulSetController,
	createDaemonSetController,
	createJobController,
	createPodScheduler,
	createKubelet,
	createHpaController,
	createServiceLoadBalancerController,
	createIngressController,
	createGarbageCollector,
];

/**
 * Starts every simulated controller on the store: objects already stored are reconciled, then every
 * committed change. Returns stop(), which unsubscribes and clears every timer; nothing runs after it.
 */
export function startControllers(options: ControllerOptions): () => void {
	const scheduler = options.scheduler ?? systemScheduler();
	const now = options.now ?? (() => new Date());
	const onError = options.onError ?? (() => {});
	const byName = new Map<string, Controller>();
	const queue = createWorkQueue({
		scheduler,
		now,
		onError,
		handle: (controller, key) => byName.get(controller)?.reconcile(key),
	});
	const base = createRuntime({objects: options.objects, now, delays: {...defaultDelays(), ...options.delays}, queue, onError, nameSuffix});
	const runtime: Runtime = {...base, events: createEventRecorder(base)};
	const controllers = factories.map(factory => factory(runtime));
	for (const controller of controllers) byName.set(controller.name, controller);

	const unsubscribe = options.objects.subscribe(event => {
		for (const controller of controllers) {
			for (const key of controller.keysFor(event)) queue.enqueue(controller.name, key);
		}
	});
	for (const controller of controllers) {
		if (!controller.primary) continue;
		for (const object of runtime.list(controller.primary)) queue.enqueue(controller.name, keyOf(object));
	}
	let stopped = false;
	return () => {
		if (stopped) return;
		stopped = true;
		unsubscribe();
		queue.stop();
	};
}
