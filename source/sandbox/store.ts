/**
 * The object store: one resourceVersion counter for everything, uid/creationTimestamp/generation,
 * status subresource rules, defaults and managedFields on every write (dry-run included), no-op
 * detection, finalizers and owner-reference garbage collection. Failures are ApiError values.
 */
import {randomUUID} from 'node:crypto';
import type {KubeObject} from '../domain/kube-object.js';
import type {FieldManagement} from './field-management.js';
import {createEventHistory, type EventHistory, type HistoryEntry} from './history.js';
import {stampTemplateGeneration} from './defaults/daemonset.js';
import {clone, ordered, sameIgnoringTimestamps, specChanged, timestamp} from './object-utils.js';
import {initialStatus} from './initial-status.js';
import {createObjectIndex} from './object-index.js';
import type {Registry} from './registry.js';
import {alreadyExists, applyConflict, badRequest, conflict, invalid, notFound, preconditionFailed, type ApiError} from './status-errors.js';
import type {ResourceType} from './types.js';
import {validateObject, type ValidationCause} from './validation.js';

export type StoreDeps = {
	registry: Registry;
	now: () => Date;
	/** Server defaults (pure, idempotent), run on every write. */
	defaults: (object: KubeObject) => KubeObject;
	fields: FieldManagement;
	/** How many changes watches can resume from. */
	historyLimit: number;
	newUid?: () => string;
};

/** A write's result: the object as stored (or as it would be, for dry-run), or an error. */
export type WriteOutcome = {ok: true; object: KubeObject; created: boolean; unchanged: boolean} | {ok: false; error: ApiError};

export type CreateOptions = {
	manager: string;
	dryRun?: boolean;
	/** HTTP creates: status is dropped for kinds with a status subresource, as the apiserver does. */
	resetStatus?: boolean;
	/** HTTP creates: a namespaced object needs its namespace to exist (404 otherwise). */
	requireNamespace?: boolean;
	/** Seeding: keep a given uid and creationTimestamp so seeded ownerReferences and ages hold. */
	keepIdentity?: boolean;
};
export type UpdateOptions = {manager: string; subresource?: 'status'; dryRun?: boolean; checkResourceVersion?: boolean};
export type ApplyOptions = {manager: string; force: boolean; subresource?: 'status'; dryRun?: boolean; requireNamespace?: boolean};
export type RemoveOptions = {dryRun?: boolean; propagationPolicy?: string; preconditions?: {uid?: string; resourceVersion?: string}};

/** The store as the HTTP layer uses it. */
export type Store = {
	registry: Registry;
	/** The resourceVersion of the last committed change. */
	revision(): number;
	get(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined;
	/** Objects of a type in storage order (namespace, then name); all namespaces when omitted. */
	list(type: ResourceType, namespace?: string): KubeObject[];
	/** Objects of a type in storage order from the key `start` on (namespace/name; see object-index.ts); read it before the next write. */
	scan(type: ResourceType, namespace: string | undefined, start?: string): Iterable<KubeObject>;
	/** How many objects of a type have a key ≥ `start` (within one namespace when given). */
	countFrom(type: ResourceType, namespace: string | undefined, start?: string): number;
	namespaceExists(namespace: string): boolean;
	create(type: ResourceType, object: KubeObject, options: CreateOptions): WriteOutcome;
	update(type: ResourceType, object: KubeObject, options: UpdateOptions): WriteOutcome;
	apply(type: ResourceType, target: {namespace?: string; name: string}, applied: KubeObject, options: ApplyOptions): WriteOutcome;
	remove(type: ResourceType, namespace: string | undefined, name: string, options: RemoveOptions): WriteOutcome;
	history: EventHistory;
	/** Every committed change in commit order; returns the unsubscribe function. */
	subscribe(listener: (entry: HistoryEntry) => void): () => void;
};

const generateAlphabet = 'bcdfghjklmnpqrstvwxz2456789';
const target = (type: ResourceType, name: string) => ({group: type.group, resource: type.resource, name});

export function createStore(deps: StoreDeps): Store {
	const {registry, fields} = deps;
	const newUid = deps.newUid ?? randomUUID;
	const index = createObjectIndex();
	const history = createEventHistory(deps.historyLimit);
	const listeners = new Set<(entry: HistoryEntry) => void>();
	const pending: HistoryEntry[] = [];
	let delivering = false;
	let counter = 0;

	const resolve = (type: ResourceType) => registry.byResource(type.group, type.version, type.resource) ?? type;
	const now = () => timestamp(deps.now());
	const invalidObject = (type: ResourceType, object: KubeObject, causes: ValidationCause[]): WriteOutcome => ({
		ok: false,
		error: invalid({group: type.group, kind: object.kind, name: object.metadata.name ?? '', causes}),
	});
	const failed = (error: ApiError): WriteOutcome => ({ok: false, error});

	function deliver(entry: HistoryEntry) {
		// Listeners (controllers) may write while handling an event: queue so every listener sees
		// changes in commit order.
		pending.push(entry);
		if (delivering) return;
		delivering = true;
		try {
			for (let next = pending.shift(); next; next = pending.shift()) {
				for (const listener of [...listeners]) {
					try {
						listener(next);
					} catch {
						// A failing listener must not break the write or the other listeners.
					}
				}
			}
		} finally {
			delivering = false;
		}
	}

	function commit(type: ResourceType, kind: HistoryEntry['type'], previous: KubeObject | undefined, object: KubeObject): KubeObject {
		const revision = ++counter;
		const stored = {...object, metadata: {...object.metadata, resourceVersion: String(revision)}};
		if (kind === 'DELETED') index.remove(type, previous ?? stored);
		else index.put(type, stored, previous);
		const entry: HistoryEntry = {type: kind, object: stored, resourceType: type, revision};
		if (previous) entry.previous = previous;
		history.push(entry);
		deliver(entry);
		return stored;
	}

	const get = (type: ResourceType, namespace: string | undefined, name: string) => index.get(resolve(type), namespace, name);
	const list = (type: ResourceType, namespace?: string) => index.list(resolve(type), namespace);

	const namespaceType = registry.byResource('', 'v1', 'namespaces')!;
	const namespaceExists = (namespace: string) => index.get(namespaceType, undefined, namespace) !== undefined;

	function uniqueName(type: ResourceType, namespace: string | undefined, prefix: string): string {
		for (;;) {
			let suffix = '';
			for (let i = 0; i < 5; i++) suffix += generateAlphabet[Math.floor(Math.random() * generateAlphabet.length)];
			if (!get(type, namespace, prefix + suffix)) return prefix + suffix;
		}
	}

	function finishCreate(type: ResourceType, object: KubeObject, dryRun: boolean | undefined): WriteOutcome {
		const result = ordered(object);
		if (dryRun) return {ok: true, object: result, created: true, unchanged: false};
		return {ok: true, object: commit(type, 'ADDED', undefined, result), created: true, unchanged: false};
	}

	function create(typeIn: ResourceType, input: KubeObject, options: CreateOptions): WriteOutcome {
		const type = resolve(typeIn);
		const object = clone(input);
		object.apiVersion ||= type.group ? `${type.group}/${type.version}` : type.version;
		object.kind ||= type.kind;
		const meta = (object.metadata ??= {});
		if (!type.namespaced) delete meta.namespace;
		else meta.namespace ||= 'default';
		if (!meta.name && meta.generateName) meta.name = uniqueName(type, meta.namespace, meta.generateName);
		if (!meta.name) return invalidObject(type, object, [{field: 'metadata.name', message: 'Required value: name or generateName is required', reason: 'FieldValueRequired'}]);
		const causes = validateObject(object);
		if (causes.length > 0) return invalidObject(type, object, causes);
		if (options.requireNamespace && type.namespaced && !namespaceExists(meta.namespace!)) return failed(notFound({group: '', resource: 'namespaces', name: meta.namespace!}));
		if (get(type, meta.namespace, meta.name)) return failed(alreadyExists(target(type, meta.name)));
		const {uid, creationTimestamp} = meta;
		for (const field of ['uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation', 'managedFields', 'selfLink']) delete meta[field];
		meta.uid = options.keepIdentity && uid ? uid : newUid();
		meta.creationTimestamp = options.keepIdentity && creationTimestamp ? creationTimestamp : now();
		if (registry.hasGeneration(type)) meta.generation = 1;
		if (options.resetStatus && registry.hasStatus(type)) {
			delete object['status'];
			const status = initialStatus(object, registry.isCustom(type));
			if (status) object['status'] = status;
		}
		const defaulted = deps.defaults(object);
		const recorded = fields.recordUpdate({before: undefined, after: defaulted, manager: options.manager, now: now(), statusSubresource: registry.hasStatus(type) && options.resetStatus});
		return finishCreate(type, recorded, options.dryRun);
	}

	/** The shared tail of update, patch and apply: generation, no-op detection, dry-run, finalizers. */
	function finishUpdate(type: ResourceType, live: KubeObject, after: KubeObject, dryRun: boolean | undefined): WriteOutcome {
		if (registry.hasGeneration(type) && specChanged(live, after, registry.hasStatus(type))) after.metadata.generation = (live.metadata.generation ?? 0) + 1;
		stampTemplateGeneration(live, after);
		const result = ordered(after);
		if (sameIgnoringTimestamps(live, result)) return {ok: true, object: live, created: false, unchanged: true};
		result.metadata.resourceVersion = live.metadata.resourceVersion;
		if (dryRun) return {ok: true, object: result, created: false, unchanged: false};
		if (result.metadata.deletionTimestamp && !result.metadata.finalizers?.length) {
			const gone = commit(type, 'DELETED', live, result);
			collectDependents(gone, undefined);
			return {ok: true, object: gone, created: false, unchanged: false};
		}
		return {ok: true, object: commit(type, 'MODIFIED', live, result), created: false, unchanged: false};
	}

	/** Keeps what clients cannot change through the main resource. */
	function carryServerFields(type: ResourceType, live: KubeObject, after: KubeObject) {
		const meta: Record<string, unknown> = after.metadata;
		for (const field of ['name', 'namespace', 'uid', 'creationTimestamp', 'generation', 'deletionTimestamp', 'deletionGracePeriodSeconds']) {
			if (live.metadata[field] === undefined) delete meta[field];
			else meta[field] = live.metadata[field];
		}
		if (registry.hasStatus(type)) {
			if (live['status'] === undefined) delete after['status'];
			else after['status'] = clone(live['status']);
		}
		// An object being deleted may lose finalizers but not gain new ones.
		const finalizers = after.metadata.finalizers;
		if (live.metadata.deletionTimestamp && finalizers) after.metadata.finalizers = finalizers.filter(f => live.metadata.finalizers?.includes(f));
	}

	function update(typeIn: ResourceType, input: KubeObject, options: UpdateOptions): WriteOutcome {
		const type = resolve(typeIn);
		const name = input.metadata?.name ?? '';
		const live = get(type, input.metadata?.namespace, name);
		if (!live) return failed(notFound(target(type, name)));
		const requested = input.metadata.resourceVersion;
		if (options.checkResourceVersion && requested && requested !== live.metadata.resourceVersion) return failed(conflict(target(type, name)));
		let after: KubeObject;
		if (options.subresource === 'status') {
			after = clone(live);
			if (input['status'] === undefined) delete after['status'];
			else after['status'] = clone(input['status']);
		} else {
			after = clone(input);
			after.apiVersion = live.apiVersion;
			after.kind = live.kind;
			carryServerFields(type, live, after);
			const causes = validateObject(after);
			if (causes.length > 0) return invalidObject(type, after, causes);
		}
		const defaulted = deps.defaults(after);
		const recorded = fields.recordUpdate({
			before: live,
			after: defaulted,
			manager: options.manager,
			subresource: options.subresource,
			now: now(),
			statusSubresource: registry.hasStatus(type),
		});
		return finishUpdate(type, live, recorded, options.dryRun);
	}

	function apply(typeIn: ResourceType, where: {namespace?: string; name: string}, input: KubeObject, options: ApplyOptions): WriteOutcome {
		const type = resolve(typeIn);
		const namespace = type.namespaced ? where.namespace : undefined;
		const live = get(type, namespace, where.name);
		const applied = clone(input);
		const meta = (applied.metadata ??= {});
		if (meta.managedFields !== undefined) return failed(badRequest('metadata.managedFields must be nil'));
		if (live && meta.resourceVersion && meta.resourceVersion !== live.metadata.resourceVersion) return failed(conflict(target(type, where.name)));
		if (live && meta.uid && meta.uid !== live.metadata.uid) return failed(conflict(target(type, where.name)));
		for (const field of ['uid', 'resourceVersion', 'creationTimestamp', 'generation', 'selfLink']) delete meta[field];
		// A new object gets its identity before defaulting (a Job's generated selector uses the uid).
		if (!live) {
			meta.uid = newUid();
			meta.creationTimestamp = now();
		}
		meta.name = where.name;
		if (namespace) meta.namespace = namespace;
		else delete meta.namespace;
		// Status is reset on the main resource: appliers never own it there.
		if (options.subresource !== 'status' && registry.hasStatus(type)) delete applied['status'];
		if (!live) {
			const causes = validateObject(applied);
			if (causes.length > 0) return invalidObject(type, applied, causes);
			if (options.requireNamespace && namespace && !namespaceExists(namespace)) return failed(notFound({group: '', resource: 'namespaces', name: namespace}));
		}
		const result = fields.serverSideApply({
			live,
			applied,
			manager: options.manager,
			force: options.force,
			now: now(),
			defaults: object => deps.defaults(object),
		});
		if (!result.ok) {
			if ('conflicts' in result) return failed(applyConflict(fields.conflictMessage(result.conflicts), fields.conflictCauses(result.conflicts)));
			return failed(badRequest(result.invalid));
		}
		const after = clone(result.object);
		if (!live) {
			after.metadata.uid = meta.uid;
			after.metadata.creationTimestamp = meta.creationTimestamp;
			if (registry.hasGeneration(type)) after.metadata.generation = 1;
			const status = registry.hasStatus(type) ? initialStatus(after, registry.isCustom(type)) : undefined;
			if (status && after['status'] === undefined) after['status'] = status;
			return finishCreate(type, after, options.dryRun);
		}
		if (options.subresource === 'status') {
			const statusOnly = clone(live);
			statusOnly['status'] = after['status'];
			statusOnly.metadata.managedFields = after.metadata.managedFields;
			return finishUpdate(type, live, statusOnly, options.dryRun);
		}
		carryServerFields(type, live, after);
		const causes = validateObject(after);
		if (causes.length > 0) return invalidObject(type, after, causes);
		return finishUpdate(type, live, after, options.dryRun);
	}

	/** Background GC: dependents whose owners are all gone are deleted; Orphan drops the reference. */
	function collectDependents(owner: KubeObject, policy: string | undefined) {
		const ownerUid = owner.metadata.uid!;
		for (const uid of index.dependentsOf(ownerUid)) {
			const found = index.byUid(uid);
			if (!found) continue;
			const {type, object: dependent} = found;
			const remaining = (dependent.metadata.ownerReferences ?? []).filter(ref => ref.uid !== ownerUid && index.byUid(ref.uid));
			if (policy !== 'Orphan' && remaining.length === 0) {
				remove(type, dependent.metadata.namespace, dependent.metadata.name!, {propagationPolicy: 'Background'});
				continue;
			}
			const after = clone(dependent);
			after.metadata.ownerReferences = (dependent.metadata.ownerReferences ?? []).filter(ref => ref.uid !== ownerUid);
			if (after.metadata.ownerReferences.length === 0) delete after.metadata.ownerReferences;
			const recorded = fields.recordUpdate({before: dependent, after, manager: 'kube-controller-manager', now: now(), statusSubresource: registry.hasStatus(type)});
			commit(type, 'MODIFIED', dependent, recorded);
		}
	}

	/** Deleting a namespace deletes everything in it first (the namespace controller's job). */
	function emptyNamespace(namespace: KubeObject) {
		const terminating = clone(namespace);
		terminating.metadata.deletionTimestamp = now();
		terminating['status'] = {phase: 'Terminating'};
		commit(namespaceType, 'MODIFIED', namespace, terminating);
		for (const type of registry.all()) {
			if (!type.namespaced) continue;
			for (const object of list(type, namespace.metadata.name)) {
				const current = get(type, object.metadata.namespace, object.metadata.name!);
				if (current) collectDependents(commit(type, 'DELETED', current, current), undefined);
			}
		}
		return get(namespaceType, undefined, namespace.metadata.name!)!;
	}

	function remove(typeIn: ResourceType, namespace: string | undefined, name: string, options: RemoveOptions): WriteOutcome {
		const type = resolve(typeIn);
		let live = get(type, namespace, name);
		if (!live) return failed(notFound(target(type, name)));
		const {uid, resourceVersion} = options.preconditions ?? {};
		if (uid && uid !== live.metadata.uid) return failed(preconditionFailed(target(type, name), `UID in precondition: ${uid}, UID in object meta: ${live.metadata.uid}`));
		if (resourceVersion && resourceVersion !== live.metadata.resourceVersion) {
			return failed(preconditionFailed(target(type, name), `ResourceVersion in precondition: ${resourceVersion}, ResourceVersion in object meta: ${live.metadata.resourceVersion}`));
		}
		if (live.metadata.finalizers?.length) {
			if (live.metadata.deletionTimestamp) return {ok: true, object: live, created: false, unchanged: true};
			const marked = clone(live);
			marked.metadata.deletionTimestamp = now();
			marked.metadata.deletionGracePeriodSeconds = 0;
			if (marked.metadata.generation !== undefined) marked.metadata.generation += 1;
			if (options.dryRun) return {ok: true, object: marked, created: false, unchanged: false};
			return {ok: true, object: commit(type, 'MODIFIED', live, marked), created: false, unchanged: false};
		}
		if (options.dryRun) return {ok: true, object: live, created: false, unchanged: false};
		if (type === namespaceType) live = emptyNamespace(live);
		const gone = commit(type, 'DELETED', live, live);
		collectDependents(gone, options.propagationPolicy);
		return {ok: true, object: gone, created: false, unchanged: false};
	}

	return {
		registry,
		revision: () => counter,
		get,
		list,
		scan: (type, namespace, start) => index.scan(resolve(type), namespace, start),
		countFrom: (type, namespace, start) => index.countFrom(resolve(type), namespace, start),
		namespaceExists,
		create,
		update,
		apply,
		remove,
		history,
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
	};
}
