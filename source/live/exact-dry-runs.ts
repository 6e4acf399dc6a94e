/**
 * The TUI's exact comparisons: server-side apply dry-runs of the objects a diff shows, at most a few at once per
 * context (a fleet's diffs must not open hundreds of requests against one apiserver), drifted objects first, and
 * each answer kept while neither side changed: the same desired object (by content) against the same live
 * resourceVersion, applied by the same field manager, gives the same answer. Refusals are not kept (a timeout
 * or a webhook's bad moment should be tried again).
 */
import {createHash} from 'node:crypto';
import type {ContextClient} from '../cluster/context-client.js';
import type {KubeObject} from '../domain/kube-object.js';
import {dryRunPair, type DryRunAnswer} from '../engines/dry-run.js';
import type {EvaluatedApp} from '../engines/evaluate.js';
import type {DryRunResults} from '../engines/judge-prepared.js';

export type ExactDryRunsOptions = {
	/** Dry-runs at once per context; default 4. */
	perContext?: number;
	/** Answers kept; default 5,000 (the least recently used go first). */
	maxEntries?: number;
	/** The dry-run itself (engines' dryRunPair); injected in tests to count requests. */
	dryRun?: typeof dryRunPair;
};

export type ExactDryRuns = {
	/**
	 * Answers for the app's pairs among `ids` (every pair when omitted), drifted ones asked first; `onDrifted`
	 * hears the answers for the drifted ones as soon as they are in, before the rest.
	 */
	forApp(client: ContextClient, app: EvaluatedApp, options?: {ids?: ReadonlySet<string>; onDrifted?: (results: DryRunResults) => void}): Promise<DryRunResults>;
};

export function createExactDryRuns(options: ExactDryRunsOptions = {}): ExactDryRuns {
	const perContext = Math.max(1, options.perContext ?? 4);
	const maxEntries = Math.max(1, options.maxEntries ?? 5000);
	const dryRun = options.dryRun ?? dryRunPair;
	const kept = new Map<string, Promise<DryRunAnswer>>();
	const slots = new Map<string, {active: number; waiting: Array<() => void>}>();
	const hashes = new WeakMap<KubeObject, string>();

	const hashOf = (object: KubeObject) => {
		let hash = hashes.get(object);
		if (!hash) hashes.set(object, (hash = createHash('sha256').update(JSON.stringify(object)).digest('base64')));
		return hash;
	};
	/** Runs `task` when the context has a free slot. */
	const limited = async <T>(context: string, task: () => Promise<T>): Promise<T> => {
		let slot = slots.get(context);
		if (!slot) slots.set(context, (slot = {active: 0, waiting: []}));
		const own = slot;
		if (own.active >= perContext) await new Promise<void>(resolve => own.waiting.push(resolve));
		else own.active++;
		try {
			return await task();
		} finally {
			// The slot passes straight to the next waiter, or frees up.
			const next = own.waiting.shift();
			if (next) next();
			else own.active--;
		}
	};
	const keep = (key: string, answer: Promise<DryRunAnswer>) => {
		kept.set(key, answer);
		while (kept.size > maxEntries) kept.delete(kept.keys().next().value!);
		void answer.then(result => !result.ok && kept.get(key) === answer && kept.delete(key)).catch(() => kept.get(key) === answer && kept.delete(key));
	};

	return {
		async forApp(client, app, more = {}) {
			const {prepared} = app;
			const context = client.name;
			const fieldManager = prepared.app.fieldManager;
			const verdicts = new Map(app.status.resources.map(resource => [`${resource.key.group}/${resource.key.kind}/${resource.key.namespace}/${resource.key.name}`, resource.verdict]));
			const pairs = prepared.pairs.filter(pair => !more.ids || more.ids.has(pair.id));
			const drifted = pairs.filter(pair => verdicts.get(pair.id) === 'Drifted');
			const others = pairs.filter(pair => verdicts.get(pair.id) !== 'Drifted');
			const results = new Map<string, DryRunAnswer>();
			const ask = (group: typeof pairs) =>
				Promise.all(
					group.map(async pair => {
						const key = [context, fieldManager, pair.id, hashOf(pair.desired), pair.live.metadata.resourceVersion ?? hashOf(pair.live)].join('\0');
						let answer = kept.get(key);
						if (answer) {
							kept.delete(key);
							kept.set(key, answer);
						} else {
							answer = limited(context, () => dryRun(client, pair, fieldManager));
							keep(key, answer);
						}
						results.set(pair.id, await answer);
					}),
				);
			await ask(drifted);
			if (drifted.length > 0 && others.length > 0) more.onDrifted?.(new Map(results));
			await ask(others);
			return results;
		},
	};
}
