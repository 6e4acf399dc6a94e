/**
 * Raw objects from the apiserver become lean live objects here, once: managedFields are replaced by the
 * compact per-manager summary, the last-applied annotation (a full copy of the object) and selfLink go,
 * and the rest (spec, status, data, ...) stays for verdicts, health and trees.
 *
 * Most objects of one kind are owned in the same shape (`.metadata.labels.app`, `.spec.replicas`), so the
 * projector remembers each distinct fieldsV1 set it has summarised: thousands of objects share one frozen
 * path list instead of each holding its own copy, and the summary is computed once per shape. That is
 * most of what keeps a stored object small and a list of 20,000 objects fast. Working out an entry's signature
 * (its fieldsV1 as JSON) costs a string per object; the shape each manager's last entry had is checked first by
 * walking the two fieldsV1 trees, which allocates nothing when they match (the usual case, in listing order).
 */
import {summariseManagedFields, type FieldPath, type ManagerSummary} from '../domain/field-paths.js';
import {splitApiVersion, type KubeObject, type ManagedFieldsEntry, type ObjectMeta} from '../domain/kube-object.js';
import {liveKey, type LiveObject} from '../domain/watch-types.js';

const lastApplied = 'kubectl.kubernetes.io/last-applied-configuration';

/** Projects raw objects; holds the shared path lists, so use one per store. */
export type Projector = {project(raw: KubeObject): LiveObject; key(raw: KubeObject): string};

type Shape = {paths: string[]; owned: FieldPath[]};

/** A projector with its own cache of summarised shapes. */
export function createProjector(): Projector {
	const shapes = new Map<string, Shape>();
	const managers = new Map<string, string>();
	// Per manager, the fieldsV1 and shape of its last entry.
	const lastShape = new Map<string, {fields: unknown; shape: Shape}>();

	const shapeOf = (entry: ManagedFieldsEntry): Shape => {
		const last = lastShape.get(entry.manager);
		if (last && sameJson(last.fields, entry.fieldsV1 ?? {})) return last.shape;
		const shape = shapeBySignature(entry);
		lastShape.set(entry.manager, {fields: entry.fieldsV1 ?? {}, shape});
		return shape;
	};

	const shapeBySignature = (entry: ManagedFieldsEntry): Shape => {
		const signature = JSON.stringify(entry.fieldsV1 ?? {});
		let shape = shapes.get(signature);
		if (!shape) {
			let summary: ManagerSummary | undefined;
			try {
				[summary] = summariseManagedFields([{...entry, manager: '', time: undefined}]);
			} catch {
				// A fieldsV1 key we cannot parse costs that manager its paths, never the object or the watch.
				summary = undefined;
			}

			shape = {
				paths: Object.freeze(summary?.paths ?? []) as string[],
				owned: Object.freeze((summary?.owned ?? []).map(path => Object.freeze(path.map(step => Object.freeze(step))))) as FieldPath[],
			};
			shapes.set(signature, shape);
		}

		return shape;
	};

	const summarise = (entry: ManagedFieldsEntry): ManagerSummary => {
		let manager = managers.get(entry.manager);
		if (manager === undefined) managers.set(entry.manager, (manager = entry.manager));
		const {paths, owned} = shapeOf(entry);
		const summary: ManagerSummary = {manager, operation: entry.operation, paths, owned};
		if (entry.subresource) summary.subresource = entry.subresource;
		if (entry.time) summary.time = entry.time;
		return summary;
	};

	const key = (raw: KubeObject): string => liveKey(splitApiVersion(raw.apiVersion).group, raw.kind, raw.metadata.namespace, raw.metadata.name ?? '');

	return {
		key,
		project(raw) {
			const {managedFields, selfLink: _selfLink, ...metadata} = raw.metadata;
			const lean: ObjectMeta = metadata;
			if (metadata.annotations && lastApplied in metadata.annotations) {
				const {[lastApplied]: _dropped, ...annotations} = metadata.annotations;
				if (Object.keys(annotations).length > 0) lean.annotations = annotations;
				else delete lean.annotations;
			}

			return {
				key: key(raw),
				object: {...raw, metadata: lean},
				managers: (managedFields ?? []).map(entry => summarise(entry)),
			};
		},
	};
}

/** Whether two parsed JSON values would serialise to the same text (same keys in the same order, same values). */
export function sameJson(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
	const aKeys = Object.keys(a);
	const bKeys = Object.keys(b);
	if (aKeys.length !== bKeys.length) return false;
	for (let index = 0; index < aKeys.length; index++) {
		const key = aKeys[index]!;
		if (key !== bKeys[index] || !sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
	}
	return true;
}
