/**
 * Seeding: objects written straight into the store by manager `sandbox-seed`, defaulted and
 * versioned like any write, keeping given uids, creation times and statuses (demo data needs
 * owner references, ages and controller verdicts), creating missing namespaces first.
 */
import type {KubeObject} from '../domain/kube-object.js';
import type {Store} from './store.js';

export const seedManager = 'sandbox-seed';

/** Seeds the objects in order; throws on an unknown kind or an invalid object. */
export function seedObjects(store: Store, objects: KubeObject[]): void {
	const {registry} = store;
	const namespaceType = registry.byResource('', 'v1', 'namespaces')!;
	for (const object of objects) {
		const type = registry.byKind(object.apiVersion, object.kind);
		if (!type) throw new Error(`sandbox seed: ${object.apiVersion} ${object.kind} is not served`);
		const namespace = type.namespaced ? (object.metadata.namespace ?? 'default') : undefined;
		if (namespace && !store.namespaceExists(namespace)) {
			const created = store.create(namespaceType, {apiVersion: 'v1', kind: 'Namespace', metadata: {name: namespace}}, {manager: seedManager});
			if (!created.ok) throw new Error(`sandbox seed: namespace ${namespace}: ${created.error.status.message}`);
		}
		const input = {...object, metadata: {...object.metadata, namespace}};
		const existing = store.get(type, namespace, object.metadata.name ?? '');
		const outcome = existing
			? store.update(type, {...input, metadata: {...input.metadata, resourceVersion: undefined}}, {manager: seedManager})
			: store.create(type, input, {manager: seedManager, keepIdentity: true});
		if (!outcome.ok) throw new Error(`sandbox seed: ${object.kind} ${object.metadata.name}: ${outcome.error.status.message}`);
		// An update through the main resource keeps the live status; a seed sets it as given.
		if (existing && object['status'] !== undefined && registry.hasStatus(type)) {
			store.update(type, input, {manager: seedManager, subresource: 'status'});
		}
	}
}

/** The namespaces a real apiserver creates at start-up (kubeconfig contexts default to `default`). */
export function createSystemNamespaces(store: Store): void {
	const namespaceType = store.registry.byResource('', 'v1', 'namespaces')!;
	for (const name of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
		if (!store.namespaceExists(name)) store.create(namespaceType, {apiVersion: 'v1', kind: 'Namespace', metadata: {name}}, {manager: 'kube-apiserver'});
	}
}
