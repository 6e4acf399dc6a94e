/** Maps one evaluation, the repo's state and the watch store's connections into the TUI's FleetSnapshot. */
import type {LiveResource, LiveStore} from '../cluster/live-store.js';
import type {KubeObject} from '../domain/kube-object.js';
import type {ContextFailure} from '../engines/live-view.js';
import type {Evaluation} from '../engines/evaluate.js';
import type {GitRepo} from '../repo/repo.js';
import {appId, type ContextView, type ControllerNote, type FleetSnapshot, type GitView, type SourceView} from '../state/fleet-snapshot.js';
import {childKinds} from './watched-kinds.js';

export function gitViewOf(repo: GitRepo | undefined, repoError: string | undefined): GitView {
	if (!repo) return {reachable: false, error: repoError ?? 'no config repository loaded (pass --repo PATH|URL); controllers’ views only'};
	const state = repo.getState();
	const view: GitView = {repo: repo.location.source, reachable: state.reachable !== false};
	if (state.branch) view.branch = state.branch;
	if (state.head) view.head = state.head;
	if (state.lastFetch) view.lastFetch = state.lastFetch;
	if (state.reachable === false && state.lastError) view.error = state.lastError.message;
	return view;
}

export function contextViewsOf(names: readonly string[], store: LiveStore, failures: ReadonlyMap<string, ContextFailure>): ContextView[] {
	return names.map(name => {
		const failure = failures.get(name);
		if (failure) return {name, state: 'unreachable', error: failure.message};
		const connection = store.connection(name);
		const view: ContextView = {name, state: connection?.phase ?? 'connecting'};
		if (connection?.error) view.error = connection.error.message;
		return view;
	});
}

export type SnapshotInputs = {
	evaluation: Evaluation | undefined;
	contexts: readonly string[];
	store: LiveStore;
	failures: ReadonlyMap<string, ContextFailure>;
	repo: GitRepo | undefined;
	repoError: string | undefined;
	now: Date;
	problem?: string;
};

/** Each app's source as its controller reports it, so Flux and Argo CD show a failing source the same way. */
function sourcesOf(evaluation: Evaluation): Record<string, SourceView> {
	const sources: Record<string, SourceView> = {};
	for (const app of evaluation.apps) {
		const source = app.prepared.app.controller.source;
		if (source) sources[appId(app.status)] = {ready: source.ready, ...(source.message ? {message: source.message} : {})};
	}
	return sources;
}

/** What each controller says of its app and when it last applied, for the wide apps list. */
function controllersOf(evaluation: Evaluation): Record<string, ControllerNote> {
	const notes: Record<string, ControllerNote> = {};
	for (const app of evaluation.apps) {
		if (app.status.engine === 'plain') continue;
		const {message, lastSync} = app.prepared.app.controller;
		if (message || lastSync) notes[appId(app.status)] = {...(message ? {message} : {}), ...(lastSync ? {lastSync} : {})};
	}
	return notes;
}

/** Each resource's objects as a list, kept while its watch state is the same (most publishes change no child). */
const childLists = new WeakMap<LiveResource['state'], KubeObject[]>();

export function fleetSnapshotOf(inputs: SnapshotInputs): FleetSnapshot {
	const liveByContext: Record<string, KubeObject[]> = {};
	for (const context of inputs.contexts) {
		liveByContext[context] = inputs.store
			.resources(context)
			.filter(resource => childKinds.has(resource.kind.kind))
			.flatMap(resource => {
				let list = childLists.get(resource.state);
				if (!list) childLists.set(resource.state, (list = [...resource.state.objects.values()].map(entry => entry.object)));
				return list;
			});
	}
	return {
		git: gitViewOf(inputs.repo, inputs.repoError),
		contexts: contextViewsOf(inputs.contexts, inputs.store, inputs.failures),
		apps: inputs.evaluation?.apps.map(app => app.status) ?? [],
		liveByContext,
		...(inputs.evaluation ? {evaluatedAt: inputs.now.toISOString(), sources: sourcesOf(inputs.evaluation), controllers: controllersOf(inputs.evaluation)} : {}),
		...(inputs.problem ? {problem: inputs.problem} : {}),
	};
}
