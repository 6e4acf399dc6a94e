/**
 * "What changed since it was last healthy?" for one app, from what the controller and the local clone keep (so
 * it works with the Git server down): the last revision known Synced and Healthy — the app itself when it is so
 * now; Argo CD's `status.history` (the revision before the current one when the current one is not healthy);
 * Flux's `lastAppliedRevision` (Flux moves it only once an apply succeeded, so a failing new revision shows as
 * `lastAttemptedRevision`) — unless gitops-tui itself saw it healthy (the last-known-good store, the journal:
 * healthy-observations.ts), which is evidence where the controller's history only says what was deployed; and the
 * commits on the app's path since, newest first.
 */
import type {KubeObject} from '../domain/kube-object.js';
import {argoPreviousRevisions} from '../engines/argo-actions.js';
import type {EvaluatedApp} from '../engines/evaluate.js';
import {fluxRevisionSha} from '../engines/flux-common.js';
import type {GitRepo} from '../repo/repo.js';
import type {CommitView} from '../state/fleet-snapshot.js';
import type {SinceHealthyDocument} from '../state/since-healthy.js';
import {lastSeenHealthy, type HealthyObservation, type HealthyRecords} from './healthy-observations.js';

/** `seen`: the controller reports the app healthy at that revision now (as good as our own observation). */
type Choice = {revision?: string; basis: string; seen?: boolean};

const sameCommit = (a: string, b: string) => a.startsWith(b) || b.startsWith(a);

function lastHealthyRevision(app: EvaluatedApp, appObject: KubeObject | undefined): Choice {
	const {status, definition} = app;
	const deployed = status.revision.deployed;
	const controllerHealthy = definition.controller.health === 'Healthy' || (definition.controller.health === undefined && status.health === 'Healthy');
	if (definition.engine === 'flux') {
		const attempted = fluxRevisionSha((appObject?.['status'] as {lastAttemptedRevision?: unknown} | undefined)?.lastAttemptedRevision);
		if (deployed && attempted && !sameCommit(attempted, deployed)) {
			return {revision: deployed, basis: `Flux's lastAppliedRevision: it has been failing at ${attempted.slice(0, 7)} since`};
		}
		return {...(deployed ? {revision: deployed} : {}), basis: deployed ? `Flux's lastAppliedRevision, the last revision it applied` : 'Flux reports no applied revision'};
	}
	if (definition.engine === 'argo') {
		if (controllerHealthy && deployed) return {revision: deployed, basis: 'the synced revision, which Argo CD reports Healthy: live changed since, not Git', seen: true};
		const previous = appObject ? argoPreviousRevisions(appObject)[0] : undefined;
		if (previous) return {revision: previous, basis: 'the revision before the current one in the Application’s status.history'};
		return {...(deployed ? {revision: deployed} : {}), basis: 'the Application’s history holds no earlier revision'};
	}
	return {...(deployed ? {revision: deployed} : {}), basis: deployed ? 'the revision gitops-tui last applied (its revision mark)' : 'gitops-tui has no revision mark on its objects'};
}

/** The commits on the app's paths after `revision`, newest first (up to the last 100 per path). */
async function commitsSince(repo: GitRepo, app: EvaluatedApp, revision: string): Promise<{commits: CommitView[]; found: boolean} | {error: string}> {
	const paths = app.definition.sources.map(source => source.path || '.');
	const bySha = new Map<string, CommitView>();
	let found = false;
	for (const path of paths) {
		const log = await repo.commitsTouching(path, {limit: 100});
		if (!log.ok) return {error: `cannot read the history of ${path}: ${log.error.message}`};
		const index = log.commits.findIndex(commit => sameCommit(commit.sha, revision));
		if (index >= 0) found = true;
		for (const commit of index >= 0 ? log.commits.slice(0, index) : log.commits) {
			bySha.set(commit.sha, {sha: commit.sha, author: commit.author, date: commit.date, subject: commit.subject});
		}
	}
	// A revision that touches none of the paths is not in their logs: keep only commits newer than it.
	if (!found) {
		const at = await repo.commitsTouching('', {revision, limit: 1});
		const date = at.ok ? at.commits[0]?.date : undefined;
		if (date) return {commits: [...bySha.values()].filter(commit => commit.date > date).sort((a, b) => b.date.localeCompare(a.date)), found: true};
	}
	return {commits: [...bySha.values()].sort((a, b) => b.date.localeCompare(a.date)), found};
}

/** Our own observation over the controller's inference, saying so when the two differ. */
function withObservation(inferred: Choice, observed: HealthyObservation | undefined): Choice {
	if (!observed || inferred.seen) return inferred;
	const differs = inferred.revision && !sameCommit(inferred.revision, observed.revision) ? `; the controller's view: ${inferred.revision.slice(0, 7)}, ${inferred.basis}` : '';
	return {revision: observed.revision, basis: `${observed.basis}${differs}`};
}

export async function sinceHealthy(options: {repo: GitRepo | undefined; app: EvaluatedApp; appObject: KubeObject | undefined; records?: HealthyRecords}): Promise<SinceHealthyDocument> {
	const {app, repo} = options;
	const healthyNow = app.status.sync === 'Synced' && app.status.health === 'Healthy';
	const choice: Choice = healthyNow
		? {...(app.status.revision.deployed ? {revision: app.status.revision.deployed} : {}), basis: 'it is Synced and Healthy now'}
		: withObservation(lastHealthyRevision(app, options.appObject), await lastSeenHealthy(app.definition, options.records));
	if (!choice.revision) return {status: 'ready', healthyNow, basis: choice.basis, commits: []};
	if (!repo) return {status: 'ready', healthyNow, revision: choice.revision, basis: choice.basis, commits: [], note: 'no repository loaded: no commits to list'};
	const since = await commitsSince(repo, app, choice.revision);
	if ('error' in since) return {status: 'error', error: since.error};
	const note = since.found ? undefined : `${choice.revision.slice(0, 7)} is not in the local clone's last 100 commits of the app's path: all of them are listed`;
	return {status: 'ready', healthyNow, revision: choice.revision, basis: choice.basis, commits: since.commits, ...(note ? {note} : {})};
}
