import {splitApiVersion, type KubeObject} from './kube-object.js';

/**
 * Identifies one Kubernetes object. `namespace` is '' for cluster-scoped objects and `group` is '' for the core
 * group. `version` is carried for display and requests but is not part of the identity: the same object can be
 * read through several versions.
 */
export type ResourceKey = {
	group: string;
	version: string;
	kind: string;
	namespace: string;
	name: string;
};

/** Tells whether a kind is namespaced; undefined when the caller does not know (treated as namespaced). */
export type IsNamespaced = (group: string, kind: string) => boolean | undefined;

/**
 * The key of an object. A namespaced object that names no namespace gets `defaultNamespace` (what kubectl and the
 * controllers do); a cluster-scoped one never gets a namespace, even if the manifest wrongly names one.
 */
export function resourceKeyOf(
	object: KubeObject,
	options: {defaultNamespace?: string; isNamespaced?: IsNamespaced} = {},
): ResourceKey {
	const {group, version} = splitApiVersion(object.apiVersion ?? '');
	const namespaced = options.isNamespaced?.(group, object.kind) ?? true;
	const namespace = namespaced ? object.metadata?.namespace || options.defaultNamespace || '' : '';
	return {group, version, kind: object.kind, namespace, name: object.metadata?.name ?? ''};
}

/**
 * The stable string form used as identity: `group/Kind/namespace/name` (as gitops-engine writes it), so
 * `/Service/shop/web` or `apps/Deployment/shop/web`. The version is left out on purpose.
 */
export function resourceId(key: Pick<ResourceKey, 'group' | 'kind' | 'namespace' | 'name'>): string {
	return `${key.group}/${key.kind}/${key.namespace}/${key.name}`;
}

/** A human label: `Deployment shop/web`, `ClusterRole admin`. */
export function resourceLabel(key: ResourceKey): string {
	return key.namespace ? `${key.kind} ${key.namespace}/${key.name}` : `${key.kind} ${key.name}`;
}

/** Orders keys by group, kind, namespace, name (code-point order, locale-free), for stable output. */
export function compareResourceKeys(a: ResourceKey, b: ResourceKey): number {
	for (const field of ['group', 'kind', 'namespace', 'name'] as const) {
		if (a[field] !== b[field]) return a[field] < b[field] ? -1 : 1;
	}

	return 0;
}
