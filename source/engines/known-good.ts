/**
 * Which apps an evaluation saw good: Synced and Healthy at the evaluated revision, with manifests rendered there.
 * The one rule for the last-known-good store, whoever fills it (`status` after each run, the TUI's live fleet when
 * an app becomes so), so a rollback finds the same revisions whichever front end saw them.
 */
import type {KubeObject} from '../domain/kube-object.js';
import type {LastKnownGoodApp} from '../journal/last-known-good.js';
import type {Evaluation} from './evaluate.js';

/** One app seen good: its store key, the revision, the manifests rendered at it (the store leaves Secrets out). */
export type KnownGood = {id: string; app: LastKnownGoodApp; revision: string; objects: readonly KubeObject[]};

/** The apps seen Synced and Healthy at the evaluated commit; none when the tree could not be read. */
export function knownGoodApps(evaluation: Evaluation): KnownGood[] {
	if (!evaluation.tree.ok) return [];
	const revision = evaluation.tree.sha;
	const good: KnownGood[] = [];
	for (const {definition, status, desired} of evaluation.apps) {
		if (status.sync !== 'Synced' || status.health !== 'Healthy' || !desired.state.ok || desired.state.objects.length === 0) continue;
		const app = {engine: definition.engine, context: definition.context ?? definition.controllerContext, namespace: definition.namespace, app: definition.name};
		good.push({id: JSON.stringify([app.engine, app.context, app.namespace, app.app]), app, revision, objects: desired.state.objects});
	}
	return good;
}
