/**
 * A small in-memory SandboxObjects for testing the defaults and simulated controllers without the real
 * store: it defaults every write with applyDefaults (after assigning the uid, as the store must), keeps
 * resourceVersions and generations, enforces optimistic concurrency, keeps status apart from spec writes,
 * and emits StoreEvents synchronously. Reads return copies, so callers cannot change stored objects.
 */
import type {KubeObject} from '../../source/domain/kube-object.js';
import {applyDefaults} from '../../source/sandbox/defaults/index.js';
import type {ResourceType, SandboxObjects, StoreEvent, WriteOptions} from '../../source/sandbox/types.js';

/** One write as the fake saw it. */
export type FakeWrite = {verb: 'create' | 'update' | 'delete'; kind: string; namespace?: string; name: string; manager?: string; subresource?: string};

/** The fake, with what tests inspect. */
export type SandboxObjectsFake = SandboxObjects & {
	types: ResourceType[];
	writes: FakeWrite[];
	/** Every event emitted, in order. */
	events: StoreEvent[];
	/** Listeners currently subscribed. */
	listenerCount(): number;
	/** Shorthand: the type for a kind (throws when not served). */
	typeOf(apiVersion: string, kind: string): ResourceType;
};

type TypeSpec = [group: string, version: string, resource: string, kind: string, namespaced: boolean, status: boolean, generation: boolean];

const specs: TypeSpec[] = [
	['', 'v1', 'namespaces', 'Namespace', false, true, false],
	['', 'v1', 'pods', 'Pod', true, true, false],
	['', 'v1', 'services', 'Service', true, true, false],
	['', 'v1', 'events', 'Event', true, false, false],
	['', 'v1', 'configmaps', 'ConfigMap', true, false, false],
	['', 'v1', 'secrets', 'Secret', true, false, false],
	['', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', true, true, false],
	['apps', 'v1', 'deployments', 'Deployment', true, true, true],
	['apps', 'v1', 'replicasets', 'ReplicaSet', true, true, true],
	['apps', 'v1', 'statefulsets', 'StatefulSet', true, true, true],
	['apps', 'v1', 'daemonsets', 'DaemonSet', true, true, true],
	['batch', 'v1', 'jobs', 'Job', true, true, true],
	['batch', 'v1', 'cronjobs', 'CronJob', true, true, true],
	['networking.k8s.io', 'v1', 'ingresses', 'Ingress', true, true, true],
	['autoscaling', 'v2', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', true, true, false],
];

/** An error shaped like the apiserver's Status reasons, so tests can tell them apart. */
export class FakeStoreError extends Error {
	constructor(readonly reason: 'NotFound' | 'AlreadyExists' | 'Conflict', message: string) {
		super(message);
	}
}

/** Options for the fake: its clock, and which kinds it serves (all of the above by default). */
export type SandboxObjectsFakeOptions = {now?: () => Date; without?: string[]};

/** Creates the fake store. */
export function createSandboxObjectsFake(options: SandboxObjectsFakeOptions = {}): SandboxObjectsFake {
	const now = options.now ?? (() => new Date());
	const kept = specs.filter(spec => !options.without?.includes(spec[3]));
	const types: ResourceType[] = kept.map(([group, version, resource, kind, namespaced, status]) => ({
		group, version, resource, kind, namespaced,
		singular: kind.toLowerCase(), listKind: `${kind}List`,
		verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
		...(status ? {subresources: ['status' as const]} : {}),
	}));
	const behaviour = new Map(types.map((type, index) => [type, {status: kept[index]![5], generation: kept[index]![6]}]));
	const stored = new Map<string, KubeObject>();
	const listeners = new Set<(event: StoreEvent) => void>();
	const writes: FakeWrite[] = [];
	const events: StoreEvent[] = [];
	let resourceVersion = 100;
	let uidCounter = 0;

	const keyOf = (type: ResourceType, namespace: string | undefined, name: string) => `${type.group}/${type.resource}/${type.namespaced ? namespace ?? '' : ''}/${name}`;
	const timestamp = () => now().toISOString().replace(/\.\d+Z$/, 'Z');
	const emit = (event: StoreEvent) => {
		events.push(event);
		for (const listener of [...listeners]) listener(structuredClone(event));
	};
	const typeOf = (apiVersion: string, kind: string) => types.find(type => (type.group ? `${type.group}/${type.version}` : type.version) === apiVersion && type.kind === kind);
	const withoutVolatile = (object: KubeObject) => JSON.stringify({...object, metadata: {...object.metadata, resourceVersion: undefined}});
	const spec = (object: KubeObject) => JSON.stringify(Object.fromEntries(Object.entries(object).filter(([key]) => key !== 'metadata' && key !== 'status')));

	const fake: SandboxObjectsFake = {
		types,
		writes,
		events,
		listenerCount: () => listeners.size,
		typeOf(apiVersion, kind) {
			const type = typeOf(apiVersion, kind);
			if (!type) throw new Error(`not served: ${apiVersion} ${kind}`);
			return type;
		},
		resourceType: typeOf,
		get(type, namespace, name) {
			const object = stored.get(keyOf(type, namespace, name));
			return object && structuredClone(object);
		},
		list(type, namespace) {
			return [...stored.values()]
				.filter(object => typeOf(object.apiVersion, object.kind) === type && (namespace === undefined || object.metadata.namespace === namespace))
				.map(object => structuredClone(object));
		},
		create(type, object, write: WriteOptions) {
			const name = object.metadata.name ?? '';
			const key = keyOf(type, object.metadata.namespace, name);
			if (stored.has(key)) throw new FakeStoreError('AlreadyExists', `${type.resource} "${name}" already exists`);
			const input = structuredClone(object);
			if (behaviour.get(type)?.status) delete input.status;
			input.metadata = {
				...input.metadata,
				uid: `00000000-0000-4000-8000-${String(++uidCounter).padStart(12, '0')}`,
				resourceVersion: String(++resourceVersion),
				creationTimestamp: timestamp(),
				...(behaviour.get(type)?.generation ? {generation: 1} : {}),
			};
			const result = applyDefaults(input);
			stored.set(key, result);
			writes.push({verb: 'create', kind: type.kind, namespace: object.metadata.namespace, name, manager: write.manager});
			emit({type: 'ADDED', object: structuredClone(result), resourceType: type});
			return structuredClone(result);
		},
		update(type, object, write: WriteOptions) {
			const name = object.metadata.name ?? '';
			const key = keyOf(type, object.metadata.namespace, name);
			const existing = stored.get(key);
			if (!existing) throw new FakeStoreError('NotFound', `${type.resource} "${name}" not found`);
			if (object.metadata.resourceVersion && object.metadata.resourceVersion !== existing.metadata.resourceVersion) {
				throw new FakeStoreError('Conflict', `Operation cannot be fulfilled on ${type.resource} "${name}": the object has been modified`);
			}
			let next: KubeObject;
			if (write.subresource === 'status') next = {...structuredClone(existing), status: structuredClone(object.status)};
			else {
				next = structuredClone(object);
				if (behaviour.get(type)?.status) next.status = structuredClone(existing.status);
				next.metadata = {...next.metadata, uid: existing.metadata.uid, creationTimestamp: existing.metadata.creationTimestamp, generation: existing.metadata.generation};
			}
			next = applyDefaults(next);
			if (withoutVolatile(next) === withoutVolatile(existing)) return structuredClone(existing);
			if (behaviour.get(type)?.generation && spec(next) !== spec(existing)) next.metadata.generation = (existing.metadata.generation ?? 0) + 1;
			next.metadata.resourceVersion = String(++resourceVersion);
			stored.set(key, next);
			writes.push({verb: 'update', kind: type.kind, namespace: object.metadata.namespace, name, manager: write.manager, subresource: write.subresource});
			emit({type: 'MODIFIED', object: structuredClone(next), resourceType: type});
			return structuredClone(next);
		},
		delete(type, namespace, name) {
			const key = keyOf(type, namespace, name);
			const existing = stored.get(key);
			if (!existing) return undefined;
			stored.delete(key);
			const gone = {...existing, metadata: {...existing.metadata, resourceVersion: String(++resourceVersion)}};
			writes.push({verb: 'delete', kind: type.kind, namespace, name});
			emit({type: 'DELETED', object: structuredClone(gone), resourceType: type});
			return structuredClone(gone);
		},
		apply() {
			throw new Error('the fake store does no server-side apply: use startSandbox');
		},
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
	};
	return fake;
}
