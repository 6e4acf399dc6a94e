/**
 * Reading `.gitops-tui.yaml` from a materialised tree. It is read only if it is a regular file inside the
 * repository and small: a symlink to an operator's file, to `/dev/tty` (which would hang `status`) or to
 * `/dev/zero` (which would never end) is a settings error, never read.
 */
import {readRepoFile} from '../repo/inside-repo.js';
import {emptySettings, parseSettings, settingsFileName, type SettingsResult} from './settings.js';

/** Settings files above this are refused: real ones are a few hundred bytes. */
export const maxSettingsBytes = 1024 * 1024;

/** The settings of the tree at dir; no file means empty settings. */
export async function readSettings(dir: string): Promise<SettingsResult> {
	const read = await readRepoFile({root: dir, target: settingsFileName, maxBytes: maxSettingsBytes, parentSegments: false, what: 'settings file'});
	if (read.ok) return parseSettings(read.text);
	if (read.error.kind === 'not-found') return {ok: true, settings: emptySettings()};
	return {ok: false, error: {kind: 'settings', message: read.error.message, file: settingsFileName}};
}
