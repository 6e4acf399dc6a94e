/**
 * The user's settings file, `config.yaml` in `$GITOPS_TUI_CONFIG_DIR`, else `$XDG_CONFIG_HOME/gitops-tui/`, else
 * `~/.config/gitops-tui/`: contexts that are always read-only, contexts that need typed confirmation (added to the
 * repository's), the default contexts and repo, and the theme. Every key is optional.
 *
 * A mistake names the file, the line and the key. Because `readOnlyContexts` is a safety setting, a file that
 * cannot be read as written (bad YAML, a wrong type, an unknown key — perhaps a misspelt `readOnlyContexts`) is
 * never ignored: the caller runs read-only and says why (`brokenSettingsPolicy`).
 */
import path from 'node:path';
import {loadAll, YAMLException} from 'js-yaml';
import type {RepoSettings} from './settings.js';

export type Theme = 'colour' | 'no-colour' | 'ascii';

export type UserSettings = {
	readOnlyContexts: string[];
	protectedContexts: string[];
	/** Contexts to work with when no --context / --all-contexts is given. */
	contexts: string[];
	/** The config repo when no --repo is given. */
	repo?: string;
	theme?: Theme;
};

export type UserSettingsError = {kind: 'user-settings'; message: string; file: string; line?: number; key?: string};

/** The settings; `file` is where they came from (absent when there is no file). */
export type UserSettingsResult = {ok: true; settings: UserSettings; file?: string} | {ok: false; error: UserSettingsError};

/** The file name in the configuration directory. */
export const userSettingsFileName = 'config.yaml';

const themes: readonly Theme[] = ['colour', 'no-colour', 'ascii'];
const listKeys = ['readOnlyContexts', 'protectedContexts', 'contexts'] as const;
const knownKeys = new Set<string>([...listKeys, 'repo', 'theme']);

export function emptyUserSettings(): UserSettings {
	return {readOnlyContexts: [], protectedContexts: [], contexts: []};
}

/** Where the file is: `$GITOPS_TUI_CONFIG_DIR/config.yaml`, else the XDG configuration directory. */
export function userSettingsPath(env: NodeJS.ProcessEnv, home: string): string {
	const directory = env['GITOPS_TUI_CONFIG_DIR'] || path.join(env['XDG_CONFIG_HOME'] || path.join(home, '.config'), 'gitops-tui');
	return path.join(directory, userSettingsFileName);
}

/** Reads and parses the file; an absent file is empty settings, an unreadable one an error. */
export async function loadUserSettings(options: {file: string; readFile: (file: string) => Promise<string>}): Promise<UserSettingsResult> {
	let text: string;
	try {
		text = await options.readFile(options.file);
	} catch (error) {
		if (error !== null && typeof error === 'object' && 'code' in error && error.code === 'ENOENT') return {ok: true, settings: emptyUserSettings()};
		return {ok: false, error: {kind: 'user-settings', file: options.file, message: `${options.file}: cannot be read (${error instanceof Error ? error.message : String(error)})`}};
	}
	const parsed = parseUserSettings(text, options.file);
	return parsed.ok ? {...parsed, file: options.file} : parsed;
}

/** Parses the file's text; `file` names it in messages. */
export function parseUserSettings(text: string, file: string): UserSettingsResult {
	let value: unknown;
	try {
		const documents = loadAll(text, {filename: file});
		if (documents.length > 1) return fail({file, message: `expected one YAML document, found ${documents.length}`});
		value = documents[0];
	} catch (error) {
		if (!(error instanceof YAMLException)) throw error;
		return fail({file, ...(error.mark ? {line: error.mark.line + 1} : {}), message: error.reason});
	}
	if (value === undefined || value === null) return {ok: true, settings: emptyUserSettings()};
	if (typeof value !== 'object' || Array.isArray(value)) return fail({file, message: 'expected a mapping of settings at the top level'});
	const record = value as Record<string, unknown>;
	const at = (key: string) => ({file, key, ...lineOf(text, key)});

	for (const key of Object.keys(record)) {
		if (!knownKeys.has(key)) return fail({...at(key), message: `unknown key (known: ${[...knownKeys].join(', ')})`});
	}
	const settings = emptyUserSettings();
	for (const key of listKeys) {
		const list = record[key];
		if (list === undefined || list === null) continue;
		if (!Array.isArray(list) || !list.every(item => typeof item === 'string' && item !== '')) return fail({...at(key), message: 'must be a list of context names'});
		settings[key] = [...new Set(list as string[])];
	}
	if (record['repo'] !== undefined && record['repo'] !== null) {
		if (typeof record['repo'] !== 'string' || record['repo'].trim() === '') return fail({...at('repo'), message: 'must be a path or URL'});
		settings.repo = record['repo'].trim();
	}
	if (record['theme'] !== undefined && record['theme'] !== null) {
		if (!themes.includes(record['theme'] as Theme)) return fail({...at('theme'), message: `must be one of ${themes.join(', ')}`});
		settings.theme = record['theme'] as Theme;
	}
	return {ok: true, settings};
}

/** The contexts that need the context name typed: the repository's and the user's. */
export function protectedContextsOf(repo: RepoSettings | undefined, user: UserSettings): string[] {
	return [...new Set([...(repo?.protectedContexts ?? []), ...user.protectedContexts])].sort();
}

/** The 1-based line of a top-level key in block style (flow-style files get no line). */
function lineOf(text: string, key: string): {line?: number} {
	const pattern = new RegExp(`^(["']?)${key.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\1\\s*:`);
	const index = text.split('\n').findIndex(line => pattern.test(line));
	return index === -1 ? {} : {line: index + 1};
}

function fail(error: Omit<UserSettingsError, 'kind'>): UserSettingsResult {
	const where = `${error.file}${error.line === undefined ? '' : `:${error.line}`}`;
	return {ok: false, error: {kind: 'user-settings', ...error, message: `${where}: ${error.key === undefined ? '' : `${error.key}: `}${error.message}`}};
}
