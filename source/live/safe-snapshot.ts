/**
 * Terminal-safe snapshots without walking the whole fleet on every publish: at 500 apps a snapshot holds tens of
 * thousands of objects, and the loop publishes after each evaluation and each burst of Events. An app's status
 * and a live object are immutable once made (a change makes a new one), so each is made safe once and the safe
 * copy is kept for as long as the original lives. A status judged again is new, but most objects its resources
 * carry (desired from a kept render, live unchanged) are the ones the last status had: the status is checked
 * without them and each object through the same memory (under churn at M, checking each re-judged status whole was
 * most of a snapshot's time).
 */
import type {KubeObject} from '../domain/kube-object.js';
import {terminalSafe, terminalText} from '../domain/terminal-text.js';
import type {AppStatus} from '../domain/app.js';
import type {FleetSnapshot} from '../state/fleet-snapshot.js';

/** Returns a function making snapshots terminal-safe, exactly as terminalSafe would, with its memory of parts. */
export function createSafeSnapshots(): (snapshot: FleetSnapshot) => FleetSnapshot {
	const apps = new WeakMap<AppStatus, AppStatus>();
	const objects = new WeakMap<KubeObject, KubeObject>();
	const safe = <T extends object>(memory: WeakMap<T, T>, value: T): T => {
		let known = memory.get(value);
		if (!known) memory.set(value, (known = terminalSafe(value)));
		return known;
	};
	const safeStatus = (status: AppStatus): AppStatus => {
		const bare = {...status, resources: status.resources.map(({desired: _desired, live: _live, ...rest}) => rest)};
		// Something to change outside the objects (rare): the whole status is walked, as terminalSafe does.
		if (terminalSafe(bare) !== bare) return terminalSafe(status);
		let changed = false;
		const resources = status.resources.map(resource => {
			const desired = resource.desired && safe(objects, resource.desired);
			const live = resource.live && safe(objects, resource.live);
			if (desired === resource.desired && live === resource.live) return resource;
			changed = true;
			return {...resource, ...(desired ? {desired} : {}), ...(live ? {live} : {})};
		});
		return changed ? {...status, resources} : status;
	};
	const safeApp = (status: AppStatus): AppStatus => {
		let known = apps.get(status);
		if (!known) apps.set(status, (known = safeStatus(status)));
		return known;
	};
	return snapshot => {
		const {apps: statuses, liveByContext, ...rest} = snapshot;
		const live: Record<string, readonly KubeObject[]> = {};
		for (const [context, list] of Object.entries(liveByContext)) live[terminalText(context)] = list.map(object => safe(objects, object));
		return {...terminalSafe(rest), apps: statuses.map(safeApp), liveByContext: live};
	};
}
