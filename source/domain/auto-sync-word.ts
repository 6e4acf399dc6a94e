/**
 * The one word for an app's auto-sync, shared by the TUI's AUTO column and the `status`/`audit` tables so an app
 * never reads "off" in one and "paused" in the other: `on`; `paused` when someone paused it (who, why or since
 * when is known: our pause annotations, Flux's suspend with them, our plain-app flag); `-` for a plain app nobody
 * paused (gitops-tui deploys it: it has no auto-sync to turn off), `?` for one whose pause flag could not be read
 * (whether it is paused is unknown); `off` for any other app without auto-sync (an
 * Argo CD app with a manual sync policy, a Kustomization suspended without a reason).
 */
import type {AutoSync, Engine} from './app.js';

/** Someone paused it (who, why or since when is known), as opposed to an app that simply has no auto-sync. */
export function isPaused(autoSync: AutoSync): boolean {
	return !autoSync.enabled && Boolean(autoSync.pausedBy || autoSync.reason || autoSync.since);
}

export function autoSyncWord(app: {engine: Engine; autoSync: AutoSync}): 'on' | 'paused' | 'off' | '-' | '?' {
	if (app.autoSync.enabled) return 'on';
	if (isPaused(app.autoSync)) return 'paused';
	if (app.autoSync.unreadable) return '?';
	return app.engine === 'plain' ? '-' : 'off';
}
