import {describe, expect, it} from 'vitest';
import {loadUserSettings, parseUserSettings, protectedContextsOf, userSettingsPath} from '../../source/engines/user-settings.js';
import {emptySettings} from '../../source/engines/settings.js';

const file = '/home/ops/.config/gitops-tui/config.yaml';

describe('parseUserSettings', () => {
	it('reads every key', () => {
		const text = 'readOnlyContexts: [prod-eu, prod-us]\nprotectedContexts:\n  - staging\ncontexts: [prod-eu]\nrepo: ~/src/fleet\ntheme: ascii\n';
		expect(parseUserSettings(text, file)).toEqual({
			ok: true,
			settings: {readOnlyContexts: ['prod-eu', 'prod-us'], protectedContexts: ['staging'], contexts: ['prod-eu'], repo: '~/src/fleet', theme: 'ascii'},
		});
	});

	it('takes an empty file or one with comments only as no settings', () => {
		expect(parseUserSettings('# nothing yet\n', file)).toEqual({ok: true, settings: {readOnlyContexts: [], protectedContexts: [], contexts: []}});
	});

	it('names file, line and key for a wrong type', () => {
		const result = parseUserSettings('theme: ascii\nreadOnlyContexts: prod-eu\n', file);
		expect(result).toEqual({ok: false, error: {kind: 'user-settings', file, line: 2, key: 'readOnlyContexts', message: `${file}:2: readOnlyContexts: must be a list of context names`}});
	});

	it('refuses an unknown key, so a misspelt readOnlyContexts is never silently ignored', () => {
		const result = parseUserSettings('contexts: [a]\nreadonlyContexts: [prod-eu]\n', file);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.error).toMatchObject({line: 2, key: 'readonlyContexts', message: expect.stringContaining(`${file}:2: readonlyContexts: unknown key`)});
	});

	it('names the line of broken YAML, and rejects an unknown theme', () => {
		const broken = parseUserSettings('contexts: [a\ntheme: ascii\n', file);
		expect(broken.ok).toBe(false);
		if (!broken.ok) expect(broken.error.message).toMatch(new RegExp(`^${file}:\\d+: `));
		const theme = parseUserSettings('\n\ntheme: neon\n', file);
		expect(theme).toMatchObject({ok: false, error: {line: 3, key: 'theme', message: `${file}:3: theme: must be one of colour, no-colour, ascii`}});
	});
});

describe('where the file is and how it is read', () => {
	it('prefers GITOPS_TUI_CONFIG_DIR, then XDG_CONFIG_HOME, then ~/.config', () => {
		expect(userSettingsPath({GITOPS_TUI_CONFIG_DIR: '/etc/gt', XDG_CONFIG_HOME: '/x'}, '/home/ops')).toBe('/etc/gt/config.yaml');
		expect(userSettingsPath({XDG_CONFIG_HOME: '/x'}, '/home/ops')).toBe('/x/gitops-tui/config.yaml');
		expect(userSettingsPath({}, '/home/ops')).toBe('/home/ops/.config/gitops-tui/config.yaml');
	});

	it('takes an absent file as no settings and an unreadable one as an error', async () => {
		const absent = Object.assign(new Error('ENOENT: no such file'), {code: 'ENOENT'});
		expect(await loadUserSettings({file, readFile: () => Promise.reject(absent)})).toEqual({ok: true, settings: {readOnlyContexts: [], protectedContexts: [], contexts: []}});
		const denied = Object.assign(new Error('EACCES: permission denied'), {code: 'EACCES'});
		expect(await loadUserSettings({file, readFile: () => Promise.reject(denied)})).toMatchObject({ok: false, error: {message: `${file}: cannot be read (EACCES: permission denied)`}});
	});
});

it('merges protected contexts with the repository settings', () => {
	const user = {readOnlyContexts: [], protectedContexts: ['prod-us', 'prod-eu'], contexts: []};
	expect(protectedContextsOf({...emptySettings(), protectedContexts: ['prod-eu', 'prod-ap']}, user)).toEqual(['prod-ap', 'prod-eu', 'prod-us']);
	expect(protectedContextsOf(undefined, user)).toEqual(['prod-eu', 'prod-us']);
});
