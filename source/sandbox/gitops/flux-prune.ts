/**
 * kustomize-controller's garbage collection: objects in the last inventory that the new build no longer has
 * are deleted, unless marked `kustomize.toolkit.fluxcd.io/prune: disabled` or `reconcile: disabled` (its
 * DeleteOptions.Exclusions).
 */
import {parseInventoryId} from '../../domain/flux-inventory-id.js';
import {pruneExcluded, subjectOf} from './flux-apply.js';
import type {GitOpsRuntime} from './runtime.js';

/** Deletes the stale entries' objects; returns their subjects. */
export function pruneStale(runtime: GitOpsRuntime, stale: ReadonlyArray<{id: string; v: string}>): {ok: true; deleted: string[]} | {ok: false; message: string} {
	const deleted: string[] = [];
	for (const entry of stale) {
		const parsed = parseInventoryId(entry.id);
		if (!parsed) continue;
		const apiVersion = parsed.group ? `${parsed.group}/${entry.v}` : entry.v;
		const live = runtime.get({apiVersion, kind: parsed.kind}, parsed.namespace || undefined, parsed.name);
		if (!live || live.metadata.deletionTimestamp) continue;
		if (pruneExcluded(live)) continue;
		runtime.remove(live);
		deleted.push(subjectOf(live));
	}
	return {ok: true, deleted};
}
