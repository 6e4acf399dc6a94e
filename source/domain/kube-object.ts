/**
 * The shape every layer agrees on for a raw Kubernetes object: loose on purpose, since manifests
 * and live objects carry arbitrary fields. Edges narrow it into domain types once.
 */
export type KubeObject = {
	apiVersion: string;
	kind: string;
	metadata: ObjectMeta;
	[field: string]: unknown;
};

export type ObjectMeta = {
	name?: string;
	generateName?: string;
	namespace?: string;
	uid?: string;
	resourceVersion?: string;
	generation?: number;
	creationTimestamp?: string;
	deletionTimestamp?: string;
	labels?: Record<string, string>;
	annotations?: Record<string, string>;
	ownerReferences?: OwnerReference[];
	managedFields?: ManagedFieldsEntry[];
	finalizers?: string[];
	[field: string]: unknown;
};

export type OwnerReference = {
	apiVersion: string;
	kind: string;
	name: string;
	uid: string;
	controller?: boolean;
	blockOwnerDeletion?: boolean;
};

/** One entry of metadata.managedFields, as the apiserver writes it. */
export type ManagedFieldsEntry = {
	manager: string;
	operation: 'Apply' | 'Update';
	apiVersion: string;
	time?: string;
	fieldsType: 'FieldsV1';
	fieldsV1: FieldsV1;
	subresource?: string;
};

/** The apiserver's trie of owned fields: keys like `f:spec`, `k:{"name":"web"}`, `v:"x"`, `.`. */
export type FieldsV1 = {[key: string]: FieldsV1};

/** Splits `apps/v1` into group and version; the core group is the empty string. */
export function splitApiVersion(apiVersion: string): {group: string; version: string} {
	const slash = apiVersion.indexOf('/');
	return slash === -1
		? {group: '', version: apiVersion}
		: {group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1)};
}
