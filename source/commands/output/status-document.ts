/**
 * The `status -o json|yaml` contract (PRODUCT.md, "Contracts"): one object, `apiVersion: gitops-tui/v1`,
 * `kind: Status`, with `git`, `contexts[]` and `apps[]`. Built from an evaluation; it never holds object bodies,
 * so no Secret value can reach it. Absent optional fields mean "unknown" or "none".
 */
import {toStatusJson, type StatusJsonApp} from '../../domain/app.js';
import type {EvaluatedApp, Evaluation} from '../../engines/evaluate.js';
import {gitSummary, type GitSummary} from '../../engines/git-summary.js';
import type {GitRepo} from '../../repo/repo.js';

/** The whole `status` answer. */
export type StatusDocument = {
	apiVersion: 'gitops-tui/v1';
	kind: 'Status';
	git: GitSummary;
	contexts: Array<{name: string; reachable: boolean; error?: string}>;
	apps: StatusDocumentApp[];
};

/**
 * One app of the document: its status, and `warnings[]` for anything that was not applied or honoured (an Argo CD
 * ignore expression gitops-tui cannot evaluate, a sync option it does not model, a render note), as the table shows.
 */
export type StatusDocumentApp = StatusJsonApp & {warnings?: string[]};

/** The document entry of one evaluated app (also what `diff -o json` reports). */
export function statusAppEntry(app: EvaluatedApp): StatusDocumentApp {
	const warnings = [...new Set(app.notes)];
	return {...toStatusJson(app.status), ...(warnings.length > 0 ? {warnings} : {})};
}

/** Builds the document. */
export function statusDocument(evaluation: Evaluation, repo: GitRepo | undefined, repoError?: string): StatusDocument {
	const git = gitSummary(repo, repoError);
	if (!evaluation.tree.ok && repo) git.error = git.error ? `${git.error}; ${evaluation.tree.message}` : evaluation.tree.message;
	return {
		apiVersion: 'gitops-tui/v1',
		kind: 'Status',
		git,
		contexts: evaluation.contexts.map(context => (context.error && !context.reachable ? {name: context.name, reachable: false, error: context.error} : {name: context.name, reachable: context.reachable})),
		apps: evaluation.apps.map(statusAppEntry),
	};
}

/**
 * kubectl-style exit code: 2 when something could not be judged (the repository given cannot be opened, an
 * unreachable context, an app whose sync is Unknown, unreadable settings); else 1 when any app is OutOfSync or
 * not healthy; else 0. A typo in `--repo` must not pass a CI step.
 */
export function statusExitCode(document: StatusDocument, options: {settingsError?: boolean; repoError?: boolean} = {}): number {
	if (options.settingsError || options.repoError) return 2;
	if (document.contexts.some(context => !context.reachable)) return 2;
	if (document.apps.some(app => app.sync === 'Unknown')) return 2;
	if (document.apps.some(app => app.sync === 'OutOfSync' || !isFine(app.health))) return 1;
	return 0;
}

function isFine(health: StatusJsonApp['health']): boolean {
	return health === 'Healthy' || health === 'Suspended';
}
