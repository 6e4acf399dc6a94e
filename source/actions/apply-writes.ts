/**
 * The writes that put a rendered revision on the cluster: a server-side apply of each desired object as the
 * chosen field manager (plain apps also get the revision mark), and the app's live objects that revision lacks,
 * listed as prunes (deleted only when pruning was asked). Fields the app's ignore rules hide are kept as they are
 * live (respect-ignores.ts), as Argo CD's RespectIgnoreDifferences does.
 */
import type {PlannedObject} from '../domain/action.js';
import {resourceKeyOf} from '../domain/resource-key.js';
import {refOf} from '../cluster/read-object.js';
import {desiredIdOf} from '../engines/desired-ids.js';
import {withAppliedRevision} from '../engines/plain-actions.js';
import type {PreparedApp} from '../engines/prepare-app.js';
import type {SpecWrite} from './action-spec.js';
import {respectIgnores} from './respect-ignores.js';

/** Applies and prunes for a prepared app at `sha`. */
export function applyWrites(prepared: PreparedApp, options: {fieldManager: string; sha: string; prune: boolean}): {writes: SpecWrite[]; prunes: PlannedObject[]} {
	const context = prepared.context ?? prepared.app.controllerContext;
	const plain = prepared.app.engine === 'plain';
	const liveOf = new Map(prepared.pairs.map(pair => [pair.desired, pair]));
	const writes: SpecWrite[] = prepared.decorated.map(object => {
		const pair = liveOf.get(object);
		const liveManagers = pair ? prepared.managersFor(pair.live) : undefined;
		const respected = pair
			? respectIgnores(object, pair.live, {rules: prepared.app.ignoreRules, key: pair.key, fieldManager: options.fieldManager, ...(liveManagers ? {liveManagers} : {})})
			: {object, notes: []};
		return {
			write: {kind: 'apply', context, object: plain ? withAppliedRevision(respected.object, options.sha) : respected.object, fieldManager: options.fieldManager},
			stopOnFailure: false,
			...(respected.notes.length > 0 ? {notes: respected.notes} : {}),
		};
	});
	const desiredIds = new Set(prepared.decorated.map(object => desiredIdOf(prepared, object)));
	const prunes: PlannedObject[] = [];
	for (const live of prepared.owned) {
		if (desiredIds.has(desiredIdOf(prepared, live))) continue;
		const key = resourceKeyOf(live, {defaultNamespace: prepared.app.defaultNamespace, isNamespaced: prepared.isNamespaced});
		prunes.push({key, change: 'prune', willPrune: options.prune, summary: options.prune ? 'deleted: not in this revision' : 'not in this revision; kept (pass --prune to delete)'});
		if (options.prune) writes.push({write: {kind: 'delete', context, ref: refOf(live)}, live, stopOnFailure: false});
	}
	return {writes, prunes};
}
