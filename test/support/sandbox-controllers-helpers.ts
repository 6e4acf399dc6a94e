/**
 * Helpers for the simulated-controller tests: a manual scheduler with a virtual clock (so rollouts and
 * progress deadlines are stepped through deterministically), condition waits on virtual and real time,
 * and small readers over the fake store.
 */
import {afterEach} from 'vitest';
import type {KubeObject} from '../../source/domain/kube-object.js';
import {startControllers, type Scheduler} from '../../source/sandbox/controllers/index.js';
import {createSandboxObjectsFake, type SandboxObjectsFake} from './sandbox-objects-fake.js';

/** A scheduler whose time only moves when the test says so. */
export type ManualClock = {
	scheduler: Scheduler;
	now(): Date;
	/** Moves time forward, running every timer that falls due on the way, in order. */
	advance(ms: number): void;
	/** Timers not yet run. */
	pending(): number;
};

/** Creates a manual clock starting at a fixed instant. */
export function createManualClock(start = Date.parse('2026-11-22T10:00:00Z')): ManualClock {
	let time = start;
	let sequence = 0;
	const timers = new Map<number, {due: number; sequence: number; callback: () => void}>();
	return {
		scheduler: {
			setTimeout(callback, ms) {
				const id = ++sequence;
				timers.set(id, {due: time + Math.max(0, ms), sequence: id, callback});
				return id;
			},
			clearTimeout(handle) {
				timers.delete(handle as number);
			},
		},
		now: () => new Date(time),
		advance(ms) {
			const target = time + ms;
			for (;;) {
				let next: [number, {due: number; sequence: number; callback: () => void}] | undefined;
				for (const entry of timers) {
					if (entry[1].due > target) continue;
					if (!next || entry[1].due < next[1].due || (entry[1].due === next[1].due && entry[1].sequence < next[1].sequence)) next = entry;
				}
				if (!next) break;
				timers.delete(next[0]);
				time = Math.max(time, next[1].due);
				next[1].callback();
			}
			time = target;
		},
		pending: () => timers.size,
	};
}

/**
 * Advances virtual time in steps until the condition holds, failing with a description if it does not
 * within maxMs of virtual time. Returns the virtual ms it took.
 */
export function advanceUntil(clock: ManualClock, condition: () => boolean, options: {maxMs?: number; stepMs?: number; describe?: () => string} = {}): number {
	const {maxMs = 5000, stepMs = 10} = options;
	let elapsed = 0;
	while (!condition()) {
		if (elapsed >= maxMs) throw new Error(`not within ${maxMs} ms of virtual time: ${options.describe?.() ?? 'condition'}`);
		clock.advance(stepMs);
		elapsed += stepMs;
	}
	return elapsed;
}

/** Polls in real time until the condition holds or the deadline passes. */
export async function waitUntilReal(condition: () => boolean, options: {timeoutMs?: number; describe?: () => string} = {}): Promise<void> {
	const deadline = Date.now() + (options.timeoutMs ?? 5000);
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${options.describe?.() ?? 'a condition'}`);
		await new Promise(resolve => setTimeout(resolve, 10));
	}
}

/** Typed readers over the fake store. */
export function readers(store: SandboxObjectsFake) {
	const list = (apiVersion: string, kind: string, namespace?: string) => store.list(store.typeOf(apiVersion, kind), namespace);
	const get = (apiVersion: string, kind: string, namespace: string | undefined, name: string) => store.get(store.typeOf(apiVersion, kind), namespace, name);
	return {
		list,
		get,
		deployment: (namespace: string, name: string) => get('apps/v1', 'Deployment', namespace, name),
		replicaSets: (namespace: string) => list('apps/v1', 'ReplicaSet', namespace),
		pods: (namespace: string) => list('v1', 'Pod', namespace),
		events: (namespace: string) => list('v1', 'Event', namespace) as EventObject[],
		create: (object: KubeObject) => store.create(store.typeOf(object.apiVersion, object.kind), object, {manager: 'kubectl'}),
		update: (object: KubeObject) => store.update(store.typeOf(object.apiVersion, object.kind), object, {manager: 'kubectl'}),
		remove: (object: KubeObject) => store.delete(store.typeOf(object.apiVersion, object.kind), object.metadata.namespace, object.metadata.name ?? ''),
	};
}

/** A core v1 Event, loosely typed for assertions. */
export type EventObject = KubeObject & {
	reason: string;
	message: string;
	type: string;
	count: number;
	firstTimestamp: string;
	lastTimestamp: string;
	involvedObject: {kind: string; name: string; namespace?: string; uid?: string; fieldPath?: string; apiVersion: string};
	source: {component: string; host?: string};
	reportingComponent: string;
};

/** Status of an object, loosely typed. */
export function statusOf(object: KubeObject | undefined): Record<string, any> {
	return (object?.status ?? {}) as Record<string, any>;
}

/** A condition of an object's status. */
export function conditionOf(object: KubeObject | undefined, type: string): Record<string, any> | undefined {
	return (statusOf(object).conditions as Array<Record<string, any>> | undefined)?.find(item => item.type === type);
}

/** Whether a pod is Running with its Ready condition True. */
export function isRunningReady(pod: KubeObject): boolean {
	return statusOf(pod).phase === 'Running' && conditionOf(pod, 'Ready')?.status === 'True';
}

/** A Deployment manifest. */
export function deploymentManifest(options: {name?: string; namespace?: string; replicas?: number; image?: string; strategy?: unknown; progressDeadlineSeconds?: number}): KubeObject {
	const name = options.name ?? 'web';
	return {
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: {name, namespace: options.namespace ?? 'shop'},
		spec: {
			replicas: options.replicas ?? 2,
			...(options.strategy ? {strategy: options.strategy} : {}),
			...(options.progressDeadlineSeconds ? {progressDeadlineSeconds: options.progressDeadlineSeconds} : {}),
			selector: {matchLabels: {app: name}},
			template: {
				metadata: {labels: {app: name}},
				spec: {containers: [{name, image: options.image ?? 'nginx:1.25', ports: [{containerPort: 8080}], resources: {limits: {cpu: '1000m', memory: '0.5Gi'}}}]},
			},
		},
	};
}

/**
 * A world for controller tests: a manual clock, the fake store and the controllers running on it, stopped
 * after each test. Call once per file; call the returned function in each test.
 */
export function controllerWorlds() {
	const stops: Array<() => void> = [];
	afterEach(() => {
		for (const stop of stops.splice(0)) stop();
	});
	return () => {
		const clock = createManualClock();
		const store = createSandboxObjectsFake({now: clock.now});
		const errors: string[] = [];
		stops.push(startControllers({objects: store, scheduler: clock.scheduler, now: clock.now, onError: (error, context) => errors.push(`${context}: ${String(error)}`)}));
		return {clock, store, errors, ...readers(store)};
	};
}
