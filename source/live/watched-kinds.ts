/**
 * The kinds the TUI keeps under watch on every context: the app objects of every engine, the
 * workload kinds apps usually hold (every kind an app owned by a label reads: engines' commonAppKinds), and what
 * trees and the events pane need. Other kinds an app desires are listed when it is judged instead.
 */
import type {KindRef} from '../cluster/discovery.js';
import {appKinds} from '../engines/discover.js';

const core = (kind: string): KindRef => ({group: '', version: 'v1', kind});
const apps = (kind: string): KindRef => ({group: 'apps', version: 'v1', kind});

export const treeAndWorkloadKinds: readonly KindRef[] = [
	core('Namespace'),
	core('ConfigMap'),
	core('Secret'),
	core('Service'),
	core('ServiceAccount'),
	core('PersistentVolumeClaim'),
	core('Pod'),
	core('Event'),
	apps('Deployment'),
	apps('ReplicaSet'),
	apps('StatefulSet'),
	apps('DaemonSet'),
	{group: 'batch', version: 'v1', kind: 'Job'},
	{group: 'batch', version: 'v1', kind: 'CronJob'},
	{group: 'networking.k8s.io', version: 'v1', kind: 'Ingress'},
	{group: 'autoscaling', version: 'v2', kind: 'HorizontalPodAutoscaler'},
];

/** Kinds whose objects appear as owned children in trees, or as events of the selection. */
export const childKinds: ReadonlySet<string> = new Set(['ReplicaSet', 'Pod', 'Job', 'Event']);

/** Everything to watch: app kinds first, so apps appear as soon as possible. */
export function watchedKinds(): KindRef[] {
	const seen = new Set<string>();
	return [...appKinds(), ...treeAndWorkloadKinds].filter(kind => {
		const id = `${kind.group}/${kind.kind}`;
		if (seen.has(id)) return false;
		seen.add(id);
		return true;
	});
}
