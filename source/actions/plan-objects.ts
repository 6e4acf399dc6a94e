/**
 * The plan's objects: every write dry-run on the server (`dryRun=All`, nothing stored) and the exact diff of the
 * object as it is against the server's answer, Secret values masked (textDiff masks them; a refused Secret's
 * message is withheld, since the server may quote the value). Conflicts found here are named in the summary.
 */
import type {ContextClient} from '../cluster/context-client.js';
import type {ClusterResult} from '../cluster/failure.js';
import {deleteObject, mergePatch, serverSideApply} from '../cluster/writes.js';
import type {PlannedObject} from '../domain/action.js';
import type {KubeObject} from '../domain/kube-object.js';
import {resourceKeyOf, type ResourceKey} from '../domain/resource-key.js';
import {textDiff} from '../domain/text-diff.js';
import {writeRef} from '../engines/app-writes.js';
import {mapConcurrent} from '../engines/concurrency.js';
import type {SpecWrite} from './action-spec.js';

/** The key of the object a write targets. */
export function writeKey(entry: SpecWrite): ResourceKey {
	const ref = writeRef(entry.write);
	const object = entry.live ?? {apiVersion: ref.apiVersion, kind: ref.kind, metadata: {name: ref.name, ...(ref.namespace ? {namespace: ref.namespace} : {})}};
	return resourceKeyOf(object);
}

/** Dry-runs each write (when `dryRuns`; otherwise only describes it) and returns the plan's objects. */
export async function planObjects(writes: readonly SpecWrite[], options: {client: (context: string) => ContextClient | undefined; force: boolean; dryRuns: boolean}): Promise<PlannedObject[]> {
	return mapConcurrent(writes, 4, async entry => {
		const {write, live} = entry;
		const key = writeKey(entry);
		const base: PlannedObject =
			write.kind === 'patch'
				? {key, change: write.change, summary: write.summary}
				: write.kind === 'delete'
					? {key, change: 'prune', willPrune: true, summary: 'deleted: not in the applied revision'}
					: {key, change: live ? 'change' : 'create', summary: [`server-side apply as ${write.fieldManager}`, ...(entry.notes ?? [])].join('; ')};
		const client = options.client(write.context);
		if (!options.dryRuns || !client) return base;
		const answer: ClusterResult<KubeObject> =
			write.kind === 'patch'
				? await mergePatch(client, write.ref, write.patch, {dryRun: true})
				: write.kind === 'delete'
					? await deleteObject(client, write.ref, {dryRun: true})
					: await serverSideApply(client, write.object, {dryRun: true, fieldManager: write.fieldManager, force: options.force});
		if (!answer.ok) {
			const secret = key.kind === 'Secret' && key.group === '';
			const conflicts = answer.error.conflicts?.map(conflict => `${conflict.field} owned by ${conflict.manager}`).join(', ');
			const why = conflicts ? `conflict: ${conflicts} (not forced; --force takes them over)` : secret ? `${answer.error.kind} (message withheld: Secret)` : `${answer.error.kind}: ${answer.error.message}`;
			return {...base, summary: `${base.summary ?? ''}; dry-run refused: ${why}`.replace(/^; /, '')};
		}
		if (write.kind === 'delete') return base;
		const path = `${key.group || 'core'}/${key.version}/${key.kind}/${key.namespace ? `${key.namespace}/` : ''}${key.name}`;
		const diff = textDiff({...(live ? {before: live} : {}), after: answer.value, beforeName: `live/${path}`, afterName: `merged/${path}`});
		if (diff.ok && !diff.changed && write.kind === 'apply') return {...base, change: 'unchanged'};
		const text = diff.ok ? diff.diff.replace(/^(Index: [^\n]*\n)?=+\n/, '') : `${diff.error.message}; differing fields: ${diff.paths.join(', ')}`;
		return {...base, diff: text};
	});
}
