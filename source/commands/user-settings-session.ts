/**
 * The user settings as a session applies them: read from their file, and turned into who is read-only and why.
 * A file that cannot be read as written makes every context read-only (a misspelt `readOnlyContexts` must never
 * leave a context writable by accident); the command says so on stderr and carries on.
 */
import {emptyUserSettings, loadUserSettings, userSettingsPath, type UserSettings} from '../engines/user-settings.js';

export type ResolvedUserSettings = {
	settings: UserSettings;
	/** Where they were read from (also when broken). */
	file: string;
	/** Every context read-only. */
	readOnly: boolean;
	/** Why every context is read-only, when it is not the flag. */
	globalReason?: string;
	/** The broken file's error and what it means for this run, for stderr. */
	problem?: string;
};

export async function resolveUserSettings(options: {
	env: NodeJS.ProcessEnv;
	home: string;
	readFile: (file: string) => Promise<string>;
	flags: Record<string, unknown>;
	forceReadOnly?: boolean;
}): Promise<ResolvedUserSettings> {
	const file = userSettingsPath(options.env, options.home);
	const loaded = await loadUserSettings({file, readFile: options.readFile});
	const flag = options.flags['readOnly'] === true;
	if (!loaded.ok) {
		const problem = `${loaded.error.message}; every context is read-only until the file is fixed`;
		return {settings: emptyUserSettings(), file, readOnly: true, globalReason: `the user settings file is broken (${loaded.error.message})`, problem};
	}
	if (options.forceReadOnly) return {settings: loaded.settings, file, readOnly: true, globalReason: 'audit runs read-only'};
	return {settings: loaded.settings, file, readOnly: flag, ...(flag ? {globalReason: '--read-only'} : {})};
}

/** Why `context` is read-only in this run, or undefined when it is writable. */
export function readOnlyReasonOf(resolved: ResolvedUserSettings, context: string): string | undefined {
	if (resolved.readOnly) return resolved.globalReason ?? '--read-only';
	if (resolved.settings.readOnlyContexts.includes(context)) return `${context} is in readOnlyContexts of ${resolved.file}`;
	return undefined;
}

/** `--context` (repeatable) and `--all-contexts`; the settings' default contexts when the command line names none. */
export function contextRequestOf(flags: Record<string, unknown>, settings: UserSettings): {contexts: string[]; allContexts: boolean} {
	const flag = flags['context'];
	const named = Array.isArray(flag) ? flag.map(String) : typeof flag === 'string' ? [flag] : [];
	const allContexts = flags['allContexts'] === true;
	return {contexts: named.length > 0 || allContexts ? named : settings.contexts, allContexts};
}
