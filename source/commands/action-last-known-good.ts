/**
 * After an evaluation, `status` keeps the rendered manifests of every app it saw Synced and Healthy at the
 * evaluated revision in the last-known-good store (Secrets left out), so a later rollback can put that revision
 * back even when the clone cannot render it. A store that cannot be written is a note, never a failed status.
 */
import os from 'node:os';
import {mapConcurrent} from '../engines/concurrency.js';
import type {Evaluation} from '../engines/evaluate.js';
import {lastKnownGoodDir, openLastKnownGood} from '../journal/last-known-good.js';
import type {CommandIo} from './command.js';

/** Keeps what was seen good; answers how many apps were kept, and a problem when writing failed. */
export async function keepLastKnownGood(evaluation: Evaluation, io: CommandIo, now: () => Date): Promise<{kept: number; problem?: string}> {
	if (!evaluation.tree.ok) return {kept: 0};
	const {sha} = evaluation.tree;
	const store = openLastKnownGood({dir: lastKnownGoodDir(io.env, io.env['HOME'] ?? os.homedir()), now});
	const good = evaluation.apps.filter(({status, desired}) => status.sync === 'Synced' && status.health === 'Healthy' && desired.state.ok && desired.state.objects.length > 0);
	let kept = 0;
	let problem: string | undefined;
	// Several apps at once: each is a few small file operations, so the waits overlap.
	await mapConcurrent(good, 8, async ({definition, desired}) => {
		if (problem || !desired.state.ok) return;
		try {
			await store.keep({engine: definition.engine, context: definition.context ?? definition.controllerContext, namespace: definition.namespace, app: definition.name}, sha, desired.state.objects);
			kept++;
		} catch (error) {
			problem ??= `the last-known-good store (${store.dir}) cannot be written: ${error instanceof Error ? error.message : String(error)}`;
		}
	});
	return problem ? {kept, problem} : {kept};
}
