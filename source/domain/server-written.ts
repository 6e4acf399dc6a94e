import type {FieldPath} from './field-paths.js';
import type {KubeObject} from './kube-object.js';
import {isPlainObject} from './normalise.js';

/**
 * A field the API server (or a built-in controller, or kubectl's own bookkeeping) writes by itself: never drift,
 * in either comparison, and never shown as a change in a diff. `group`/`kind` limit it to one kind; `source` says
 * where in Kubernetes the value is written, so the list can be checked against the real thing.
 */
export type ServerWrittenField = {group?: string; kind?: string; path: FieldPath; source: string};

const metadataField = (name: string, source: string): ServerWrittenField => ({path: [field('metadata'), field(name)], source});
const annotation = (name: string, source: string, group?: string, kind?: string): ServerWrittenField => ({
	...(group !== undefined ? {group} : {}),
	...(kind !== undefined ? {kind} : {}),
	path: [field('metadata'), field('annotations'), field(name)],
	source,
});

/** The one list; both comparisons and the diff text use it. */
export const serverWrittenFields: readonly ServerWrittenField[] = [
	metadataField('uid', 'apiserver: rest.FillObjectMetaSystemFields on create'),
	metadataField('creationTimestamp', 'apiserver: rest.FillObjectMetaSystemFields on create'),
	metadataField('resourceVersion', 'apiserver: etcd3 store, every write'),
	metadataField('generation', 'apiserver: each registry strategy PrepareForCreate/PrepareForUpdate (spec changes)'),
	metadataField('managedFields', 'apiserver: fieldmanager, every write'),
	metadataField('selfLink', 'apiserver: removed in 1.24, still stored by older servers'),
	metadataField('deletionTimestamp', 'apiserver: graceful deletion (registry BeforeDelete)'),
	metadataField('deletionGracePeriodSeconds', 'apiserver: graceful deletion (registry BeforeDelete)'),
	annotation('kubectl.kubernetes.io/last-applied-configuration', 'kubectl client-side apply bookkeeping (a copy of the manifest; holds Secret values)'),
	annotation(
		'deprecated.daemonset.template.generation',
		'apiserver: pkg/registry/apps/daemonset/strategy.go PrepareForCreate/PrepareForUpdate (bumped with the pod template, so a dry-run of a changed template changes it too)',
		'apps',
		'DaemonSet',
	),
	annotation('deployment.kubernetes.io/revision', 'kube-controller-manager: pkg/controller/deployment/sync.go (the rollout revision)', 'apps', 'Deployment'),
];

/** True when `path` (or an ancestor) is server-written for an object of this kind. */
export function isServerWritten(path: FieldPath, object: Pick<KubeObject, 'apiVersion' | 'kind'> | undefined): boolean {
	return fieldsFor(object).some(entry => entry.path.length <= path.length && entry.path.every((segment, index) => sameSegment(segment, path[index])));
}

/**
 * A copy of an object without its server-written fields (and without status), as the exact comparison and the
 * diff text look at it. Annotations left empty are dropped, as the server drops an empty map.
 */
export function withoutServerWritten(object: KubeObject, options: {keepStatus?: boolean} = {}): KubeObject {
	const {status, ...rest} = object;
	const metadata: Record<string, unknown> = {...object.metadata};
	const annotations: Record<string, unknown> | undefined = isPlainObject(metadata.annotations) ? {...metadata.annotations} : undefined;
	for (const entry of fieldsFor(object)) {
		const [, second, third] = entry.path;
		if (entry.path.length === 2 && second?.kind === 'field') delete metadata[second.name];
		if (entry.path.length === 3 && second?.kind === 'field' && second.name === 'annotations' && third?.kind === 'field' && annotations) delete annotations[third.name];
	}

	if (annotations && Object.keys(annotations).length > 0) metadata.annotations = annotations;
	else delete metadata.annotations;
	const result = {...rest, metadata} as KubeObject;
	return options.keepStatus && status !== undefined ? {...result, status} : result;
}

function fieldsFor(object: Pick<KubeObject, 'apiVersion' | 'kind'> | undefined): ServerWrittenField[] {
	const group = object?.apiVersion?.includes('/') ? object.apiVersion.split('/')[0] : '';
	return serverWrittenFields.filter(entry => (entry.kind === undefined || entry.kind === object?.kind) && (entry.group === undefined || entry.group === group));
}

function field(name: string): FieldPath[number] {
	return {kind: 'field', name};
}

function sameSegment(a: FieldPath[number], b: FieldPath[number] | undefined): boolean {
	return b !== undefined && JSON.stringify(a) === JSON.stringify(b);
}
