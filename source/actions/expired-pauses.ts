/**
 * `resume --expired`: the pauses whose `gitops-tui.io/pause-until` has passed, found by one evaluation of every
 * app (discovery and the controllers' views; the fast comparison writes nothing), as targets to resume. A plain
 * app's pause flag is read at discovery too, so its run-out pause is resumed (the flag deleted) like the others.
 */
import type {ActionTarget} from '../domain/action.js';
import {discoveredApps} from './discovered-apps.js';
import type {ActionDeps} from './deps.js';

/** A pause that has run out. */
export type ExpiredPause = {target: ActionTarget; until: string; reason?: string; pausedBy?: string};

/** Every paused app on the selected contexts whose pause ended before `now`. */
export async function findExpiredPauses(deps: ActionDeps): Promise<ExpiredPause[]> {
	const discovered = await discoveredApps(deps);
	const now = deps.now().getTime();
	return discovered.flatMap(app => {
		const {autoSync} = app.controller;
		const until = autoSync.until ? Date.parse(autoSync.until) : Number.NaN;
		if (autoSync.enabled || Number.isNaN(until) || until > now) return [];
		const pause: ExpiredPause = {target: {app: app.name, engine: app.engine, context: app.context ?? app.controllerContext, namespace: app.namespace}, until: autoSync.until!};
		if (autoSync.reason) pause.reason = autoSync.reason;
		if (autoSync.pausedBy) pause.pausedBy = autoSync.pausedBy;
		return [pause];
	});
}
