/**
 * The settings' theme as the terminal traits the UI reads: `no-colour` sets NO_COLOR; `colour` drops it, since a
 * user's configuration overrides NO_COLOR (no-color.org) — a dumb terminal still gets none. The TUI and its splash
 * read the same traits, so the splash is painted as the TUI's frames are.
 */
import type {UserSettings} from '../engines/user-settings.js';

export function themedEnv(env: NodeJS.ProcessEnv, theme: UserSettings['theme']): NodeJS.ProcessEnv {
	if (theme === 'no-colour') return {...env, NO_COLOR: '1'};
	if (theme !== 'colour') return env;
	const {NO_COLOR: _dropped, ...rest} = env;
	return rest;
}
