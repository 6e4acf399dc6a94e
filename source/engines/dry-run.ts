/**
 * The exact comparison's server half: a server-side apply dry-run of each desired object that exists live, as
 * the app's controller applies it (its field manager, conflicts forced), as `kubectl diff --server-side
 * --force-conflicts` does. Nothing is stored. A refusal is kept per object and never fails the app.
 */
import type {ContextClient} from '../cluster/context-client.js';
import {serverSideApply} from '../cluster/writes.js';
import type {KubeObject} from '../domain/kube-object.js';
import {limitConcurrency} from './concurrency.js';
import type {DryRunResults} from './judge-prepared.js';
import type {PreparedApp} from './prepare-app.js';

/** One dry-run answer: the object as it would be, or why the server refused. */
export type DryRunAnswer = {ok: true; object: KubeObject} | {ok: false; message: string};

/** Dry-runs one desired/live pair as the app's controller would apply it. */
export async function dryRunPair(client: ContextClient, pair: PreparedApp['pairs'][number], fieldManager: string): Promise<DryRunAnswer> {
	const answer = await serverSideApply(client, pair.desired, {dryRun: true, force: true, fieldManager});
	if (answer.ok) return {ok: true, object: answer.value};
	// The server's message may quote a value it refused; for a Secret, say only what kind of refusal it was.
	const message = pair.key.kind === 'Secret' && pair.key.group === '' ? `${answer.error.kind} (message withheld: Secret)` : `${answer.error.kind}: ${answer.error.message}`;
	return {ok: false, message};
}

/**
 * Dry-runs at once per context for one evaluation of a one-shot command (`status --exact`, `diff`), across all its
 * apps. A dry-run is a mutating request to a real kube-apiserver: without API Priority and Fairness it counts
 * against --max-mutating-requests-inflight (default 200; reads against --max-requests-inflight, 400); with APF (on by
 * default since 1.20, GA in 1.29) the two are summed (600 seats) and shared among priority levels by their
 * nominal concurrency shares, and a person's requests fall in `global-default` (20 of 245 shares: about 49 seats,
 * shared by every person using the cluster; 128 queues of at most 50 requests, one flow per user, and a request
 * past its queue's limit is answered 429). 16 stays well inside that level, so it neither queues long nor meets a
 * 429 from the defaults, and leaves most of it to the cluster's other users. Against an apiserver a network round
 * trip away (10–50 ms) it is what sets the time: before, 4 apps × 4 objects were in flight over all contexts; at
 * 20,000 objects over 3 contexts and 20 ms, ~25 s of waiting, now ~8 s. Sources:
 * kubernetes.io/docs/concepts/cluster-administration/flow-control, and kube-apiserver's bootstrap configuration
 * (staging/src/k8s.io/apiserver/pkg/apis/flowcontrol/bootstrap/default.go). The TUI asks fewer at once
 * (live/exact-dry-runs.ts): it shares the apiserver for as long as it runs, not for one command.
 */
export const oneShotDryRunsPerContext = 16;

/** One evaluation's dry-runs, at most `perContext` in flight on each context whichever app asked. */
export type DryRunQueue = {
	/** Dry-runs every desired/live pair of a prepared app on its context's client. */
	forApp(client: ContextClient, prepared: PreparedApp): Promise<DryRunResults>;
};

export function createDryRunQueue(options: {perContext?: number} = {}): DryRunQueue {
	const perContext = Math.max(1, options.perContext ?? oneShotDryRunsPerContext);
	const bounded = new WeakMap<ContextClient, (pair: PreparedApp['pairs'][number], fieldManager: string) => Promise<DryRunAnswer>>();
	return {
		async forApp(client, prepared) {
			let run = bounded.get(client);
			if (!run) bounded.set(client, (run = limitConcurrency(async (pair, fieldManager) => dryRunPair(client, pair, fieldManager), perContext)));
			const answers = await Promise.all(prepared.pairs.map(async pair => run(pair, prepared.app.fieldManager)));
			return new Map(prepared.pairs.map((pair, index) => [pair.id, answers[index]!]));
		},
	};
}
