/**
 * Which kinds to read on an app's context: every kind it desires, every kind its controller says it manages
 * (Flux inventory, Argo CD's resource list), and, for apps owned by label or annotation, the common kinds an
 * Extra object may have. Secrets are read only when something names them, so a cluster's Secrets are not all
 * pulled into memory for nothing.
 */
import {splitApiVersion, type KubeObject} from '../domain/kube-object.js';
import type {KindRef} from '../cluster/discovery.js';
import type {AppDefinition} from './engine.js';

/** Kinds an object owned only by a label or annotation is commonly of. */
export const commonAppKinds: readonly KindRef[] = [
	{group: '', version: 'v1', kind: 'ConfigMap'},
	{group: '', version: 'v1', kind: 'Service'},
	{group: '', version: 'v1', kind: 'ServiceAccount'},
	{group: '', version: 'v1', kind: 'PersistentVolumeClaim'},
	{group: 'apps', version: 'v1', kind: 'Deployment'},
	{group: 'apps', version: 'v1', kind: 'StatefulSet'},
	{group: 'apps', version: 'v1', kind: 'DaemonSet'},
	{group: 'batch', version: 'v1', kind: 'Job'},
	{group: 'batch', version: 'v1', kind: 'CronJob'},
	{group: 'networking.k8s.io', version: 'v1', kind: 'Ingress'},
	{group: 'autoscaling', version: 'v2', kind: 'HorizontalPodAutoscaler'},
];

/** The kinds to list for an app, each once (the first version named wins). */
export function liveKindsFor(app: AppDefinition, desired: readonly KubeObject[]): KindRef[] {
	const kinds = new Map<string, KindRef>();
	const add = (ref: KindRef) => {
		if (ref.kind && ref.version && !kinds.has(`${ref.group}/${ref.kind}`)) kinds.set(`${ref.group}/${ref.kind}`, ref);
	};

	for (const object of desired) {
		const {group, version} = splitApiVersion(object.apiVersion ?? '');
		add({group, version, kind: object.kind});
	}

	for (const ref of app.liveKinds) add(ref);
	if (app.ownership.some(rule => rule.kind !== 'inventory')) for (const ref of commonAppKinds) add(ref);
	return [...kinds.values()];
}
