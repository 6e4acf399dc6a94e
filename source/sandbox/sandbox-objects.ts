/**
 * The store's in-process face (SandboxObjects) for the simulated controllers and seeding: reads
 * and events are copies, so a controller mutating what it got cannot corrupt stored objects.
 */
import type {KubeObject} from '../domain/kube-object.js';
import {clone} from './object-utils.js';
import type {Store, WriteOutcome} from './store.js';
import type {SandboxObjects} from './types.js';

function unwrap(outcome: WriteOutcome): KubeObject {
	if (!outcome.ok) throw new Error(`sandbox store: ${outcome.error.status.message}`);
	return clone(outcome.object);
}

/**
 * Wraps the store. Differences from an HTTP write, on purpose: create keeps the given status (so
 * seeds and controllers can write objects with a status in one step), update does no
 * resourceVersion check (last write wins), and failures throw.
 */
export function createSandboxObjects(store: Store): SandboxObjects {
	return {
		resourceType: (apiVersion, kind) => store.registry.byKind(apiVersion, kind),
		get(type, namespace, name) {
			const object = store.get(type, namespace, name);
			return object && clone(object);
		},
		list: (type, namespace) => store.list(type, namespace).map(clone),
		create: (type, object, options) => unwrap(store.create(type, object, {manager: options.manager, dryRun: options.dryRun})),
		update: (type, object, options) => unwrap(store.update(type, object, {manager: options.manager, subresource: options.subresource, dryRun: options.dryRun})),
		delete(type, namespace, name) {
			const outcome = store.remove(type, namespace, name, {propagationPolicy: 'Background'});
			return outcome.ok ? clone(outcome.object) : undefined;
		},
		apply(type, object, options) {
			const target = {namespace: object.metadata.namespace, name: object.metadata.name ?? ''};
			const outcome = store.apply(type, target, object, {manager: options.manager, force: options.force, dryRun: options.dryRun, requireNamespace: true});
			if (!outcome.ok) return {ok: false, status: outcome.error.status.code ?? 500, message: outcome.error.status.message};
			return {ok: true, object: clone(outcome.object)};
		},
		subscribe: listener =>
			store.subscribe(entry => listener({type: entry.type, object: clone(entry.object), resourceType: entry.resourceType, ...(entry.previous ? {previous: clone(entry.previous)} : {})})),
	};
}
