/**
 * What a paused app's state says to a person: who paused it, how long ago, until when and why; whether the
 * pause has run out (its end passed, auto-sync still off); and whether a rollback put it where it is — the
 * rollback action pauses with the reason `rollback to <sha>`, so the reason itself tells the story.
 */
import type {AppStatus} from '../domain/app.js';
import {isPaused} from '../domain/auto-sync-word.js';

export {isPaused};

export type PauseStory = {
	/** "auto-sync paused by alice 2h ago — until 18:00, in 40m: incident 42". */
	text: string;
	/** The pause's end has passed and auto-sync is still off. */
	expired: boolean;
	/** The commit a rollback applied, when the pause came from one. */
	rolledBackTo?: string;
};

/** "40m", "2h", "3d": the coarsest unit that is at least one. */
export function span(ms: number): string {
	const seconds = Math.max(0, Math.round(ms / 1000));
	if (seconds < 60) return `${seconds}s`;
	if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
	if (seconds < 86_400) {
		const minutes = Math.floor((seconds % 3600) / 60);
		return `${Math.floor(seconds / 3600)}h${minutes && seconds < 36_000 ? `${minutes}m` : ''}`;
	}
	return `${Math.floor(seconds / 86_400)}d`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A wall-clock time in the operator's time zone: "18:00" today, "11-23 18:00" on another day. */
export function clockTime(at: Date, now: Date): string {
	const time = `${pad(at.getHours())}:${pad(at.getMinutes())}`;
	const sameDay = at.getFullYear() === now.getFullYear() && at.getMonth() === now.getMonth() && at.getDate() === now.getDate();
	return sameDay ? time : `${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${time}`;
}

/** The rollback's commit, from the pause reason the rollback action writes. */
export function rolledBackTo(reason: string | undefined): string | undefined {
	return reason ? /^rollback to ([0-9a-f]{4,40})\b/i.exec(reason.trim())?.[1] : undefined;
}


/** The story of a paused app, or undefined when auto-sync is on or simply off (a plain app has none). */
export function pauseStory(app: Pick<AppStatus, 'autoSync'>, now: Date): PauseStory | undefined {
	const {autoSync} = app;
	if (!isPaused(autoSync)) return undefined;
	const sha = rolledBackTo(autoSync.reason);
	const since = autoSync.since ? new Date(autoSync.since) : undefined;
	const until = autoSync.until ? new Date(autoSync.until) : undefined;
	const valid = (date: Date | undefined) => (date && !Number.isNaN(date.getTime()) ? date : undefined);
	const started = valid(since);
	const ends = valid(until);
	const expired = Boolean(ends && ends.getTime() <= now.getTime());
	const who = `paused by ${autoSync.pausedBy ?? 'someone'}${started ? ` ${span(now.getTime() - started.getTime())} ago` : ''}`;
	const end = ends
		? expired
			? ` — its end ${clockTime(ends, now)} passed ${span(now.getTime() - ends.getTime())} ago, still paused`
			: ` — until ${clockTime(ends, now)}, in ${span(ends.getTime() - now.getTime())}`
		: '';
	const head = sha ? `rolled back to ${sha.slice(0, 7)}, auto-sync ${who}` : `auto-sync ${who}`;
	const why = autoSync.reason && !sha ? `: ${autoSync.reason}` : '';
	return {text: `${head}${end}${why}`, expired, ...(sha ? {rolledBackTo: sha} : {})};
}

/** The fleet-wide reminders for the header: apps put back by a rollback, and pauses that ran out. */
export function pauseNotices(apps: readonly AppStatus[], now: Date): string[] {
	const stories = apps.map(app => ({app, story: pauseStory(app, now)}));
	const rolled = stories.filter(s => s.story?.rolledBackTo).map(s => `${s.app.name}@${s.app.context} rolled back to ${s.story!.rolledBackTo!.slice(0, 7)}`);
	const expired = stories.filter(s => s.story?.expired).map(s => `${s.app.name}@${s.app.context}`);
	const notices: string[] = [];
	if (rolled.length > 0) notices.push(`${rolled.join(', ')}: auto-sync paused until resumed`);
	if (expired.length > 0) notices.push(`pause ran out: ${expired.join(', ')}`);
	return notices;
}
