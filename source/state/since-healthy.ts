/**
 * "What changed since it was last healthy?" as plain data: the last revision at which the app was Synced and
 * Healthy (and what says so: the controller's history, Flux's last applied revision, or the app itself right now),
 * the commits on its path since, newest first. The screen diffs that revision against live on `d`.
 */
import type {CommitView} from './fleet-snapshot.js';

export type SinceHealthyDocument =
	| {status: 'loading'}
	| {
			status: 'ready';
			/** The app is Synced and Healthy right now: nothing to explain. */
			healthyNow: boolean;
			/** The last revision known Synced and Healthy; undefined when nothing records one. */
			revision?: string;
			/** Where that revision comes from, as a person reads it. */
			basis: string;
			/** Commits on the app's path after `revision` up to HEAD, newest first. */
			commits: CommitView[];
			/** A caveat (the revision is older than the commits read...). */
			note?: string;
	  }
	| {status: 'error'; error: string};
