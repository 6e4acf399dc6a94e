/**
 * Deployed revision against the evaluated one: how many commits touching the app's path lie between what its
 * controller deployed and what we rendered. Read from the local clone, so it works during a Git outage.
 */
import type {AppRevision} from '../domain/app.js';
import type {GitRepo} from '../repo/repo.js';
import type {AppDefinition} from './engine.js';

/** The revision row of an app; `behind` only when the deployed commit is in the local clone. */
export async function revisionInfo(app: AppDefinition, deployed: string | undefined, options: {repo?: GitRepo; head?: string}): Promise<AppRevision> {
	const revision: AppRevision = {};
	if (deployed) revision.deployed = deployed;
	if (options.head) revision.head = options.head;
	if (!deployed || !options.head || !options.repo) return revision;
	if (options.head.startsWith(deployed)) {
		revision.behind = 0;
		return revision;
	}

	// Every source's path counts: a commit touching any of them changes what the app renders.
	const paths = app.sources.map(source => source.path);
	let behind = 0;
	for (const path of paths.length > 0 ? [...new Set(paths)] : ['']) {
		const counted = await options.repo.countCommitsBetween(deployed, options.head, path);
		if (!counted.ok) return revision;
		behind = Math.max(behind, counted.count);
	}

	revision.behind = behind;
	return revision;
}
