/**
 * The garbage collector, background propagation: when an object goes, what it owned goes after it
 * (ReplicaSets after their Deployment, Pods after their ReplicaSet, Job, StatefulSet or DaemonSet).
 * Dependents with another owner still present are kept.
 */
import type {Controller} from './controller.js';
import {kinds} from './kinds.js';
import type {Runtime} from './runtime.js';

const dependentKinds = [kinds.replicaSet, kinds.pod, kinds.job];

/** Creates the garbage collector. Its keys are `namespace|uid` of deleted owners. */
export function createGarbageCollector(runtime: Runtime): Controller {
	return {
		name: 'garbage-collector',
		keysFor(event) {
			const uid = event.object.metadata.uid;
			return event.type === 'DELETED' && uid ? [`${event.object.metadata.namespace ?? ''}|${uid}`] : [];
		},
		reconcile(key) {
			const [namespace, uid] = key.split('|') as [string, string];
			for (const kind of dependentKinds) {
				for (const dependent of runtime.list(kind, namespace === '' ? undefined : namespace)) {
					const references = dependent.metadata.ownerReferences ?? [];
					if (!references.some(reference => reference.uid === uid)) continue;
					const others = references.filter(reference => reference.uid !== uid);
					// Kept when an owner other than the deleted one still exists.
					if (others.some(reference => runtime.get({apiVersion: reference.apiVersion, kind: reference.kind}, dependent.metadata.namespace, reference.name)?.metadata.uid === reference.uid)) continue;
					runtime.remove(dependent);
				}
			}
		},
	};
}
