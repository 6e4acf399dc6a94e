/**
 * How the terminal's rows are shared: header lines, the body, the bottom line(s) and the hints bar. The frame
 * renders with these figures and the reducer pages and clamps scrolling with the same ones, so a view never
 * scrolls past what it shows nor leaves rows empty.
 */
import type {ContextView} from './fleet-snapshot.js';
import {pauseNotices, pauseStory, span} from './pause-story.js';
import {appRows, cursorOf} from './selectors.js';
import {currentScreen, filterOf, type TuiState} from './tui-state.js';

/** The clock layout decisions use when none is given: the snapshot's evaluation time keeps the reducer pure. */
export function clockOf(state: TuiState): Date {
	return state.snapshot?.evaluatedAt ? new Date(state.snapshot.evaluatedAt) : new Date(0);
}

/** Lines above the body: title, repo, then the Git outage, the snapshot's problem and the pause reminders when present. */
export function headerLines(state: TuiState, now: Date = clockOf(state)): number {
	const git = state.snapshot?.git;
	const outage = git?.repo && !git.reachable ? 1 : 0;
	const problem = state.snapshot?.problem ? 1 : 0;
	const notices = pauseNotices(state.snapshot?.apps ?? [], now).length > 0 ? 1 : 0;
	return 2 + outage + problem + notices;
}

/** What is wrong with the app selected in the list (its error, or who paused it and why), if anything. */
export function selectedAppProblem(state: TuiState, now: Date = clockOf(state)): {text: string; tone: 'error' | 'paused'} | undefined {
	if (currentScreen(state).kind !== 'apps' || state.help || state.details !== undefined) return undefined;
	const row = appRows(state)[cursorOf(state)];
	if (!row) return undefined;
	const {app} = row;
	if (app.error) return {text: `${app.name}@${app.context}: ${app.error}`, tone: 'error'};
	const story = pauseStory(app, now);
	if (story) return {text: `${app.name}: ${story.text}`, tone: 'paused'};
	// Its row's marks read "?": say how old the values are (v shows the error, the pause and the rest together).
	return row.stale ? {text: `${app.name}@${app.context}: ${staleText(state, row.stale, now)}`, tone: 'error'} : undefined;
}

/** "stale: prod-us unreachable, values from 3m ago": what a row from a context that stopped answering is worth. */
export function staleText(state: TuiState, context: ContextView, now: Date): string {
	const seen = state.contextsSeen[context.name];
	const age = seen ? `values from ${span(now.getTime() - new Date(seen).getTime())} ago` : 'values not current';
	return `stale: ${context.name} ${context.state}, ${age}${context.error ? ` (${context.error})` : ''}`;
}

/** Lines under the body, above the hints: a prompt or message, and the selected app's problem, which a message never hides. */
export function bottomLines(state: TuiState, now: Date = clockOf(state)): number {
	if (state.dialog) return 0;
	const prompt = state.commandLine !== undefined || state.filterEditing || Boolean(state.message) || Boolean(filterOf(state));
	return prompt && selectedAppProblem(state, now) ? 2 : 1;
}

/** Rows the body (a list, a tree, a diff, the dialog) has: the terminal minus header, bottom lines and the hints bar. */
export function bodyRows(state: TuiState, now: Date = clockOf(state)): number {
	return Math.max(3, state.viewport.rows - headerLines(state, now) - bottomLines(state, now) - 1);
}
