/**
 * The TUI's evaluation, incremental: the stages of the one-shot pipeline (discover, render, prepare, judge) run
 * only for the apps whose inputs changed since the last run, and the others keep their results:
 *
 * - its definition (the Kustomization, Application or settings entry it comes from, its controller's status),
 * - its render's inputs (render-key.ts: the tree ids of what it reads, with every render option),
 * - its live objects (app-interest.ts: what it desires, owns or read, and their children),
 * - its context's readability (connection, each kind listed or refused, what discovery said is namespaced).
 *
 * A new HEAD that touches none of an app's paths only moves its revision row (commits behind), computed again
 * without rendering or judging. A run in which nothing changed returns nothing, so nothing is published.
 */
import type {LiveChange} from '../cluster/live-store.js';
import type {DesiredTree} from '../engines/desired-state.js';
import {appKinds} from '../engines/discover.js';
import {discoverLiveApps} from '../engines/discover-live.js';
import type {AppDefinition} from '../engines/engine.js';
import {appliedObjects, loadSettings, loadTree, withReachability, type EvaluatedApp, type Evaluation} from '../engines/evaluate.js';
import {clusterVariablesSource} from '../engines/flux-variables.js';
import {mapConcurrent} from '../engines/concurrency.js';
import {liveKindsFor} from '../engines/live-kinds.js';
import type {LiveSnapshot} from '../engines/live-snapshot.js';
import {plainDeployedRevision, plainPauseContexts, plainPauseKind} from '../engines/plain-app.js';
import {prepareApp} from '../engines/prepare-app.js';
import {judgePrepared} from '../engines/judge-prepared.js';
import {renderAppCached, type RenderCache} from '../engines/render-cache.js';
import {renderKeyDetail} from '../engines/render-key.js';
import {createBehindCounter, revisionInfo} from '../engines/revision-info.js';
import {emptySettings} from '../engines/settings.js';
import type {LiveObject} from '../domain/watch-types.js';
import type {TreeIndex} from '../repo/tree-index.js';
import {runRenders} from './run-renders.js';
import {indexInterests, interestOf, type AppInterest, type InterestIndex} from './app-interest.js';
import type {LiveFleetInputs} from './live-fleet.js';

/** Lets the event loop run what waits (I/O first: setImmediate runs after the poll phase). */
const yieldToEventLoop = () => new Promise<void>(resolve => setImmediate(resolve));

/** What reached the loop since the last run. */
export type FleetChanges = {
	live: readonly LiveChange[];
	/** The repository said something (a fetch ended, HEAD moved...): HEAD is read again. */
	repo: boolean;
	/** Called when the run starts reading the live state to judge: changes that came before are in what it reads. */
	reading?: () => void;
};

/** Told of each stage actually run, per app (tests count them; the log sums them). */
export type EvaluationProbe = {
	rendered?(app: AppDefinition): void;
	judged?(app: AppDefinition): void;
	/** After every run, including one that found nothing to do. */
	finished?(run: {judged: number; rendered: number}): void;
};

export type FleetEvaluatorOptions = {
	inputs: LiveFleetInputs;
	/** A LiveSnapshot for one run. */
	view: () => LiveSnapshot;
	/** An object as the watch store holds it now. */
	get: (context: string, key: string) => LiveObject | undefined;
	/** What a context's readability looks like now; a change re-judges its apps. */
	signature: (context: string) => string;
	renderCache: RenderCache;
	probe?: EvaluationProbe;
};

/** A run's result: the whole evaluation and how many apps it judged, or undefined when nothing changed. */
export type FleetRun = {evaluation: Evaluation; judged: number; rendered: number};

type AppRecord = {definition: string; renderKey: string | undefined; deployed: string | undefined; evaluated: EvaluatedApp; interest: AppInterest};

export type FleetEvaluator = {
	run(changes: FleetChanges): Promise<FleetRun | undefined>;
	/**
	 * Of changes that arrived during the last run before it read the live state (see `reading`), those it has not
	 * taken in: changes to app objects (read before), and changes concerning an app it did not judge. At a fleet's
	 * start the watches' first lists arrive while the first run renders; without this the next run judged every
	 * app again.
	 */
	unread(changes: readonly LiveChange[]): LiveChange[];
};

export function createFleetEvaluator(options: FleetEvaluatorOptions): FleetEvaluator {
	const {inputs} = options;
	const appKindIds = new Set(appKinds().map(kind => `${kind.group}/${kind.kind}`));
	const clients = new Map(inputs.contexts.flatMap(({info, client}) => (client ? [[info.name, client] as const] : [])));
	const variablesFrom = clusterVariablesSource(clients);
	let tree: DesiredTree | undefined;
	let treeIndex: TreeIndex | undefined;
	let settings: Evaluation['settings'] = {ok: true, settings: emptySettings()};
	let discovered: AppDefinition[] | undefined;
	let records = new Map<string, AppRecord>();
	let interests: InterestIndex = indexInterests(new Map());
	const signatures = new Map<string, string>();
	let lastJudged = new Set<string>();
	// App objects, and plain apps' pause flags (ConfigMaps `gitops-tui-pause-<app>`, read by discovery).
	const isAppKind = (change: LiveChange) =>
		appKindIds.has(change.key.slice(0, change.key.indexOf('/', change.key.indexOf('/') + 1))) || /^\/ConfigMap\/[^/]*\/gitops-tui-pause-/.test(change.key);

	const readTree = async (): Promise<boolean> => {
		const next = await loadTree({...inputs, mode: 'fast'});
		const same = tree && (next.ok && tree.ok ? next.sha === tree.sha : !next.ok && !tree.ok && next.message === tree.message);
		if (same) return false;
		tree = next;
		treeIndex = undefined;
		if (next.ok && inputs.repo?.treeIndex) {
			const read = await inputs.repo.treeIndex(next.sha);
			if (read.ok) treeIndex = read.index;
		}
		settings = await loadSettings(next);
		return true;
	};

	// A run that failed half-way leaves nothing to trust: the next one starts over.
	const forget = () => {
		tree = undefined;
		discovered = undefined;
		records = new Map();
		interests = indexInterests(new Map());
		signatures.clear();
		lastJudged = new Set();
	};

	return {
		async run(changes) {
			try {
				return await runOnce(changes);
			} catch (error) {
				forget();
				throw error;
			}
		},
		unread: changes => changes.filter(change => isAppKind(change) || [...interests.affected([change], options.get)].some(id => !lastJudged.has(id))),
	};

	async function runOnce(changes: FleetChanges): Promise<FleetRun | undefined> {
		const treeMoved = tree === undefined || changes.repo ? await readTree() : false;
		const currentTree = tree!;
		const snapshot = options.view();
		const plainContexts = settings.ok ? plainPauseContexts(settings.settings, {contexts: inputs.contexts.map(({info}) => info), ...(inputs.currentContext ? {currentContext: inputs.currentContext} : {})}) : [];
		await Promise.all([
			...inputs.contexts.map(({info}) => snapshot.ensure(info.name, appKinds())),
			// Plain apps' pause flags are ConfigMaps on their contexts (watched by the TUI: nothing to list).
			...plainContexts.map(context => snapshot.ensure(context, [plainPauseKind])),
		]);
		const movedContexts = new Set(inputs.contexts.map(({info}) => info.name).filter(context => signatures.get(context) !== options.signature(context)));
		const appObjectsMoved = changes.live.some(isAppKind);
		const infos = inputs.contexts.map(({info}) => withReachability(info, snapshot.contextFailure(info.name)));
		const rediscover = !discovered || treeMoved || appObjectsMoved || movedContexts.size > 0;
		if (rediscover) {
			discovered = discoverLiveApps({
				view: snapshot,
				contexts: infos,
				...(inputs.currentContext ? {currentContext: inputs.currentContext} : {}),
				...(inputs.kubeconfigContexts ? {kubeconfigContexts: inputs.kubeconfigContexts} : {}),
				...(inputs.repo ? {repo: inputs.repo} : {}),
				...(settings.ok ? {settings: settings.settings} : {}),
			});
		}
		const apps = discovered!;

		// Which apps to judge again, and with which render key.
		const affected = interests.affected(changes.live, options.get);
		const renderKeys = new Map<string, string | undefined>();
		// Whether an app's render is a process, as working out its key found it (the render order's input).
		const processes = new Map<string, boolean | undefined>();
		const keyOf = async (app: AppDefinition) => {
			if (!currentTree.ok) return undefined;
			const detail = await renderKeyDetail(app, {tree: currentTree, ...(treeIndex ? {index: treeIndex} : {})});
			processes.set(app.id, detail.process);
			return detail.key;
		};
		const dirty: AppDefinition[] = [];
		const fingerprints = new Map<string, string>();
		await mapConcurrent(apps, 8, async app => {
			const record = records.get(app.id);
			// Without a new discovery the definitions are the very same objects.
			const fingerprint = rediscover || !record ? JSON.stringify(app) : record.definition;
			fingerprints.set(app.id, fingerprint);
			const redefined = !record || record.definition !== fingerprint;
			let again = redefined || affected.has(app.id) || movedContexts.has(app.context ?? '') || movedContexts.has(app.controllerContext);
			// Same tree, same definition: the same render key (working it out reads the app's files).
			if (redefined || treeMoved) renderKeys.set(app.id, await keyOf(app));
			else renderKeys.set(app.id, record.renderKey);
			// No key (variables read from the cluster, no tree): rendered again on every new tree.
			if (!again && treeMoved) again = renderKeys.get(app.id) === undefined || renderKeys.get(app.id) !== record!.renderKey;
			if (again) dirty.push(app);
		});
		const unchangedList = !rediscover || (apps.length === records.size && apps.every(app => records.has(app.id)));
		if (dirty.length === 0 && !treeMoved && unchangedList) return undefined;

		let rendered = 0;
		const probe = options.probe;
		const desired = await runRenders(dirty, {
			tree: currentTree,
			processes,
			...(inputs.renderConcurrency ? {concurrency: inputs.renderConcurrency} : {}),
			render: app =>
				renderAppCached(app, {
					tree: currentTree,
					tools: inputs.tools,
					variablesFrom,
					cache: options.renderCache,
					key: renderKeys.get(app.id),
					onRender: () => {
						rendered++;
						probe?.rendered?.(app);
					},
				}),
		});
		const judged = dirty.map((app, index) => ({app, desired: desired[index]!}));
		const ensureKinds = async (entries: typeof judged) => {
			const kinds = new Map<string, Map<string, {group: string; version: string; kind: string}>>();
			for (const {app, desired: result} of entries) {
				if (!app.context) continue;
				let forContext = kinds.get(app.context);
				if (!forContext) kinds.set(app.context, (forContext = new Map()));
				for (const kind of liveKindsFor(app, result.state.ok ? result.state.objects : [])) forContext.set(`${kind.group}/${kind.kind}`, kind);
			}
			await Promise.all([...kinds].map(([context, refs]) => live.ensure(context, [...refs.values()])));
		};
		// What a context looked like is taken now, just before its kinds are read (a fleet's first run renders for
		// seconds while the watches list): a context that moved since the last baseline has all its apps judged.
		changes.reading?.();
		// A view of its own for judging: discovery read some kinds already (app objects, plain apps' pause-flag
		// ConfigMaps), and those answers are from before the changes that came in since.
		const live = options.view();
		const extra: typeof judged = [];
		const judging = new Set(judged.map(({app}) => app.id));
		for (const {info} of inputs.contexts) {
			const signature = options.signature(info.name);
			if (signatures.get(info.name) === signature) continue;
			signatures.set(info.name, signature);
			for (const app of apps) {
				const record = records.get(app.id);
				const onIt = app.context === info.name || app.controllerContext === info.name;
				if (!onIt || !record || judging.has(app.id)) continue;
				judging.add(app.id);
				extra.push({app, desired: record.evaluated.desired});
			}
		}
		judged.push(...extra);
		await ensureKinds(judged);

		const head = currentTree.ok ? currentTree.sha : undefined;
		const behind = inputs.repo && head ? createBehindCounter(inputs.repo, head) : undefined;
		const revisionOf = (app: AppDefinition, deployed: string | undefined) =>
			revisionInfo(app, deployed, {...(inputs.repo ? {repo: inputs.repo} : {}), ...(head ? {head} : {}), ...(behind ? {behind} : {})});
		const next = new Map<string, AppRecord>();
		await mapConcurrent(judged, 4, async ({app, desired: result}) => {
			// Between apps, the event loop reads what waits (a key, a watch event): a run over hundreds of apps
			// would otherwise hold the TUI's keys until it ends.
			await yieldToEventLoop();
			const prepared = prepareApp(app, result, live);
			const deployed = app.engine === 'plain' ? plainDeployedRevision(appliedObjects(prepared)) : app.controller.deployedRevision;
			const status = judgePrepared(prepared, {revision: await revisionOf(app, deployed)});
			probe?.judged?.(app);
			const evaluated: EvaluatedApp = {definition: app, status, desired: result, prepared, notes: [...app.warnings, ...result.notes]};
			const renderKey = renderKeys.has(app.id) ? renderKeys.get(app.id) : records.get(app.id)?.renderKey;
			next.set(app.id, {definition: fingerprints.get(app.id)!, renderKey, deployed, evaluated, interest: interestOf(evaluated)});
		});
		// Apps kept as they were; a new HEAD still moves their revision row (judgePrepared only copies it).
		await mapConcurrent(apps, 8, async app => {
			if (next.has(app.id)) return;
			const record = records.get(app.id)!;
			const renderKey = renderKeys.has(app.id) ? renderKeys.get(app.id) : record.renderKey;
			if (!treeMoved) return next.set(app.id, record);
			const status = {...record.evaluated.status, revision: await revisionOf(app, record.deployed)};
			next.set(app.id, {...record, renderKey, evaluated: {...record.evaluated, status}});
		});
		for (const id of records.keys()) if (!next.has(id)) interests.set(id, undefined);
		for (const {app} of judged) interests.set(app.id, next.get(app.id)!.interest);
		records = next;
		lastJudged = new Set(judged.map(({app}) => app.id));
		const evaluation: Evaluation = {tree: currentTree, settings, contexts: infos, apps: apps.map(app => records.get(app.id)!.evaluated), discovered: apps};
		return {evaluation, judged: judged.length, rendered};
	}
}
