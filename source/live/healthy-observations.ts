/**
 * When gitops-tui itself saw an app Synced and Healthy, for "what changed since it was last healthy": the
 * last-known-good store keeps every revision an evaluation saw so (`status` and the TUI fill it), and the journal records
 * actions that waited until the app was healthy (a rollback, a reconcile: outcome `done` with a timeout, at the
 * revision the controller reported — `outcome.after` — else the revision applied). These are observations, where the controller's history only says what was
 * deployed; the newest one is the last revision known healthy.
 */
import type {AppDefinition} from '../engines/engine.js';
import {fluxRevisionSha} from '../engines/flux-common.js';
import type {Journal, JournalEntry} from '../journal/journal-types.js';
import type {LastKnownGoodStore} from '../journal/last-known-good.js';

/** Where observations are read from (either may be absent: a read-only audit keeps none). */
export type HealthyRecords = {journal?: Journal; lastKnownGood?: LastKnownGoodStore};

/** One revision seen healthy, when, and what says so. */
export type HealthyObservation = {revision: string; at: string; basis: string};

/** The actions whose `done` means the app was Synced and Healthy at the revision they record (they waited for it). */
const waitedForHealth = new Set(['rollback', 'reconcile']);

/** The newest observation of the app healthy, or undefined when nothing recorded one (or could be read). */
export async function lastSeenHealthy(app: Pick<AppDefinition, 'engine' | 'name' | 'namespace' | 'context' | 'controllerContext'>, records: HealthyRecords | undefined): Promise<HealthyObservation | undefined> {
	const context = app.context ?? app.controllerContext;
	const [stored, entries] = await Promise.all([
		records?.lastKnownGood?.records({engine: app.engine, context, namespace: app.namespace, app: app.name}).catch(() => []) ?? [],
		records?.journal?.read().catch((): JournalEntry[] => []) ?? [],
	]);
	const seen: HealthyObservation[] = stored.map(record => ({revision: record.revision, at: record.savedAt, basis: `seen Synced and Healthy at ${record.savedAt} (last-known-good store)`}));
	for (const entry of entries) {
		const {parameters} = entry;
		if (entry.app !== app.name || entry.context !== context || (parameters['engine'] !== undefined && parameters['engine'] !== app.engine)) continue;
		if (!waitedForHealth.has(entry.action) || entry.outcome.status !== 'done') continue;
		if (typeof parameters['timeoutMs'] !== 'number' || parameters['timeoutMs'] <= 0) continue;
		const revision = recordedRevision(entry);
		if (!revision) continue;
		seen.push({revision, at: entry.time, basis: `healthy after the ${entry.action} by ${entry.actor} at ${entry.time} (journal #${entry.seq})`});
	}
	return seen.sort((a, b) => Date.parse(b.at) - Date.parse(a.at))[0];
}

/**
 * The commit an entry ended at: what the controller reported when it ended Synced and Healthy (a Flux revision
 * `main@sha1:…` as its sha; a chart version is no commit), else the revision the action applied.
 */
function recordedRevision(entry: JournalEntry): string | undefined {
	const after = entry.outcome.after;
	if (after?.revision && after.sync === 'Synced' && after.health === 'Healthy') {
		const sha = entry.parameters['engine'] === 'flux' ? fluxRevisionSha(after.revision) : /^[0-9a-f]{7,40}$/.test(after.revision) ? after.revision : undefined;
		if (sha) return sha;
	}
	const applied = entry.parameters['revision'];
	return typeof applied === 'string' ? applied : undefined;
}
