/**
 * The `diff APP -o json|yaml` document: the app as `status -o json` reports it (same resource entries, same
 * `warnings[]`), each resource with the unified diff text `gitops-tui diff` prints for it (Secrets masked: which
 * keys differ, never a value), and which comparison made it.
 */
import type {StatusJsonResource} from '../../domain/app.js';
import type {EvaluatedApp} from '../../engines/evaluate.js';
import {resourceDiffBody} from '../../engines/resource-diff-text.js';
import {resourceSidesOf} from '../../engines/resource-sides.js';
import {statusAppEntry, type StatusDocumentApp} from './status-document.js';

/** The whole `diff -o json` answer. */
export type DiffDocument = {
	apiVersion: 'gitops-tui/v1';
	kind: 'Diff';
	mode: 'exact' | 'fast';
	app: Omit<StatusDocumentApp, 'resources'> & {resources: Array<StatusJsonResource & {diff?: string}>};
};

/** Builds the document for one evaluated app. */
export function diffDocument(app: EvaluatedApp, mode: DiffDocument['mode']): DiffDocument {
	const entry = statusAppEntry(app);
	// One index of the app's sides, not a search per resource: linear in the app's objects.
	const sidesOf = resourceSidesOf(app.prepared, app.dryRuns);
	const resources = entry.resources.map((resource, index) => {
		const result = app.status.resources[index]!;
		const diff = result.verdict === 'Unknown' ? '' : resourceDiffBody(result, sidesOf(result.key), {showIgnored: false});
		return diff ? {...resource, diff} : resource;
	});
	return {apiVersion: 'gitops-tui/v1', kind: 'Diff', mode, app: {...entry, resources}};
}
