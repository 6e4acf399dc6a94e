/**
 * Raw objects from the apiserver become lean live objects here, once: managedFields are replaced by the
 * compact per-manager summary, the last-applied annotation (a full copy of the object) and selfLink go,
 * and the rest (spec, status, data, ...) stays for verdicts, health and trees.
 *
 * Most objects of one kind are owned in the same shape (`.metadata.labels.app`, `.spec.replicas`), so the
 * projector interns each manager's path lists: thousands of objects share one frozen array instead of
 * each holding its own copy. That is most of what keeps a stored object small.
 */
import {summariseManagedFields, type FieldPath, type ManagerSummary} from '../domain/field-paths.js';
import {splitApiVersion, type KubeObject, type ObjectMeta} from '../domain/kube-object.js';
import {liveKey, type LiveObject} from '../domain/watch-types.js';

const lastApplied = 'kubectl.kubernetes.io/last-applied-configuration';

/** Projects raw objects; holds the intern tables, so use one per store. */
export type Projector = {project(raw: KubeObject): LiveObject; key(raw: KubeObject): string};

/** A projector with its own intern tables. */
export function createProjector(): Projector {
	const pathLists = new Map<string, readonly string[]>();
	const ownedLists = new Map<string, readonly FieldPath[]>();
	const strings = new Map<string, string>();
	const intern = (text: string): string => {
		const known = strings.get(text);
		if (known !== undefined) return known;
		strings.set(text, text);
		return text;
	};

	const internSummary = (summary: ManagerSummary): ManagerSummary => {
		const signature = summary.paths.join('\n');
		let paths = pathLists.get(signature);
		if (!paths) {
			paths = Object.freeze(summary.paths.map(path => intern(path)));
			pathLists.set(signature, paths);
		}

		// `owned` also holds non-leaf members; its signature is the leaves plus how many members there are
		// and the formatted members only when they differ from the leaves, which is rare enough to key on fully.
		const ownedSignature = `${summary.owned.length}\n${signature}\n${summary.owned.length === summary.paths.length ? '' : JSON.stringify(summary.owned)}`;
		let owned = ownedLists.get(ownedSignature);
		if (!owned) {
			owned = Object.freeze(summary.owned.map(path => Object.freeze(path.map(step => Object.freeze(step))) as FieldPath));
			ownedLists.set(ownedSignature, owned);
		}

		const lean: ManagerSummary = {
			manager: intern(summary.manager),
			operation: summary.operation,
			paths: paths as string[],
			owned: owned as FieldPath[],
		};
		if (summary.subresource) lean.subresource = intern(summary.subresource);
		// Times are nearly unique; interning them would only grow the table under churn.
		if (summary.time) lean.time = summary.time;
		return lean;
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
				managers: summariseManagedFields(managedFields).map(summary => internSummary(summary)),
			};
		},
	};
}
