/**
 * The exact comparison's server half: a server-side apply dry-run of each desired object that exists live, as
 * the app's controller applies it (its field manager, conflicts forced), as `kubectl diff --server-side
 * --force-conflicts` does. Nothing is stored. A refusal is kept per object and never fails the app.
 */
import type {ContextClient} from '../cluster/context-client.js';
import {serverSideApply} from '../cluster/writes.js';
import type {KubeObject} from '../domain/kube-object.js';
import {mapConcurrent} from './concurrency.js';
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

/** Dry-runs every desired/live pair of a prepared app on its context's client. */
export async function dryRunPairs(client: ContextClient, prepared: PreparedApp, options: {concurrency?: number} = {}): Promise<DryRunResults> {
	const results = new Map<string, DryRunAnswer>();
	await mapConcurrent(prepared.pairs, options.concurrency ?? 4, async pair => {
		results.set(pair.id, await dryRunPair(client, pair, prepared.app.fieldManager));
	});
	return results;
}
