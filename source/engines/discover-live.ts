/**
 * Discovery over live state: every engine's apps from the app objects a live view holds (the one-shot snapshot or
 * the TUI's watch view), each kind's failure to read, and the repository's settings. One call for `status`/`diff`
 * and the TUI's loop, so both find the same apps.
 */
import type {GitRepo} from '../repo/repo.js';
import type {ContextInfo} from './context-info.js';
import {discoverApps} from './discover.js';
import type {AppDefinition} from './engine.js';
import {kindFailureOf, type LiveView} from './live-view.js';
import {createRepoMatcher} from './repo-match.js';
import {emptySettings, type RepoSettings} from './settings.js';

export type LiveDiscoveryInput = {
	view: Pick<LiveView, 'kind'>;
	/** The selected contexts, with their reachability. */
	contexts: ContextInfo[];
	currentContext?: string;
	kubeconfigContexts?: readonly string[];
	repo?: GitRepo;
	/** The repository's settings, when they could be read. */
	settings?: RepoSettings;
};

export function discoverLiveApps(input: LiveDiscoveryInput): AppDefinition[] {
	const {view, repo} = input;
	return discoverApps({
		contexts: input.contexts,
		...(input.currentContext ? {currentContext: input.currentContext} : {}),
		...(input.kubeconfigContexts ? {kubeconfigContexts: input.kubeconfigContexts} : {}),
		objects: (context, kind) => {
			const state = view.kind(context, kind.group, kind.kind);
			return state?.ok ? state.objects.map(entry => entry.object) : [];
		},
		kindFailure: (context, kind) => kindFailureOf(view.kind(context, kind.group, kind.kind)),
		matchesRepo: createRepoMatcher(repo ? {url: repo.location.url, dir: repo.location.gitDir, remoteUrls: repo.remoteUrls()} : undefined),
		settings: input.settings ?? emptySettings(),
	});
}
