/**
 * Where a rollback's manifests come from, with no network Git call at all: the revision deployed before the
 * current one (Argo CD's history, the commits on the app's path in the local clone, the journal for plain apps),
 * resolved and rendered from the local clone; when the clone cannot (not fetched, another repository, a chart
 * repository down), the last-known-good store.
 */
import type {ContextClient} from '../cluster/context-client.js';
import type {KubeObject} from '../domain/kube-object.js';
import {argoPreviousRevisions} from '../engines/argo-actions.js';
import {renderApp, type DesiredResult} from '../engines/desired-state.js';
import {clusterVariablesSource} from '../engines/flux-variables.js';
import type {SpecInput} from './action-spec.js';

/** The revision to roll back to when none is given, or why none can be chosen. */
export async function previousRevision(input: SpecInput, appObject: KubeObject | undefined): Promise<{ok: true; revision: string; why: string} | {ok: false; message: string}> {
	const {definition, status} = input.located.app;
	const deployed = status.revision.deployed;
	const path = definition.sources[0]?.path ?? '';
	if (definition.engine === 'argo' && appObject) {
		// A sync of a commit that did not touch the app's path deployed the same manifests: skip it.
		for (const revision of argoPreviousRevisions(appObject)) {
			const between = deployed && input.deps.repo ? await input.deps.repo.countCommitsBetween(revision, deployed, path) : undefined;
			if (between?.ok && between.count === 0) continue;
			return {ok: true, revision, why: 'the revision before the current one in the Application history (the last with other manifests)'};
		}
	}
	if (definition.engine === 'plain') {
		const entries = await input.deps.journal.read().catch(() => []);
		const applied = entries
			.filter(entry => entry.app === definition.name && entry.context === (definition.context ?? definition.controllerContext) && entry.outcome.status === 'done' && typeof entry.parameters['revision'] === 'string')
			.map(entry => entry.parameters['revision'] as string);
		const previous = applied.reverse().find(revision => !deployed || !revision.startsWith(deployed));
		if (previous) return {ok: true, revision: previous, why: 'the revision gitops-tui applied before the current one (journal)'};
	}
	const fromStore = async (problem: string): Promise<{ok: true; revision: string; why: string} | {ok: false; message: string}> => {
		const app = {engine: definition.engine, context: definition.context ?? definition.controllerContext, namespace: definition.namespace, app: definition.name};
		const records = (await input.deps.lastKnownGood?.records(app)) ?? [];
		const previous = records.reverse().find(record => !deployed || !record.revision.startsWith(deployed));
		if (previous) return {ok: true, revision: previous.revision, why: `${problem}; the last revision seen Synced and Healthy before the deployed one (last-known-good store)`};
		return {ok: false, message: `${problem}: pass --to REV`};
	};
	if (!deployed) return fromStore(`${definition.name}: no deployed revision is known`);
	if (!input.deps.repo) return fromStore('no repository loaded');
	const log = await input.deps.repo.commitsTouching(path, {revision: deployed, limit: 2});
	if (!log.ok) return fromStore(`the deployed revision ${deployed.slice(0, 12)} is not in the local clone (${log.error.message})`);
	const previous = log.commits[1];
	if (!previous) return fromStore(`no commit on ${path || 'the repository'} before ${deployed.slice(0, 12)} in the local clone`);
	return {ok: true, revision: previous.sha, why: `the commit on ${path || 'the repository'} before the deployed ${deployed.slice(0, 7)} (local clone)`};
}

/** The app's desired state at a revision, from the clone or the last-known-good store. */
export type RollbackSource = {sha: string; subject?: string; source: 'clone' | 'last-known-good'; desired: DesiredResult; notes: string[]};

/** Renders `revision` locally, falling back to the last-known-good store. */
export async function rollbackSource(input: SpecInput, revision: string): Promise<{ok: true; value: RollbackSource} | {ok: false; message: string}> {
	const {definition} = input.located.app;
	const {repo, lastKnownGood, tools} = input.deps;
	const problems: string[] = [];
	if (repo) {
		const tree = await repo.treeAt(revision);
		if (tree.ok) {
			const clients = new Map<string, ContextClient>();
			for (const entry of input.deps.contexts) if (entry.client) clients.set(entry.info.name, entry.client);
			const desired = await renderApp(definition, {tree: {ok: true, sha: tree.sha, dir: tree.dir}, tools, variablesFrom: clusterVariablesSource(clients)});
			if (desired.state.ok) {
				const log = await repo.commitsTouching('', {revision: tree.sha, limit: 1});
				const subject = log.ok ? log.commits[0]?.subject : undefined;
				return {ok: true, value: {sha: tree.sha, ...(subject ? {subject} : {}), source: 'clone', desired, notes: desired.notes}};
			}
			problems.push(`cannot render ${definition.name} at ${tree.sha.slice(0, 12)} from the local clone: ${desired.state.error.message}`);
		} else {
			problems.push(`revision ${revision} is not in the local clone: ${tree.error.message}`);
		}
	} else {
		problems.push('no local clone loaded');
	}
	const app = {engine: definition.engine, context: definition.context ?? definition.controllerContext, namespace: definition.namespace, app: definition.name};
	const kept = await lastKnownGood?.find(app, revision);
	if (!kept) return {ok: false, message: `${problems.join('; ')}; and the last-known-good store has no ${revision} for ${definition.name}`};
	const notes = [`${problems.join('; ')}: using the manifests kept when ${definition.name} was last seen Synced and Healthy at ${kept.revision.slice(0, 12)} (${kept.savedAt})`];
	if (kept.skippedSecrets.length > 0) notes.push(`the last-known-good store keeps no Secrets: ${kept.skippedSecrets.join(', ')} left as they are`);
	return {ok: true, value: {sha: kept.revision, source: 'last-known-good', desired: {state: {ok: true, objects: kept.manifests}, rendered: [], notes: []}, notes}};
}
