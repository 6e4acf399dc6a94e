/**
 * The `gitops-tui.io/` pause annotations as a merge patch: set when pausing (who, why, since, until), removed
 * (null) when resuming, so `autoSyncOf` reads the same story in every session.
 */
import {pausedAtAnnotation, pausedAutomatedAnnotation, pausedByAnnotation, pauseReasonAnnotation, pauseUntilAnnotation} from './pause-annotations.js';

/** Who paused, why, when, until when. */
export type PauseInfo = {by: string; reason: string; at: string; until?: string};

/** The annotations of a pause. */
export function pauseAnnotations(pause: PauseInfo): Record<string, string | null> {
	return {
		[pausedByAnnotation]: pause.by,
		[pauseReasonAnnotation]: pause.reason,
		[pausedAtAnnotation]: pause.at,
		// An earlier pause's end must not linger on a pause without one.
		[pauseUntilAnnotation]: pause.until ?? null,
	};
}

/** Every pause annotation removed (the saved Argo CD `automated` block included). */
export function clearedPauseAnnotations(): Record<string, null> {
	return {
		[pausedByAnnotation]: null,
		[pauseReasonAnnotation]: null,
		[pausedAtAnnotation]: null,
		[pauseUntilAnnotation]: null,
		[pausedAutomatedAnnotation]: null,
	};
}
