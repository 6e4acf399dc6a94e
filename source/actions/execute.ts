/**
 * The execute stage: the writes in order, each reported as it runs and ends. Server-side apply conflicts are
 * reported with the fields and managers that own them and never forced unless asked. A failed control write
 * (pause, annotation) stops what follows; a failed apply does not stop the other objects.
 */
import type {ContextClient} from '../cluster/context-client.js';
import type {ClusterResult} from '../cluster/failure.js';
import {deleteObject, mergePatch, serverSideApply} from '../cluster/writes.js';
import type {ObjectProgress} from '../domain/action.js';
import type {KubeObject} from '../domain/kube-object.js';
import type {JournalObject} from '../journal/journal-types.js';
import {writeRef} from '../engines/app-writes.js';
import type {SpecWrite, WaitContext, WaitResult} from './action-spec.js';
import {writeKey} from './plan-objects.js';

/** What executing gave: per-object progress, the journal's objects, a failed wait between writes if any. */
export type Execution = {objects: ObjectProgress[]; journal: JournalObject[]; failed: boolean; stoppedBy?: WaitResult};

/** Runs the writes; `progress` hears each object's change. */
export async function executeWrites(
	writes: readonly SpecWrite[],
	options: {client: (context: string) => ContextClient; force: boolean; progress: (object: ObjectProgress) => void; waitContext: WaitContext},
): Promise<Execution> {
	const objects: ObjectProgress[] = writes.map(entry => ({key: writeKey(entry), status: 'pending'}));
	const journal: JournalObject[] = [];
	let failed = false;
	for (const [index, entry] of writes.entries()) {
		const {write, live} = entry;
		const ref = writeRef(write);
		const update = (change: Partial<ObjectProgress>) => {
			objects[index] = {...objects[index]!, ...change};
			options.progress(objects[index]!);
		};
		update({status: 'running'});
		const client = options.client(write.context);
		const answer: ClusterResult<KubeObject> =
			write.kind === 'patch'
				? await mergePatch(client, write.ref, write.patch)
				: write.kind === 'delete'
					? await deleteObject(client, write.ref)
					: await serverSideApply(client, write.object, {fieldManager: write.fieldManager, force: options.force});
		const record: JournalObject = {apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name, result: '', ...(ref.namespace ? {namespace: ref.namespace} : {})};
		if (live?.metadata.resourceVersion) record.resourceVersionBefore = live.metadata.resourceVersion;
		if (answer.ok) {
			const result = write.kind === 'patch' ? (write.change === 'annotate' ? 'annotated' : 'patched') : write.kind === 'delete' ? 'pruned' : !live ? 'created' : answer.value.metadata.resourceVersion === live.metadata.resourceVersion ? 'unchanged' : 'changed';
			if (answer.value.metadata?.resourceVersion && write.kind !== 'delete') record.resourceVersionAfter = answer.value.metadata.resourceVersion;
			journal.push({...record, result});
			update({status: 'done', message: result});
		} else {
			failed = true;
			const secret = ref.kind === 'Secret' && ref.apiVersion === 'v1';
			const conflicts = answer.error.conflicts;
			const message = conflicts?.length
				? `conflict: ${conflicts.map(conflict => `${conflict.field} owned by ${conflict.manager}`).join(', ')} (not forced)`
				: secret
					? `${answer.error.kind} (message withheld: Secret)`
					: `${answer.error.kind}: ${answer.error.message}`;
			journal.push({...record, result: conflicts?.length ? 'conflict' : answer.error.kind === 'forbidden' ? 'refused' : 'failed', message});
			update({status: conflicts?.length ? 'conflict' : 'failed', message, ...(conflicts?.length ? {conflicts: conflicts.map(conflict => ({field: conflict.field, manager: conflict.manager}))} : {})});
			if (entry.stopOnFailure) {
				markSkipped(objects, index + 1, options.progress);
				return {objects, journal, failed};
			}
			continue;
		}
		if (entry.then) {
			const waited = await entry.then(options.waitContext);
			if (waited.outcome !== 'done') {
				markSkipped(objects, index + 1, options.progress);
				return {objects, journal, failed: waited.outcome === 'failed', stoppedBy: waited};
			}
		}
	}
	return {objects, journal, failed};
}

function markSkipped(objects: ObjectProgress[], from: number, progress: (object: ObjectProgress) => void): void {
	for (let index = from; index < objects.length; index++) {
		objects[index] = {...objects[index]!, status: 'skipped', message: 'not run: an earlier step did not finish'};
		progress(objects[index]!);
	}
}
