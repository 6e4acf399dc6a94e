/**
 * Deployed revision against the evaluated one: how many commits touching the app's path lie between what its
 * controller deployed and what we rendered. Read from the local clone, so it works during a Git outage.
 *
 * At fleet scale one `git rev-list` per app not at HEAD was the cost (a process start from a big Node heap, not
 * git's work): a BehindCounter asks git once per deployed revision — every app deployed there shares the answer
 * — and counts each app's paths in memory.
 */
import type {AppRevision} from '../domain/app.js';
import {pathTouched, type ChangedPaths} from '../repo/log.js';
import type {GitRepo} from '../repo/repo.js';
import type {AppDefinition} from './engine.js';

/** Counts commits touching a path between a deployed revision and HEAD; undefined when git cannot tell. */
export type BehindCounter = (deployed: string, path: string) => Promise<number | undefined>;

/** One evaluation's counter: one git process per distinct deployed revision (when the repo can list them). */
export function createBehindCounter(repo: GitRepo, head: string): BehindCounter {
	const ranges = new Map<string, Promise<ChangedPaths[] | undefined>>();
	return async (deployed, path) => {
		if (!repo.commitsBetween) {
			const counted = await repo.countCommitsBetween(deployed, head, path);
			return counted.ok ? counted.count : undefined;
		}
		let range = ranges.get(deployed);
		if (!range) ranges.set(deployed, (range = repo.commitsBetween(deployed, head).then(listed => (listed.ok ? listed.commits : undefined))));
		const commits = await range;
		return commits?.filter(commit => pathTouched(commit, path)).length;
	};
}

/** The revision row of an app; `behind` only when the deployed commit is in the local clone. */
export async function revisionInfo(app: AppDefinition, deployed: string | undefined, options: {repo?: GitRepo; head?: string; behind?: BehindCounter}): Promise<AppRevision> {
	const revision: AppRevision = {};
	if (deployed) revision.deployed = deployed;
	if (options.head) revision.head = options.head;
	if (!deployed || !options.head || !options.repo) return revision;
	if (options.head.startsWith(deployed)) {
		revision.behind = 0;
		return revision;
	}

	const count = options.behind ?? createBehindCounter(options.repo, options.head);
	// Every source's path counts: a commit touching any of them changes what the app renders.
	const paths = app.sources.map(source => source.path);
	let behind = 0;
	for (const path of paths.length > 0 ? [...new Set(paths)] : ['']) {
		const counted = await count(deployed, path);
		if (counted === undefined) return revision;
		behind = Math.max(behind, counted);
	}

	revision.behind = behind;
	return revision;
}
