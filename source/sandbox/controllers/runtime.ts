/**
 * What every simulated controller works through: typed reads and writes on the sandbox's objects (with the
 * manager a real controller uses, status through the status subresource), the clock, the queue, events.
 */
import type {KubeObject} from '../../domain/kube-object.js';
import type {SandboxObjects} from '../types.js';
import type {EventRecorder} from './events.js';
import type {KindRef} from './kinds.js';
import type {Delays} from './scheduler.js';
import type {WorkQueue} from './work-queue.js';

/** The controllers' shared services. */
export type Runtime = {
	objects: SandboxObjects;
	delays: Delays;
	now(): Date;
	/** The time as the apiserver writes it: RFC 3339, whole seconds. */
	timestamp(): string;
	get(ref: KindRef, namespace: string | undefined, name: string): KubeObject | undefined;
	list(ref: KindRef, namespace?: string): KubeObject[];
	/** Creates; undefined when the kind is not served or the store refused (reported through onError). */
	create(object: KubeObject, manager: string): KubeObject | undefined;
	/** Replaces the object (spec and metadata); its status is not taken. */
	update(object: KubeObject, manager: string): KubeObject | undefined;
	/** Writes .status through the status subresource. */
	updateStatus(object: KubeObject, status: unknown, manager: string): KubeObject | undefined;
	remove(object: KubeObject): void;
	served(ref: KindRef): boolean;
	queue: WorkQueue;
	events: EventRecorder;
	/** A fresh, store-unique name `<prefix><5 chars>`, as generateName would give. */
	generateName(ref: KindRef, namespace: string | undefined, prefix: string): string;
};

/** Options for createRuntime (events are attached after, as the recorder needs the runtime). */
export type RuntimeOptions = {
	objects: SandboxObjects;
	now: () => Date;
	delays: Delays;
	queue: WorkQueue;
	onError(error: unknown, context: string): void;
	nameSuffix(seed: string): string;
};

/** Builds the runtime; `events` must be assigned before use. */
export function createRuntime(options: RuntimeOptions): Omit<Runtime, 'events'> {
	const {objects, now, onError} = options;
	let nameCounter = 0;
	const typeOf = (ref: KindRef) => objects.resourceType(ref.apiVersion, ref.kind);
	const guarded = <T>(context: string, action: () => T): T | undefined => {
		try {
			return action();
		} catch (error) {
			onError(error, context);
			return undefined;
		}
	};
	const describe = (verb: string, object: KubeObject) => `${verb} ${object.kind} ${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}`;
	const runtime: Omit<Runtime, 'events'> = {
		objects,
		delays: options.delays,
		now,
		timestamp: () => now().toISOString().replace(/\.\d+Z$/, 'Z'),
		get(ref, namespace, name) {
			const type = typeOf(ref);
			return type && objects.get(type, type.namespaced ? namespace : undefined, name);
		},
		list(ref, namespace) {
			const type = typeOf(ref);
			return type ? objects.list(type, namespace) : [];
		},
		create(object, manager) {
			const type = typeOf(object);
			return type && guarded(describe('create', object), () => objects.create(type, object, {manager}));
		},
		update(object, manager) {
			const type = typeOf(object);
			return type && guarded(describe('update', object), () => objects.update(type, object, {manager}));
		},
		updateStatus(object, status, manager) {
			const type = typeOf(object);
			return type && guarded(describe('update status of', object), () => objects.update(type, {...object, status}, {manager, subresource: 'status'}));
		},
		remove(object) {
			const type = typeOf(object);
			if (type) guarded(describe('delete', object), () => objects.delete(type, object.metadata.namespace, object.metadata.name ?? ''));
		},
		served: ref => typeOf(ref) !== undefined,
		queue: options.queue,
		generateName(ref, namespace, prefix) {
			for (;;) {
				const name = `${prefix}${options.nameSuffix(`${prefix}/${nameCounter++}`)}`;
				if (!runtime.get(ref, namespace, name)) return name;
			}
		},
	};
	return runtime;
}
