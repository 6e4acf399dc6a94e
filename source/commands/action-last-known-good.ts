/**
 * After an evaluation, `status` keeps the rendered manifests of every app it saw Synced and Healthy at the
 * evaluated revision in the last-known-good store (Secrets left out; the rule: engines/known-good.ts), so a later
 * rollback can put that revision back even when the clone cannot render it. A store that cannot be written is a
 * note, never a failed status.
 */
import os from 'node:os';
import {mapConcurrent} from '../engines/concurrency.js';
import type {Evaluation} from '../engines/evaluate.js';
import {knownGoodApps} from '../engines/known-good.js';
import {lastKnownGoodDir, openLastKnownGood} from '../journal/last-known-good.js';
import type {CommandIo} from './command.js';

/** Keeps what was seen good; answers how many apps were kept, and a problem when writing failed. */
export async function keepLastKnownGood(evaluation: Evaluation, io: CommandIo, now: () => Date): Promise<{kept: number; problem?: string}> {
	const good = knownGoodApps(evaluation);
	if (good.length === 0) return {kept: 0};
	const store = openLastKnownGood({dir: lastKnownGoodDir(io.env, io.env['HOME'] ?? os.homedir()), now});
	let kept = 0;
	let problem: string | undefined;
	// Several apps at once: each is a few small file operations, so the waits overlap.
	await mapConcurrent(good, 8, async ({app, revision, objects}) => {
		if (problem) return;
		try {
			await store.keep(app, revision, objects);
			kept++;
		} catch (error) {
			problem ??= `the last-known-good store (${store.dir}) cannot be written: ${error instanceof Error ? error.message : String(error)}`;
		}
	});
	return problem ? {kept, problem} : {kept};
}
