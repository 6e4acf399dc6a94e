/**
 * An app's history from the local clone (so it works with the Git server down): the commits touching
 * any of its source paths, newest first, with markers for what each controller deployed — the same
 * app on every context, so "eu runs this commit, us runs that one" reads at a glance.
 */
import type {EvaluatedApp} from '../engines/evaluate.js';
import type {GitRepo} from '../repo/repo.js';
import type {CommitView} from '../state/fleet-snapshot.js';
import type {HistoryDocument} from '../state/tui-state.js';

export async function appHistory(repo: GitRepo | undefined, app: EvaluatedApp, siblings: readonly EvaluatedApp[]): Promise<HistoryDocument> {
	if (!repo) return {status: 'error', error: 'no repository loaded (pass --repo PATH|URL)'};
	const paths = app.definition.sources.map(source => source.path || '.');
	if (paths.length === 0) return {status: 'error', error: app.definition.sourceProblem ?? 'this app has no source in the loaded repository'};
	const bySha = new Map<string, CommitView>();
	for (const path of paths) {
		const log = await repo.commitsTouching(path, {limit: 100});
		if (!log.ok) return {status: 'error', error: `cannot read history of ${path}: ${log.error.message}`};
		for (const commit of log.commits) bySha.set(commit.sha, {sha: commit.sha, author: commit.author, date: commit.date, subject: commit.subject});
	}
	const commits = [...bySha.values()].sort((a, b) => b.date.localeCompare(a.date));
	const deployed: Record<string, string[]> = {};
	for (const sibling of siblings) {
		const revision = sibling.status.revision.deployed;
		if (!revision) continue;
		// A controller deploys a repo commit that need not touch this path: what it runs of this app is the
		// newest commit on the path at or before the deployed one.
		const effective = await newestTouching(repo, paths, revision);
		if (effective && bySha.has(effective)) (deployed[effective] ??= []).push(`${sibling.status.engine}@${sibling.status.context}`);
	}
	return {status: 'ready', commits, deployed};
}

async function newestTouching(repo: GitRepo, paths: readonly string[], revision: string): Promise<string | undefined> {
	let newest: {sha: string; date: string} | undefined;
	for (const path of paths) {
		const log = await repo.commitsTouching(path, {revision, limit: 1});
		const commit = log.ok ? log.commits[0] : undefined;
		if (commit && (!newest || commit.date > newest.date)) newest = commit;
	}
	return newest?.sha;
}
