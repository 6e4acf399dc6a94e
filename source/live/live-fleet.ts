/**
 * The live loop behind the TUI: watches on every context and the repo's fetch loop feed the stages of the
 * pipeline the `status` command uses (fast comparison) after each quiet burst of changes, for the apps those
 * changes concern only (fleet-evaluator.ts); diffs (exact when allowed) and histories are computed on demand.
 */
import type {ContextClient} from '../cluster/context-client.js';
import {kindId, startLiveStore, type LiveChange} from '../cluster/live-store.js';
import type {ClusterRuntime} from '../cluster/runtime.js';
import {evaluate, type EvaluateOptions, type Evaluation, type EvaluatedApp} from '../engines/evaluate.js';
import type {ContextFailure} from '../engines/live-view.js';
import {createRenderCache} from '../engines/render-cache.js';
import {resourceId} from '../domain/resource-key.js';
import {terminalSafe, terminalText} from '../domain/terminal-text.js';
import {appId, type FleetSnapshot} from '../state/fleet-snapshot.js';
import type {ActionRunner} from '../state/action-runner.js';
import type {FleetSource} from '../state/fleet-source.js';
import {contextSignature} from './context-signature.js';
import {diffDocument, diffResources} from './diff-document.js';
import {createExactDryRuns} from './exact-dry-runs.js';
import {createFleetEvaluator, type EvaluationProbe} from './fleet-evaluator.js';
import {contextViewsOf, fleetSnapshotOf} from './fleet-snapshot-of.js';
import {appHistory} from './history.js';
import {listedKinds} from './listed-kinds.js';
import {createSafeSnapshots} from './safe-snapshot.js';
import {sinceHealthy} from './since-healthy.js';
import type {HealthyRecords} from './healthy-observations.js';
import {createLastKnownGoodKeeper} from './last-known-good-keeper.js';
import type {LastKnownGoodStore} from '../journal/last-known-good.js';
import {runQuietMs} from './run-pacing.js';
import {serialRunner, type Timers} from './serial-runner.js';
import {createWatchView, createWatchViewMemory, type WatchViewMemory} from './watch-view.js';
import {watchedKinds} from './watched-kinds.js';

/** What the loop evaluates: the same inputs as a one-shot evaluation, minus mode and live view. */
export type LiveFleetInputs = Omit<EvaluateOptions, 'mode' | 'snapshot' | 'select' | 'revision' | 'renderCache'>;

export type LiveFleetOptions = {
	inputs: LiveFleetInputs;
	readOnly: boolean;
	runtime: ClusterRuntime;
	timers: Timers;
	now: () => Date;
	log: (message: string, error?: unknown) => void;
	/** The demo's outage switch. */
	simulateOutage?: (on: boolean) => Promise<void>;
	/** The action engine the screens drive (absent: the TUI offers no action). */
	actions?: ActionRunner;
	/** Quiet period before re-evaluating after changes; default 30 ms (under churn twice the last run's time, up to 500 ms: run-pacing.ts). */
	quietMs?: number;
	/** How often kinds nobody watches are listed again; default 60 s. */
	relistMs?: number;
	/** Shortest time between two snapshots published; default 250 ms (at most four frames a second). */
	frameMs?: number;
	/** Told of each app rendered and judged (tests count them). */
	probe?: EvaluationProbe;
	/** The journal and last-known-good store: when gitops-tui saw an app healthy ("since it was last healthy"). */
	healthyRecords?: HealthyRecords;
	/** The last-known-good store to fill with the apps seen Synced and Healthy, as `status` does (absent: none kept). */
	keepLastKnownGood?: LastKnownGoodStore;
};

export type LiveFleet = {source: FleetSource; stop(): void};

export function startLiveFleet(options: LiveFleetOptions): LiveFleet {
	const {inputs} = options;
	const clients = new Map<string, ContextClient>();
	const failures = new Map<string, ContextFailure>();
	for (const {info, client} of inputs.contexts) {
		if (client) clients.set(info.name, client);
		else failures.set(info.name, {kind: 'kubeconfig', message: info.error ?? 'the context could not be loaded'});
	}
	const contextNames = inputs.contexts.map(({info}) => info.name);
	const kinds = watchedKinds();
	const store = startLiveStore({clients: [...clients.values()], kinds, runtime: options.runtime});
	const namespaced = new Map<string, boolean>();
	const listeners = new Set<(snapshot: FleetSnapshot) => void>();
	const exact = createExactDryRuns();
	let evaluation: Evaluation | undefined;
	let latest: FleetSnapshot | undefined;
	let problem: string | undefined;

	// Everything handed to the UI is terminal-safe here, once: names, messages, commit subjects, diff lines.
	const safeSnapshot = createSafeSnapshots();
	const snapshotNow = () =>
		safeSnapshot(fleetSnapshotOf({evaluation, contexts: contextNames, store, failures, repo: inputs.repo, repoError: inputs.repoError, now: options.now(), ...(problem ? {problem} : {})}));
	// At most one frame's worth of snapshots per frameMs: under churn every snapshot is a whole frame for Ink to
	// lay out and write (tens of ms at 200 columns), and keys must not wait behind them. The first change after a
	// quiet spell is published at once; later ones are joined into one at the end of the period.
	const frameMs = options.frameMs ?? 250;
	let lastPublish = -Infinity;
	let trailing: unknown;
	const publishNow = () => {
		trailing = undefined;
		lastPublish = performance.now();
		latest = snapshotNow();
		for (const listener of listeners) listener(latest);
	};
	const publish = () => {
		if (trailing !== undefined) return;
		const wait = lastPublish + frameMs - performance.now();
		if (wait <= 0) publishNow();
		else trailing = options.timers.setTimeout(publishNow, wait);
	};

	// Only contexts that answer: a dead or hanging one must not hold every evaluation for a request timeout.
	const learnNamespacedness = async () => {
		await Promise.all(
			[...clients].filter(([context]) => store.connection(context)?.phase === 'ready').flatMap(([context, client]) =>
				kinds
					.filter(kind => !namespaced.has(`${context}/${kind.group}/${kind.kind}`))
					.map(async kind => {
						const resolved = await client.discovery.resolve(kind);
						if (resolved.ok) namespaced.set(`${context}/${kind.group}/${kind.kind}`, resolved.value.namespaced);
					}),
			),
		);
	};

	const memory: WatchViewMemory = createWatchViewMemory();
	const listing = listedKinds({clients, failures});
	const view = () => createWatchView({store, clients, failures, memory, listed: listing.current(), namespaced: (context, group, kind) => namespaced.get(`${context}/${group}/${kind}`)});
	const signatureOf = (context: string) => contextSignature({context, store, failures, namespaced, listed: listing.current()});

	const evaluator = createFleetEvaluator({
		inputs,
		view,
		get: (context, key) => store.get(context, key),
		signature: signatureOf,
		renderCache: createRenderCache(inputs.renderStore ? {store: inputs.renderStore} : {}),
		...(options.probe ? {probe: options.probe} : {}),
	});
	const keeper = options.keepLastKnownGood ? createLastKnownGoodKeeper({store: options.keepLastKnownGood, log: options.log}) : undefined;
	// What arrived since the last run: the first run judges everything.
	let pending = {live: [] as LiveChange[], repo: false, publish: true};
	let lastRunMs = 0;
	let lastRunEndedAt = Number.NEGATIVE_INFINITY;
	let retryTimer: unknown;
	const runner = serialRunner(
		async () => {
			const changes = pending;
			pending = {live: [], repo: false, publish: false};
			await learnNamespacedness();
			const started = performance.now();
			let read = 0;
			const run = await evaluator.run({...changes, reading: () => (read = pending.live.length)}).finally(() => {
				lastRunEndedAt = performance.now();
				lastRunMs = lastRunEndedAt - started;
			});
			if (read > 0) pending.live = [...evaluator.unread(pending.live.slice(0, read)), ...pending.live.slice(read)];
			if (run) {
				evaluation = run.evaluation;
				keeper?.seen(run.evaluation);
				problem = undefined;
				options.log(`evaluated ${run.judged} of ${run.evaluation.apps.length} apps (${run.rendered} rendered) in ${Math.round(performance.now() - started)} ms: ${syncCounts(run.evaluation)}`);
			}
			options.probe?.finished?.({judged: run?.judged ?? 0, rendered: run?.rendered ?? 0});
			if (run || changes.publish || problem) publish();
		},
		{
			// Under churn, runs take at most about a third of the time: keys and frames need the rest (run-pacing.ts).
			quietMs: () => runQuietMs({minimumMs: options.quietMs ?? 30, lastRunMs, sinceLastRunMs: performance.now() - lastRunEndedAt}),
			timers: options.timers,
			// The screen keeps the last good verdicts and says that they are getting old, and why.
			onError(error) {
				options.log('evaluation failed', error);
				problem = `evaluation failed: ${error instanceof Error ? error.message : String(error)} (details in the log)`;
				publish();
				// The evaluator starts over on its next run; without a change to ask for one, an idle fleet would keep
				// the failed run's picture.
				retryTimer = options.timers.setTimeout(() => runner.request(), 5_000);
			},
		},
	);

	// Events churn most and no verdict reads them: they only refresh the events pane, without a new evaluation.
	// Other changes go to the evaluator, which judges again only the apps they concern.
	// A status change is worth a frame only when the header shows it: a kind a context does not serve is retried
	// every few seconds, each retry a new status.
	let shownContexts = '';
	const contextsMoved = () => {
		const shown = JSON.stringify(contextViewsOf(contextNames, store, failures));
		const moved = shown !== shownContexts;
		shownContexts = shown;
		return moved;
	};
	// Nor is it worth a run unless what the evaluation reads of the context moved (contextSignature).
	const signatures = new Map<string, string>();
	const signatureMoved = (context: string) => {
		const signature = signatureOf(context);
		const moved = signatures.get(context) !== signature;
		signatures.set(context, signature);
		return moved;
	};
	const unsubscribeStore = store.subscribe(batch => {
		const changes = batch.changes.filter(change => !isEventKind(change.kind));
		const statusMoved = batch.statusChanged.filter(signatureMoved).length > 0;
		if (batch.statusChanged.length > 0 && contextsMoved()) pending.publish = true;
		if (statusMoved || changes.length > 0) {
			pending.live.push(...changes);
			runner.request();
		} else if (pending.publish || (evaluation && batch.changes.length > 0)) {
			pending.publish = false;
			publish();
		}
	});
	// A fetch starting changes nothing worth a look; one ending (or failing) may have moved HEAD: the evaluator reads
	// HEAD again and judges nothing when it did not move.
	const unsubscribeRepo = inputs.repo?.subscribe(state => {
		if (state.fetching) return;
		pending.repo = true;
		pending.publish = true;
		runner.request();
	});
	inputs.repo?.startFetching();
	runner.request();

	/** The app's own object (Kustomization, HelmRelease, Application) as the watch store holds it. */
	const appObjectOf = ({definition}: EvaluatedApp) =>
		store
			.objects(definition.controllerContext)
			.map(entry => entry.object)
			.find(object => object.kind === definition.objectKind && object.metadata.name === definition.name && object.metadata.namespace === definition.namespace);

	// Kinds nobody watches are listed again now and then; what moved is judged like a watch event.
	let stopped = false;
	let relistTimer: unknown;
	const relistLater = () => {
		relistTimer = options.timers.setTimeout(() => {
			listing
				.refresh()
				.then(changes => {
					const moved = contextNames.filter(signatureMoved).length > 0;
					if (changes.length === 0 && !moved) return;
					pending.live.push(...changes);
					runner.request();
				})
				.catch((error: unknown) => options.log('listing kinds nobody watches failed', error))
				.finally(() => !stopped && relistLater());
		}, options.relistMs ?? 60_000);
	};
	relistLater();

	// The UI knows apps by their terminal-safe ids (the same for any name Kubernetes accepts).
	const find = (id: string): EvaluatedApp | undefined => evaluation?.apps.find(app => terminalText(appId(app.status)) === id);

	const source: FleetSource = {
		subscribe(listener) {
			listeners.add(listener);
			listener(latest ?? snapshotNow());
			return () => listeners.delete(listener);
		},
		loadDiff(request, onUpdate) {
			let cancelled = false;
			const app = find(request.appId);
			if (!app) {
				onUpdate({mode: 'fast', pending: false, lines: [], error: 'this app is not evaluated yet'});
				return () => undefined;
			}
			const update = (document: Parameters<typeof onUpdate>[0]) => !cancelled && onUpdate(terminalSafe(document));
			if (request.revision) {
				update({mode: 'fast', pending: true, lines: [{kind: 'note', text: `# rendering ${request.revision.slice(0, 7)} from the local clone…`}]});
				evaluate({...inputs, mode: 'fast', snapshot: view(), revision: request.revision, select: definition => definition.id === app.definition.id})
					.then(result => {
						const atRevision = result.apps[0];
						update(atRevision ? {...diffDocument(atRevision, {pending: false}), mode: 'fast'} : {mode: 'fast', pending: false, lines: [], error: 'the app does not exist at that revision'});
					})
					.catch((error: unknown) => update({mode: 'fast', pending: false, lines: [], error: String(error)}));
				return () => (cancelled = true);
			}
			const client = app.prepared.context ? clients.get(app.prepared.context) : undefined;
			// Only the objects the diff shows are dry-run (drifted first): the others' answers would not be seen.
			const ids = new Set(diffResources(app, request.resourceId).map(result => resourceId(result.key)));
			// Read-only mode refuses dry-runs in the transport, so the fast diff is all there is.
			const exactPossible = !options.readOnly && Boolean(client) && app.prepared.pairs.some(pair => ids.has(pair.id));
			update(diffDocument(app, {resourceId: request.resourceId, pending: exactPossible}));
			if (exactPossible) {
				exact
					.forApp(client!, app, {ids, onDrifted: dryRuns => update(diffDocument(app, {resourceId: request.resourceId, dryRuns, pending: true}))})
					.then(dryRuns => update(diffDocument(app, {resourceId: request.resourceId, dryRuns, pending: false})))
					.catch((error: unknown) => update({...diffDocument(app, {resourceId: request.resourceId, pending: false}), error: `exact diff failed: ${String(error)}`}));
			}
			return () => (cancelled = true);
		},
		async loadHistory(id) {
			const app = find(id);
			if (!app) return {status: 'error', error: 'this app is not evaluated yet'};
			const siblings = evaluation?.apps.filter(other => other.status.name === app.status.name && other.status.engine === app.status.engine) ?? [app];
			return terminalSafe(await appHistory(inputs.repo, app, siblings));
		},
		async loadSinceHealthy(id) {
			const app = find(id);
			if (!app) return {status: 'error', error: 'this app is not evaluated yet'};
			// The app's own object keeps the history in its status.
			return sinceHealthy({repo: inputs.repo, app, appObject: appObjectOf(app), ...(options.healthyRecords ? {records: options.healthyRecords} : {})});
		},
		async loadAppObject(id) {
			const app = find(id);
			if (!app) return {status: 'error', error: 'this app is not evaluated yet'};
			if (app.definition.engine === 'plain') return {status: 'error', error: 'a plain app has no object of its own: .gitops-tui.yaml in the repository declares it'};
			const object = appObjectOf(app);
			if (!object) return {status: 'error', error: `${app.definition.objectKind} ${app.definition.namespace}/${app.definition.name} is not in the watch store of ${app.definition.controllerContext}`};
			return terminalSafe({status: 'ready', object, context: app.definition.controllerContext});
		},
	};
	if (options.actions) source.actions = options.actions;
	if (options.simulateOutage) {
		const simulate = options.simulateOutage;
		source.simulateOutage = async on => {
			await simulate(on);
			await inputs.repo?.fetchNow();
			runner.request();
		};
	}

	return {
		source,
		stop() {
			stopped = true;
			options.timers.clearTimeout(relistTimer);
			if (retryTimer !== undefined) options.timers.clearTimeout(retryTimer);
			if (trailing !== undefined) options.timers.clearTimeout(trailing);
			runner.stop();
			unsubscribeStore();
			unsubscribeRepo?.();
			inputs.repo?.stop();
			store.stop();
		},
	};
}

/** `475 Synced, 25 OutOfSync`: what the fleet looks like after a run, for the log (and the TUI benchmark). */
function syncCounts(evaluation: Evaluation): string {
	const counts = new Map<string, number>();
	for (const app of evaluation.apps) counts.set(app.status.sync, (counts.get(app.status.sync) ?? 0) + 1);
	return [...counts].map(([sync, count]) => `${count} ${sync}`).join(', ') || 'no apps';
}

const eventKind = kindId({group: '', version: 'v1', kind: 'Event'});

function isEventKind(kind: string): boolean {
	return kind === eventKind;
}
