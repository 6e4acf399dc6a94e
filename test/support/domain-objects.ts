import type {KubeObject, ManagedFieldsEntry} from '../../source/domain/kube-object.js';

/** A small object builder for domain tests: apiVersion, kind, name, namespace, then any top-level fields. */
export function kubeObject(
	apiVersion: string,
	kind: string,
	name: string,
	namespace: string | undefined,
	rest: Record<string, unknown> = {},
	metadata: Record<string, unknown> = {},
): KubeObject {
	return {
		apiVersion,
		kind,
		metadata: {name, ...(namespace === undefined ? {} : {namespace}), ...metadata},
		...rest,
	};
}

/** One managedFields entry owning the given fieldsV1 trie. */
export function managedEntry(
	manager: string,
	fieldsV1: ManagedFieldsEntry['fieldsV1'],
	options: Partial<Pick<ManagedFieldsEntry, 'operation' | 'time' | 'subresource'>> = {},
): ManagedFieldsEntry {
	return {
		manager,
		operation: options.operation ?? 'Apply',
		apiVersion: 'apps/v1',
		time: options.time ?? '2026-01-10T08:00:00Z',
		fieldsType: 'FieldsV1',
		fieldsV1,
		...(options.subresource ? {subresource: options.subresource} : {}),
	};
}
