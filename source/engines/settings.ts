/**
 * The repository settings file, `.gitops-tui.yaml` at the repository root (PRODUCT.md, "Contracts"): plain apps,
 * contexts that need typed confirmation, and ignore rules. Every key is optional; a mistake is an error naming the
 * file, the line when the YAML itself is broken, and the key at fault.
 */
import {loadAll, YAMLException} from 'js-yaml';
import {gitopsTuiIgnoreRules, type IgnoreRule} from '../domain/ignore-rules.js';

/** The settings file's name at the repository root. */
export const settingsFileName = '.gitops-tui.yaml';

/** A plain app: gitops-tui itself deploys it. */
export type PlainAppSpec = {
	name: string;
	/** A directory in the repository (plain manifests or a kustomization). */
	path: string;
	/** Kubeconfig context; default the current context. */
	context?: string;
	/** For namespaced objects that name none. */
	namespace?: string;
};

/** The parsed settings. */
export type RepoSettings = {
	apps: PlainAppSpec[];
	protectedContexts: string[];
	ignore: IgnoreRule[];
	/** Unknown keys and other things worth a note, each naming the file. */
	warnings: string[];
};

export type SettingsError = {kind: 'settings'; message: string; file: string; line?: number};

export type SettingsResult = {ok: true; settings: RepoSettings} | {ok: false; error: SettingsError};

/** Settings when the repository has no settings file. */
export function emptySettings(): RepoSettings {
	return {apps: [], protectedContexts: [], ignore: [], warnings: []};
}

const topKeys = new Set(['apps', 'protectedContexts', 'ignore']);
const appKeys = new Set(['name', 'path', 'context', 'namespace']);
const ignoreKeys = new Set(['group', 'kind', 'name', 'namespace', 'jsonPointers', 'managers']);

/** Parses the settings text; `file` names it in messages (default `.gitops-tui.yaml`). */
export function parseSettings(text: string, file = settingsFileName): SettingsResult {
	let value: unknown;
	try {
		// loadAll: an empty file (or one with only comments) is no document at all, not an error.
		const documents = loadAll(text, {filename: file});
		if (documents.length > 1) return fail(file, `${file}: expected one YAML document, found ${documents.length}`);
		value = documents[0];
	} catch (error) {
		if (error instanceof YAMLException) {
			const line = error.mark ? error.mark.line + 1 : undefined;
			return fail(file, `${file}${line ? `:${line}` : ''}: ${error.reason}`, line);
		}

		return fail(file, `${file}: ${String(error)}`);
	}

	if (value === undefined || value === null) return {ok: true, settings: emptySettings()};
	if (!isRecord(value)) return fail(file, `${file}: expected a mapping at the top level`);
	const settings = emptySettings();
	for (const key of Object.keys(value)) if (!topKeys.has(key)) settings.warnings.push(`${file}: unknown key ${key}`);

	const apps = value.apps ?? [];
	if (!Array.isArray(apps)) return fail(file, `${file}: apps must be a list`);
	const names = new Set<string>();
	for (const [index, entry] of apps.entries()) {
		const where = `${file}: apps[${index}]`;
		if (!isRecord(entry)) return fail(file, `${where} must be a mapping with name and path`);
		for (const key of Object.keys(entry)) if (!appKeys.has(key)) settings.warnings.push(`${where}: unknown key ${key}`);
		const name = requiredString(entry.name);
		if (!name) return fail(file, `${where}.name is required (a non-empty string)`);
		if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name)) return fail(file, `${where}.name "${name}" must be a DNS label (it becomes a label value)`);
		const appPath = requiredString(entry.path);
		if (!appPath) return fail(file, `${where}.path is required (a directory in the repository)`);
		if (appPath.split('/').includes('..') || appPath.startsWith('/')) return fail(file, `${where}.path "${appPath}" must stay inside the repository`);
		const key = `${name}\u0000${typeof entry.context === 'string' ? entry.context : ''}`;
		if (names.has(key)) return fail(file, `${where}: app "${name}" is defined twice for the same context`);
		names.add(key);
		const app: PlainAppSpec = {name, path: appPath};
		for (const optional of ['context', 'namespace'] as const) {
			const field = entry[optional];
			if (field === undefined || field === null) continue;
			if (typeof field !== 'string' || field === '') return fail(file, `${where}.${optional} must be a non-empty string`);
			app[optional] = field;
		}

		settings.apps.push(app);
	}

	const protectedContexts = value.protectedContexts ?? [];
	if (!Array.isArray(protectedContexts) || !protectedContexts.every(item => typeof item === 'string')) {
		return fail(file, `${file}: protectedContexts must be a list of context names`);
	}

	settings.protectedContexts = protectedContexts as string[];
	const ignore = value.ignore ?? [];
	if (!Array.isArray(ignore)) return fail(file, `${file}: ignore must be a list`);
	for (const [index, entry] of ignore.entries()) {
		const where = `${file}: ignore[${index}]`;
		if (!isRecord(entry)) return fail(file, `${where} must be a mapping`);
		for (const key of Object.keys(entry)) if (!ignoreKeys.has(key)) settings.warnings.push(`${where}: unknown key ${key}`);
		if (typeof entry.kind !== 'string' || entry.kind === '') return fail(file, `${where}.kind is required (use "*" for any kind)`);
		for (const list of ['jsonPointers', 'managers'] as const) {
			const items = entry[list];
			if (items !== undefined && (!Array.isArray(items) || !items.every(item => typeof item === 'string'))) {
				return fail(file, `${where}.${list} must be a list of strings`);
			}
		}

		for (const pointer of (entry.jsonPointers as string[] | undefined) ?? []) {
			if (!pointer.startsWith('/')) return fail(file, `${where}.jsonPointers: "${pointer}" is not a JSON pointer (it starts with /)`);
		}

		if (!entry.jsonPointers && !entry.managers) settings.warnings.push(`${where}: neither jsonPointers nor managers, so it ignores nothing`);
	}

	settings.ignore = gitopsTuiIgnoreRules(ignore);
	return {ok: true, settings};
}

function fail(file: string, message: string, line?: number): SettingsResult {
	return {ok: false, error: line === undefined ? {kind: 'settings', message, file} : {kind: 'settings', message, file, line}};
}

function requiredString(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
