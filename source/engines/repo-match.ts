/**
 * Is this source URL the loaded repository? Flux and Argo CD name their repository by URL in whatever form the
 * platform team wrote (https, ssh, scp-like, with or without `.git`); the operator loaded it by URL or as a local
 * checkout whose remotes name it. Both sides go through normaliseRepoUrl.
 */
import path from 'node:path';
import {normaliseRepoUrl} from '../domain/repo-url.js';

/** Tells whether a source URL names the loaded repository. */
export type RepoMatcher = (url: string) => boolean;

/** What is known about the loaded repository. */
export type RepoIdentity = {
	/** The URL given to `--repo`, for a clone. */
	url?: string;
	/** The local directory git runs in (a checkout's top level or our bare clone). */
	dir?: string;
	/** The URLs of its remotes. */
	remoteUrls: readonly string[];
};

/** A matcher for one repository; with no repository loaded, nothing matches. */
export function createRepoMatcher(identity: RepoIdentity | undefined): RepoMatcher {
	if (!identity) return () => false;
	const known = new Set<string>();
	for (const url of [identity.url, ...identity.remoteUrls]) if (url) known.add(normaliseRepoUrl(url));
	if (identity.dir) {
		// `file:///srv/git/repo` and `/srv/git/repo/` name a local repository by path.
		known.add(normaliseRepoUrl(path.resolve(identity.dir)));
		known.add(normaliseRepoUrl(`${path.resolve(identity.dir)}/.git`));
	}

	return url => url.trim() !== '' && known.has(normaliseRepoUrl(url));
}
