/**
 * A plain app's pause flag (the ConfigMap `gitops-tui-pause-<app>`, plain-actions.ts) when it cannot simply be
 * found: why it could not be read, in the words status, diff and the TUI show (an unreadable flag must never look
 * like "not paused"), and the one-object read of it for `diff APP` and the actions, which list no ConfigMaps.
 */
import type {ContextClient} from '../cluster/context-client.js';
import {readObject} from '../cluster/read-object.js';
import type {ObjectRef} from '../cluster/writes.js';
import type {AutoSync} from '../domain/app.js';
import type {KubeObject} from '../domain/kube-object.js';
import type {AppDefinition} from './engine.js';
import type {EvaluatedApp} from './evaluate.js';
import {mapConcurrent} from './concurrency.js';
import {autoSyncOf} from './pause-annotations.js';
import {plainPauseRef} from './plain-actions.js';

/** `pause flag unreadable: forbidden to list configmaps in NS`, or the failure's own message for anything else. */
export function pauseFlagUnreadable(ref: ObjectRef, failure: {kind: string; message: string}, verb: 'list' | 'get'): string {
	if (failure.kind === 'forbidden') return `pause flag unreadable: forbidden to ${verb} configmaps in ${ref.namespace ?? 'default'}`;
	return `pause flag unreadable: ConfigMap ${ref.namespace ?? 'default'}/${ref.name}: ${failure.message}`;
}

/** The flag when set, nothing when it is not, or why it could not be read (`message`: the words above). */
export type PlainPauseRead = {ok: true; flag?: {object: KubeObject; pause: AutoSync}} | {ok: false; kind: string; message: string};

/** Reads the one flag object of an app (a get: no list permission needed). */
export async function readPlainPauseFlag(client: ContextClient, app: Pick<AppDefinition, 'name' | 'defaultNamespace'>): Promise<PlainPauseRead> {
	const ref = plainPauseRef(app);
	const read = await readObject(client, ref);
	if (read.ok) return {ok: true, flag: {object: read.value, pause: autoSyncOf(read.value, false)}};
	if (read.error.kind === 'not-found') return {ok: true};
	return {ok: false, kind: read.error.kind, message: pauseFlagUnreadable(ref, read.error, 'get')};
}

/**
 * One plain app evaluated alone (`diff APP` reads only the app's own objects, no ConfigMap list): its flag read by
 * name, so it shows paused (or unreadable) as `status` shows it. Other apps, and apps without a client, as they are.
 */
export async function withPlainPauseRead(app: EvaluatedApp, client: ContextClient | undefined): Promise<EvaluatedApp> {
	if (app.definition.engine !== 'plain' || !client || app.status.autoSync.pausedBy || app.status.autoSync.unreadable) return app;
	const read = await readPlainPauseFlag(client, app.definition);
	const autoSync = autoSyncOfRead(read);
	if (!autoSync || (read.ok && !read.flag)) return app;
	return {...app, status: {...app.status, autoSync}, ...(autoSync.unreadable ? {notes: [...app.notes, autoSync.unreadable]} : {})};
}

/**
 * What a by-name read says of auto-sync: paused as the flag says, not paused (no flag), or unreadable in the get's
 * words; undefined when the context did not answer (its own failure says so).
 */
function autoSyncOfRead(read: PlainPauseRead): AutoSync | undefined {
	if (read.ok) return read.flag?.pause ?? {enabled: false};
	return read.kind === 'unreachable' || read.kind === 'timeout' ? undefined : {enabled: false, unreadable: read.message};
}

/**
 * Plain apps whose pause flag could not be listed because listing ConfigMaps is forbidden (a user who may read them
 * only in some namespaces, or only by name): each flag is read by name instead, as `diff APP` and the actions read
 * it. What that read finds replaces the "unreadable" note; a get forbidden too keeps the app unreadable, in the get's
 * words. Apps on a reachable context whose list merely failed otherwise are left as they are.
 */
export async function withPauseFlagsReadByName(
	apps: readonly AppDefinition[],
	options: {listFailure: (context: string) => {kind: string} | undefined; client: (context: string) => ContextClient | undefined},
): Promise<AppDefinition[]> {
	return mapConcurrent(apps, 8, async app => {
		const unreadable = app.controller.autoSync.unreadable;
		const client = options.client(app.controllerContext);
		if (app.engine !== 'plain' || !unreadable || !client || options.listFailure(app.controllerContext)?.kind !== 'forbidden') return app;
		const autoSync = autoSyncOfRead(await readPlainPauseFlag(client, app));
		if (!autoSync) return app;
		const warnings = app.warnings.filter(warning => warning !== unreadable);
		if (autoSync.unreadable) warnings.push(autoSync.unreadable);
		return {...app, controller: {...app.controller, autoSync}, warnings};
	});
}
