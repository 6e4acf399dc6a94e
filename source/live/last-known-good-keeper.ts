/**
 * The TUI fills the last-known-good store as `status` does (same rule: engines/known-good.ts), so a rollback has
 * the revisions an operator watched healthy even if `status` never ran. Only when it changes: an app is kept when it
 * is first seen good at a revision, or its manifests there were rendered anew; an evaluation that judged nothing
 * new about it writes nothing (the store itself also skips what it already holds). Writes run one batch at a time,
 * off the evaluation's path; a store that cannot be written is logged once per problem, and retried on the next
 * change.
 */
import type {Evaluation} from '../engines/evaluate.js';
import {knownGoodApps, type KnownGood} from '../engines/known-good.js';
import type {LastKnownGoodStore} from '../journal/last-known-good.js';

export type LastKnownGoodKeeper = {
	/** Told of each evaluation the fleet publishes. */
	seen(evaluation: Evaluation): void;
	/** Resolves once every write asked for so far has ended (tests, and a clean stop). */
	idle(): Promise<void>;
};

export function createLastKnownGoodKeeper(options: {store: LastKnownGoodStore; log: (message: string, error?: unknown) => void}): LastKnownGoodKeeper {
	// Per app: the revision and the very manifests last kept (an unchanged render is the same array).
	const kept = new Map<string, {revision: string; objects: KnownGood['objects']}>();
	let queue = Promise.resolve();
	let lastProblem: string | undefined;

	const keep = async (entry: KnownGood) => {
		try {
			await options.store.keep(entry.app, entry.revision, entry.objects);
		} catch (error) {
			// Forgotten, so the next evaluation that sees it good tries again.
			if (kept.get(entry.id)?.objects === entry.objects) kept.delete(entry.id);
			const problem = `the last-known-good store (${options.store.dir}) cannot be written: ${error instanceof Error ? error.message : String(error)}`;
			if (problem !== lastProblem) options.log(problem);
			lastProblem = problem;
		}
	};

	return {
		seen(evaluation) {
			const changed = knownGoodApps(evaluation).filter(entry => {
				const last = kept.get(entry.id);
				return !last || last.revision !== entry.revision || last.objects !== entry.objects;
			});
			if (changed.length === 0) return;
			// Marked at once: a run that comes before the write ends does not ask for it again.
			for (const entry of changed) kept.set(entry.id, {revision: entry.revision, objects: entry.objects});
			queue = queue.then(async () => {
				for (const entry of changed) await keep(entry);
			});
		},
		idle: () => queue,
	};
}
