/**
 * The evaluation pipeline in one call, for the one-shot commands: read the app objects on every context,
 * discover apps, render each app's desired state at one revision, read the live kinds each app needs, compare
 * (fast, or exact through server-side apply dry-runs), and build each app's status. Nothing is printed; one
 * app's failure never stops the others, and a dead context only marks its own apps Unknown.
 *
 * The TUI reuses the stages (discoverLiveApps, renderApp, prepareApp, judgePrepared) over its watch store.
 */
import type {AppStatus} from '../domain/app.js';
import type {KubeObject} from '../domain/kube-object.js';
import type {ContextClient} from '../cluster/context-client.js';
import type {KindRef} from '../cluster/discovery.js';
import type {RenderTools} from '../repo/render/index.js';
import type {GitRepo} from '../repo/repo.js';
import {readAppsLive} from './app-live-reads.js';
import {renderApps, type TreeRenderCache} from './render-apps.js';
import type {RenderStore} from './render-store.js';
import {mapConcurrent} from './concurrency.js';
import type {ContextInfo} from './context-info.js';
import type {DesiredResult, DesiredTree} from './desired-state.js';
import {appKinds} from './discover.js';
import {discoverLiveApps} from './discover-live.js';
import {applicationKind} from './argo-application.js';
import {helmReleaseKind} from './flux-helmrelease.js';
import {kustomizationKind} from './flux-kustomization.js';
import {createDryRunQueue} from './dry-run.js';
import type {AppDefinition} from './engine.js';
import {clusterVariablesSource} from './flux-variables.js';
import {judgePrepared, type DryRunResults} from './judge-prepared.js';
import {liveKindsFor} from './live-kinds.js';
import {createLiveSnapshot, type LiveSnapshot} from './live-snapshot.js';
import {kindFailureOf, type ContextFailure, type LiveView} from './live-view.js';
import {plainDeployedRevision, plainPauseContexts, plainPauseKind} from './plain-app.js';
import {withPauseFlagsReadByName} from './plain-pause-flag.js';
import {prepareApp, type PreparedApp} from './prepare-app.js';
import {createBehindCounter, revisionInfo} from './revision-info.js';
import {emptySettings, type RepoSettings, type SettingsError} from './settings.js';
import {readSettings} from './settings-file.js';

/** One selected context: what is known of it, and its client when one could be built. */
export type EvaluationContext = {info: ContextInfo; client?: ContextClient};

export type EvaluateOptions = {
	contexts: readonly EvaluationContext[];
	/** The kubeconfig's current-context (plain apps naming no context go there). */
	currentContext?: string;
	kubeconfigContexts?: readonly string[];
	repo?: GitRepo;
	/** Why no repository is loaded, when `--repo` could not be opened. */
	repoError?: string;
	/** The revision to render; default HEAD. */
	revision?: string;
	mode: 'fast' | 'exact';
	tools: RenderTools;
	/** Only these apps are rendered and judged (e.g. the one `diff` names). */
	select?: (app: AppDefinition) => boolean;
	/** Apps rendered at once (kustomize and helm processes are bounded by the render tools' runner); default 16. */
	renderConcurrency?: number;
	/** Exact mode's dry-runs in flight per context; default dry-run.ts's oneShotDryRunsPerContext. */
	dryRunsPerContext?: number;
	/** Injected in tests. */
	snapshot?: LiveSnapshot;
	/**
	 * `apps`: read only the selected apps' own objects, by label selector and by name (app-live-reads.ts), instead
	 * of listing every kind they need on their contexts (`diff APP`). Ignored with an injected snapshot.
	 */
	liveScope?: 'contexts' | 'apps';
	/**
	 * Only app objects (Kustomizations, HelmReleases, Applications) of this name are read, with a metadata.name
	 * field selector (`diff APP` knows the name; plain apps come from the settings whatever it is). The other apps
	 * are then not discovered at all. Ignored with an injected snapshot.
	 */
	appName?: string;
	/**
	 * Renders kept in memory across evaluations in one process, by render key (the git tree ids a render reads), so
	 * a second evaluation renders only what changed. The commands use the render store instead; the TUI's loop keeps
	 * its own cache on that store (live/fleet-evaluator.ts).
	 */
	renderCache?: RenderCache;
	/** Renders kept across processes (the user's cache folder); none with `--no-cache`. */
	renderStore?: RenderStore;
};

/** Renders of one tree, by the sources that produced them. */
export type RenderCache = TreeRenderCache;

/** One evaluated app: its definition, its status, and its rendered desired state (for diffs). */
export type EvaluatedApp = {
	definition: AppDefinition;
	status: AppStatus;
	desired: DesiredResult;
	/** Both sides as judged (unmasked: only the output layer may show them, masked). */
	prepared: PreparedApp;
	dryRuns?: DryRunResults;
	notes: string[];
};

/** Everything one evaluation found. */
export type Evaluation = {
	tree: DesiredTree;
	settings: {ok: true; settings: RepoSettings} | {ok: false; error: SettingsError};
	contexts: ContextInfo[];
	apps: EvaluatedApp[];
	/** Every app discovered, selected or not (diff uses it to say which names exist). */
	discovered: AppDefinition[];
};

/** Runs the whole pipeline once. */
export async function evaluate(options: EvaluateOptions): Promise<Evaluation> {
	const clients = new Map<string, ContextClient>();
	const failures = new Map<string, ContextFailure>();
	for (const {info, client} of options.contexts) {
		if (client) clients.set(info.name, client);
		else failures.set(info.name, {kind: 'kubeconfig', message: info.error ?? 'the context could not be loaded'});
	}

	const named = options.appName === undefined ? undefined : `metadata.name=${options.appName}`;
	// Sources (GitRepositories) are listed whole: an app names its source, whatever that is called.
	const appObjectKinds = new Set([kustomizationKind, helmReleaseKind, applicationKind].map(ref => `${ref.group}/${ref.kind}`));
	const snapshot = options.snapshot ?? createLiveSnapshot({clients, failures, ...(named ? {fieldSelectorFor: ref => (appObjectKinds.has(`${ref.group}/${ref.kind}`) ? named : undefined)} : {})});
	// The app objects are listed while the tree is read and the settings parsed.
	const appObjects = Promise.all(options.contexts.map(({info}) => snapshot.ensure(info.name, appKinds())));
	const tree = await loadTree(options);
	// A render store's keys are made of the tree's directory ids (one git process, read while settings load).
	const store = tree.ok ? options.renderStore : undefined;
	const index = store && tree.ok && options.repo?.treeIndex ? options.repo.treeIndex(tree.sha).then(read => (read.ok ? read.index : undefined)) : undefined;
	const [settings] = await Promise.all([
		// Plain apps' pause flags are ConfigMaps on their contexts (listed later for their objects anyway). One app's
		// diff (appName) reads only that app's objects, so it does not list every ConfigMap for a flag.
		loadSettings(tree).then(async loaded => {
			const plainContexts = loaded.ok && options.appName === undefined ? plainPauseContexts(loaded.settings, {contexts: options.contexts.map(({info}) => info), ...(options.currentContext ? {currentContext: options.currentContext} : {})}) : [];
			await Promise.all(plainContexts.map(context => snapshot.ensure(context, [plainPauseKind])));
			return loaded;
		}),
		appObjects,
	]);
	const infos = options.contexts.map(({info}) => withReachability(info, snapshot.contextFailure(info.name)));
	const repo = options.repo;
	const discovered = discoverLiveApps({
		view: snapshot,
		contexts: infos,
		...(options.currentContext ? {currentContext: options.currentContext} : {}),
		...(options.kubeconfigContexts ? {kubeconfigContexts: options.kubeconfigContexts} : {}),
		...(repo ? {repo} : {}),
		...(settings.ok ? {settings: settings.settings} : {}),
	});
	// A plain app's pause flag that listing ConfigMaps was forbidden to show is read by name (a namespaced user's get).
	const apps = await withPauseFlagsReadByName(options.select ? discovered.filter(options.select) : discovered, {
		listFailure: context => kindFailureOf(snapshot.kind(context, plainPauseKind.group, plainPauseKind.kind)),
		client: context => clients.get(context),
	});

	// The kinds every app needs whatever it renders (its controller's list, the kinds an Extra object may have) are
	// listed while the apps render: listing waits mostly on the servers, rendering on files and processes.
	const scoped = options.liveScope === 'apps' && !options.snapshot;
	const early = scoped ? undefined : listKinds(snapshot, apps.map(app => ({app, objects: []})));
	const treeIndex = await index;
	const desired = await renderApps(apps, {
		tree,
		tools: options.tools,
		variablesFrom: clusterVariablesSource(clients),
		concurrency: options.renderConcurrency ?? defaultRenderConcurrency,
		...(options.renderCache ? {cache: options.renderCache} : {}),
		...(store ? {store} : {}),
		...(treeIndex ? {index: treeIndex} : {}),
	});

	const rendered = apps.map((app, index) => ({app, objects: desired[index]!.state.ok ? desired[index]!.state.objects : []}));
	let view: LiveView = snapshot;
	if (scoped) view = await readAppsLive(rendered, {clients, base: snapshot});
	else await Promise.all([early, listKinds(snapshot, rendered)]);

	const head = tree.ok ? tree.sha : undefined;
	const behind = repo && head ? createBehindCounter(repo, head) : undefined;
	// Exact mode: the dry-runs are bounded per context across apps (dry-run.ts), so enough apps run at once to fill every context's bound.
	const dryRunQueue = options.mode === 'exact' ? createDryRunQueue(options.dryRunsPerContext === undefined ? {} : {perContext: options.dryRunsPerContext}) : undefined;
	const evaluated = await mapConcurrent(apps, dryRunQueue ? 32 : 4, async (app, index): Promise<EvaluatedApp> => {
		const prepared = prepareApp(app, desired[index]!, view);
		const client = prepared.context ? clients.get(prepared.context) : undefined;
		// A dry-run is a PATCH: a read-only context (flag or user settings) gets the fast comparison instead.
		const exact = options.mode === 'exact' && client && !client.transport.readOnly && !prepared.contextError && prepared.pairs.length > 0;
		const dryRuns = exact && dryRunQueue ? await dryRunQueue.forApp(client, prepared) : undefined;
		const deployed = app.engine === 'plain' ? plainDeployedRevision(appliedObjects(prepared)) : app.controller.deployedRevision;
		const revision = await revisionInfo(app, deployed, {...(repo ? {repo} : {}), ...(head ? {head} : {}), ...(behind ? {behind} : {})});
		const status = judgePrepared(prepared, {revision, ...(dryRuns ? {dryRuns} : {})});
		const notes = [...app.warnings, ...desired[index]!.notes];
		return {definition: app, status, desired: desired[index]!, prepared, ...(dryRuns ? {dryRuns} : {}), notes};
	});

	return {
		tree,
		settings,
		contexts: options.contexts.map(({info}) => withReachability(info, view.contextFailure(info.name))),
		apps: evaluated,
		discovered,
	};
}

/**
 * Apps rendered at once. Plain directories are read in this process (waiting on files, so more at once hides the
 * waits); kustomize and helm are processes, bounded separately by the session's process runner.
 */
const defaultRenderConcurrency = 16;

/** Lists, per context, every kind the apps need given their desired objects (each kind once). */
async function listKinds(snapshot: LiveSnapshot, apps: ReadonlyArray<{app: AppDefinition; objects: readonly KubeObject[]}>): Promise<void> {
	const kindsByContext = new Map<string, Map<string, KindRef>>();
	for (const {app, objects} of apps) {
		if (!app.context) continue;
		let kinds = kindsByContext.get(app.context);
		if (!kinds) kindsByContext.set(app.context, (kinds = new Map()));
		for (const kind of liveKindsFor(app, objects)) kinds.set(`${kind.group}/${kind.kind}`, kind);
	}
	await Promise.all([...kindsByContext].map(async ([context, kinds]) => snapshot.ensure(context, [...kinds.values()])));
}

/**
 * The owned objects Git still desires: what a plain app's deployed revision is read from. An Extra object (made by
 * hand with the app's label, or left over from an older apply) says nothing about what was last deployed; only
 * when Extra objects are all there is do they tell.
 */
export function appliedObjects(prepared: PreparedApp): KubeObject[] {
	const desired = new Set(prepared.pairs.map(pair => pair.live));
	const applied = prepared.owned.filter(object => desired.has(object));
	return applied.length > 0 ? applied : prepared.owned;
}

export async function loadTree(options: EvaluateOptions): Promise<DesiredTree> {
	if (!options.repo) return {ok: false, kind: 'no-repo', message: options.repoError ?? 'no repository loaded (pass --repo PATH|URL)'};
	const revision = options.revision ?? 'HEAD';
	const tree = await options.repo.treeAt(revision);
	if (!tree.ok) return {ok: false, kind: tree.error.kind, message: `cannot read revision ${revision} of ${options.repo.location.source}: ${tree.error.message}`};
	return {ok: true, sha: tree.sha, dir: tree.dir};
}

export async function loadSettings(tree: DesiredTree): Promise<Evaluation['settings']> {
	if (!tree.ok) return {ok: true, settings: emptySettings()};
	return readSettings(tree.dir);
}

export function withReachability(info: ContextInfo, failure: ContextFailure | undefined): ContextInfo {
	return failure ? {...info, reachable: false, error: failure.message} : {...info, reachable: true};
}
