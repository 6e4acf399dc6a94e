/** Kubernetes Events of a tree node, newest first, as a person reads them: type, reason, age, count, message. */
import type {AppStatus} from '../domain/app.js';
import type {KubeObject} from '../domain/kube-object.js';
import type {TreeNode} from '../domain/tree.js';
import {span} from './pause-story.js';
import type {TuiState} from './tui-state.js';

export type EventView = {uid: string; type: string; reason: string; age: string; count: number; message: string};

/** When an event was last seen: events.k8s.io series first, then the core fields. */
function lastSeen(event: KubeObject): string {
	const series = event.series as {lastObservedTime?: string} | undefined;
	return String(series?.lastObservedTime ?? event.lastTimestamp ?? event.eventTime ?? event.firstTimestamp ?? event.metadata.creationTimestamp ?? '');
}

function countOf(event: KubeObject): number {
	const series = event.series as {count?: number} | undefined;
	return Number(series?.count ?? event.count ?? 1) || 1;
}

/** The uid events point at: the live object of an app resource, or the owned child itself. */
function uidOf(app: AppStatus, node: TreeNode): string | undefined {
	return app.resources.find(r => r.key === node.key)?.live?.metadata.uid ?? (node.verdict ? undefined : node.id);
}

export function eventsOf(state: TuiState, app: AppStatus, node: TreeNode | undefined, now: Date): EventView[] {
	const uid = node && uidOf(app, node);
	if (!uid) return [];
	const live = state.snapshot?.liveByContext[app.context] ?? [];
	return live
		.filter(o => o.kind === 'Event' && (o.involvedObject as {uid?: string} | undefined)?.uid === uid)
		.map(event => ({event, seen: lastSeen(event)}))
		.sort((a, b) => b.seen.localeCompare(a.seen))
		.map(({event, seen}) => {
			const at = new Date(seen);
			return {
				uid: event.metadata.uid ?? event.metadata.name ?? seen,
				type: String(event.type ?? 'Normal'),
				reason: String(event.reason ?? ''),
				age: Number.isNaN(at.getTime()) ? '?' : span(now.getTime() - at.getTime()),
				count: countOf(event),
				message: String(event.message ?? ''),
			};
		});
}

/** "3m ×5": how long ago, and how often when more than once. */
export function eventAge(event: EventView): string {
	return event.count > 1 ? `${event.age} ×${event.count}` : event.age;
}
