/**
 * The details pane (`v`, k9s' describe habit): everything about the selection in full, wrapped, never cut with
 * "…" — the pause reason, the outage cause, render and source errors, event messages (the image name is the
 * point), commit subjects, the last `:` message. Pure: the screen and the scroll limit read the same lines.
 */
import {eventAge, eventsOf} from './events.js';
import {staleText} from './frame-layout.js';
import {pauseStory, span} from './pause-story.js';
import {appRows, cursorOf, findApp, treeRowsOf} from './selectors.js';
import {currentScreen, type TuiState} from './tui-state.js';
import {wrapText} from './wrap.js';

export type DetailsSection = {label: string; text: string; tone?: 'error' | 'paused'};

function appSections(state: TuiState, appId: string, now: Date): DetailsSection[] {
	const app = findApp(state.snapshot, appId);
	if (!app) return [];
	const story = pauseStory(app, now);
	const {deployed, behind} = app.revision;
	const context = state.snapshot?.contexts.find(c => c.name === app.context);
	const source = state.snapshot?.sources?.[appId];
	return [
		{label: 'App', text: `${app.name} (${app.engine}) on ${app.context}, namespace ${app.namespace}`},
		{label: 'Sync', text: `ours ${app.sync}; the controller's ${app.engine === 'plain' ? '- (no controller)' : app.controllerSync}; health ${app.health}`},
		{label: 'Revision', text: `${deployed ?? '-'}${behind ? `, ${behind} behind` : ''}`},
		app.autoSync.unreadable && !story
			? {label: 'Auto-sync', text: `unknown: ${app.autoSync.unreadable}`, tone: 'error' as const}
			: {label: 'Auto-sync', text: app.autoSync.enabled ? 'on' : story?.text ?? 'off (this app has no auto-sync)', ...(story ? {tone: 'paused' as const} : {})},
		...(app.error ? [{label: 'Error', text: app.error, tone: 'error' as const}] : []),
		...(context && context.state !== 'ready' ? [{label: 'Context', text: staleText(state, context, now), tone: 'error' as const}] : []),
		...(source && !source.ready ? [{label: 'Source', text: `failing: ${source.message ?? 'not ready'} (the controller cannot fetch: its verdict is not current)`, tone: 'error' as const}] : []),
	];
}

function selectionSections(state: TuiState, now: Date): DetailsSection[] {
	const screen = currentScreen(state);
	const cursor = cursorOf(state, screen);
	if (screen.kind === 'apps') {
		const row = appRows(state)[cursor];
		return row ? appSections(state, row.id, now) : [];
	}
	const sections = appSections(state, screen.appId, now);
	const app = findApp(state.snapshot, screen.appId);
	if (screen.kind === 'tree' && app) {
		const node = treeRowsOf(state, screen)[cursor]?.node;
		if (!node) return sections;
		const {kind, name, namespace} = node.key;
		sections.push({label: 'Resource', text: `${kind}/${name}${namespace ? ` in ${namespace}` : ''}`});
		if (node.verdict) sections.push({label: 'Verdict', text: `${node.verdict}${node.driftCount > 0 ? `, ${node.driftCount} drifted field${node.driftCount === 1 ? '' : 's'}` : ''}`});
		if (node.health) sections.push({label: 'Health', text: `${node.health.status}${node.health.message ? `: ${node.health.message}` : ''}`});
		for (const event of eventsOf(state, app, node, now)) {
			sections.push({label: `Event ${event.type} ${event.reason} ${eventAge(event)} ago`, text: event.message, ...(event.type === 'Warning' ? {tone: 'error' as const} : {})});
		}
	}
	if (screen.kind === 'history') {
		const doc = state.histories[screen.appId];
		const commit = doc?.status === 'ready' ? doc.commits[cursor] : undefined;
		if (commit) sections.push({label: 'Commit', text: `${commit.sha} by ${commit.author} on ${commit.date}\n${commit.subject}`});
		if (doc?.status === 'error') sections.push({label: 'History', text: doc.error, tone: 'error'});
	}
	if (screen.kind === 'since-healthy') {
		const doc = state.sinceHealthy[screen.appId];
		if (doc?.status === 'ready') sections.push({label: 'Last healthy', text: `${doc.revision ?? '-'}: ${doc.basis}${doc.note ? `\n${doc.note}` : ''}`});
		const commit = doc?.status === 'ready' ? doc.commits[cursor] : undefined;
		if (commit) sections.push({label: 'Commit', text: `${commit.sha} by ${commit.author} on ${commit.date}\n${commit.subject}`});
		if (doc?.status === 'error') sections.push({label: 'Since healthy', text: doc.error, tone: 'error'});
	}
	return sections;
}

/** What the pane shows: the selection, then what the header and message line may have cut. */
export function detailsSections(state: TuiState, now: Date): DetailsSection[] {
	const git = state.snapshot?.git;
	return [
		...selectionSections(state, now),
		...(git?.repo && !git.reachable ? [{label: 'Git outage', text: `${git.error ?? 'unreachable'} (last successful fetch ${git.lastFetch ? `${span(now.getTime() - new Date(git.lastFetch).getTime())} ago, ${git.lastFetch}` : 'never'})`, tone: 'error' as const}] : []),
		...(state.snapshot?.problem ? [{label: 'Evaluation', text: state.snapshot.problem, tone: 'error' as const}] : []),
		...(state.message ? [{label: 'Message', text: state.message.text, ...(state.message.tone === 'error' ? {tone: 'error' as const} : {})}] : []),
	];
}

export type DetailsLine = {text: string; label: boolean; tone?: 'error' | 'paused'};

/** The sections wrapped to the width: each label on its line, its text under it, indented. */
export function detailsLines(state: TuiState, now: Date, columns: number): DetailsLine[] {
	return detailsSections(state, now).flatMap(section => [
		{text: section.label, label: true},
		...wrapText(section.text, columns - 2).map(text => ({text: `  ${text}`, label: false, ...(section.tone ? {tone: section.tone} : {})})),
	]);
}
