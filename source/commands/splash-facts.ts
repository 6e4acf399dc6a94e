/**
 * What the splash can say before the session opens, read the way the session will read it but only as far as is
 * cheap: the user settings (theme, read-only, default contexts and repo: one small file) and, when the contexts are
 * not named on the command line, the kubeconfig's context names (its files parsed, no client built). Anything
 * that fails here is left out: the session reads it again and reports the failure itself.
 */
import {loadKubeconfig} from '../cluster/kubeconfig-load.js';
import {selectContexts} from '../cluster/context-selection.js';
import {emptyUserSettings} from '../engines/user-settings.js';
import {themeOptionsFor} from '../ui/theme.js';
import type {SplashFacts} from '../ui/splash-lines.js';
import {themedEnv} from './themed-env.js';
import {contextRequestOf, resolveUserSettings} from './user-settings-session.js';

export type SplashFactsInput = {
	flags: Record<string, unknown>;
	env: NodeJS.ProcessEnv;
	cwd: string;
	home: string;
	readFile: (file: string) => Promise<string>;
	/** The demo brings its own clusters and repository: the user's are not read. */
	demo: boolean;
};

/** The facts, and how the terminal is to be drawn on (the TUI's theme traits). */
export type SplashKnown = {facts: Omit<SplashFacts, 'activity'>; theme: {colour: boolean; ascii: boolean}};

/** What the command line alone says (no file read): the fallback when reading takes too long. */
export function flagFacts(input: Pick<SplashFactsInput, 'flags' | 'env' | 'demo'>): SplashKnown {
	const {flags, env} = input;
	const named = input.demo ? [] : contextRequestOf(flags, emptyUserSettings()).contexts;
	const repo = !input.demo && typeof flags['repo'] === 'string' && flags['repo'] !== '' ? flags['repo'] : undefined;
	return {
		facts: {contexts: [...new Set(named)], ...(repo ? {repo} : {}), readOnly: flags['readOnly'] === true},
		theme: themeOptionsFor({env, asciiFlag: flags['ascii'] === true}),
	};
}

export async function splashFacts(input: SplashFactsInput): Promise<SplashKnown> {
	const {flags, env} = input;
	const user = await resolveUserSettings({env, home: input.home, readFile: input.readFile, flags});
	const theme = themeOptionsFor({env: themedEnv(env, user.settings.theme), asciiFlag: flags['ascii'] === true || user.settings.theme === 'ascii'});
	if (input.demo) return {facts: {contexts: [], readOnly: user.readOnly}, theme};
	const request = contextRequestOf(flags, user.settings);
	const repo = typeof flags['repo'] === 'string' && flags['repo'] !== '' ? flags['repo'] : user.settings.repo;
	return {facts: {contexts: await contextNames(input, request), ...(repo ? {repo} : {}), readOnly: user.readOnly}, theme};
}

/** The contexts named, else the kubeconfig's (all of them, or its current one); none when it cannot be read. */
async function contextNames(input: SplashFactsInput, request: {contexts: string[]; allContexts: boolean}): Promise<string[]> {
	if (!request.allContexts && request.contexts.length > 0) return [...new Set(request.contexts)];
	const loaded = await loadKubeconfig({
		...(typeof input.flags['kubeconfig'] === 'string' ? {explicitFile: input.flags['kubeconfig']} : {}),
		...(input.env['KUBECONFIG'] === undefined ? {} : {kubeconfigEnv: input.env['KUBECONFIG']}),
		homeDir: input.home,
		cwd: input.cwd,
		readFile: input.readFile,
	});
	if (!loaded.ok) return [];
	const selected = selectContexts(loaded.value, request);
	return selected.ok ? selected.value.map(context => context.name) : [];
}
