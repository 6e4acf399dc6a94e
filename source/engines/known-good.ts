/**
 * Which apps an evaluation saw good: Synced and Healthy at the evaluated revision, with manifests rendered there.
 * The one rule for the last-known-good store, whoever fills it (`status` after each run, the TUI's live fleet when
 * an app becomes so), so a rollback finds the same revisions whichever front end saw them.
 */
import type {KubeObject} from '../domain/kube-object.js';
import type {LastKnownGoodApp} from '../journal/last-known-good.js';
import type {AppDefinition} from './engine.js';
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
		const {id, app} = storeKeyOf(definition);
		good.push({id, app, revision, objects: desired.state.objects});
	}
	return good;
}

/**
 * An app's store key, made once per definition: the TUI asks after every run, under churn many times a second, and
 * a definition lives until its app object changes.
 */
const storeKeys = new WeakMap<AppDefinition, {id: string; app: LastKnownGoodApp}>();
function storeKeyOf(definition: AppDefinition): {id: string; app: LastKnownGoodApp} {
	let known = storeKeys.get(definition);
	if (!known) {
		const app = {engine: definition.engine, context: definition.context ?? definition.controllerContext, namespace: definition.namespace, app: definition.name};
		storeKeys.set(definition, (known = {id: JSON.stringify([app.engine, app.context, app.namespace, app.app]), app}));
	}
	return known;
}
