import {Box, Text} from 'ink';
import type {KubeObject} from '../domain/kube-object.js';
import {bindings} from '../keymap/bindings.js';
import {helpRows, hints} from '../keymap/help.js';
import {conflicted} from '../state/action-dialog.js';
import {actionCommandHelp, commandLineHelp} from '../state/command-line.js';
import {actionsHidden, keyScope} from '../state/key-scope.js';
import {pauseNotices, pauseStory} from '../state/pause-story.js';
import {appRows, bodyRows, cursorOf, findApp, treeRows} from '../state/selectors.js';
import {currentScreen, screenKey, type Screen, type TuiState} from '../state/tui-state.js';
import {ActionDialogView} from './action-dialog.js';
import {AppsScreen} from './apps-screen.js';
import {DiffScreen} from './diff-screen.js';
import {Header} from './header.js';
import {HelpScreen} from './help-screen.js';
import {HintsBar} from './hints-bar.js';
import {HistoryScreen} from './history-screen.js';
import {PauseBanner} from './pause-banner.js';
import {SinceHealthyScreen} from './since-healthy-screen.js';
import {Styled} from './styled.js';
import {clip} from './text-fit.js';
import {TreeScreen} from './tree-screen.js';

export type AppFrameProps = {state: TuiState; now: Date};

function eventsFor(state: TuiState, appContext: string, uid: string | undefined): KubeObject[] {
	if (!uid) return [];
	const live = state.snapshot?.liveByContext[appContext] ?? [];
	return live
		.filter(o => o.kind === 'Event' && (o.involvedObject as {uid?: string} | undefined)?.uid === uid)
		.sort((a, b) => String(b.lastTimestamp ?? '').localeCompare(String(a.lastTimestamp ?? '')));
}

function Body({state, screen, height, now}: {state: TuiState; screen: Screen; height: number; now: Date}) {
	const {columns} = state.viewport;
	const cursor = cursorOf(state, screen);
	if (screen.kind === 'apps') {
		return <AppsScreen rows={appRows(state)} cursor={cursor} height={height} columns={columns} loading={!state.snapshot?.evaluatedAt} filtered={Boolean(state.filter.text || state.contextFilter)} />;
	}
	const app = findApp(state.snapshot, screen.appId);
	if (!app) return <Styled token="muted">this app is gone</Styled>;
	if (screen.kind === 'tree') {
		const rows = treeRows(state.snapshot, screen.appId);
		const selected = rows[cursor]?.node;
		const uid = selected ? app.resources.find(r => r.key === selected.key)?.live?.metadata.uid ?? (selected.verdict ? undefined : selected.id) : undefined;
		return <TreeScreen app={app} rows={rows} cursor={cursor} height={height} columns={columns} events={eventsFor(state, app.context, uid)} pause={pauseStory(app, now)?.text} />;
	}
	if (screen.kind === 'since-healthy') {
		return <SinceHealthyScreen app={app} document={state.sinceHealthy[screen.appId]} cursor={cursor} height={height} columns={columns} />;
	}
	if (screen.kind === 'history') {
		return <HistoryScreen app={app} document={state.histories[screen.appId]} cursor={cursor} height={height} columns={columns} />;
	}
	const subject = screen.resourceId ?? `app ${app.name}`;
	const title = screen.revision ? `${subject} at ${screen.revision.slice(0, 7)} vs live` : `${subject}: live vs Git`;
	return <DiffScreen title={title} document={state.diffs[screenKey(screen)]} offset={cursor} height={height} columns={columns} showIgnored={state.showIgnored} readOnly={state.readOnly} />;
}

/** Under the apps list: what is wrong with the selected app (its error, or who paused it, until when and why), else the order. */
function AppsStatusLine({state, now}: {state: TuiState; now: Date}) {
	const {columns} = state.viewport;
	const app = appRows(state)[cursorOf(state)]?.app;
	if (app?.error) return <Styled token="error">{clip(`${app.name}@${app.context}: ${app.error}`, columns)}</Styled>;
	const story = app && pauseStory(app, now);
	if (app && story) return <Styled token="health.suspended">{clip(`${app.name}: ${story.text}`, columns)}</Styled>;
	return <Styled token="muted">{clip(`sorted by ${state.sort}${state.grouped ? ', same app across contexts grouped' : ''}${state.contextFilter ? `, only ${state.contextFilter} (:ctx all for every context)` : ''}`, columns)}</Styled>;
}

/** Whether `y` is what confirms now (not on a protected context, where the name is typed). */
function yConfirms(dialog: NonNullable<TuiState['dialog']>): boolean {
	return dialog.stage === 'confirming' && !dialog.answer && !dialog.confirm?.protectedContext;
}

/** Lines the header takes, so the dialog is never cut at the bottom (its prompt is the line that matters). */
function headerLines(state: TuiState, notices: string[]): number {
	const git = state.snapshot?.git;
	return 2 + (git?.repo && !git.reachable ? 1 : 0) + (state.snapshot?.problem ? 1 : 0) + (notices.length > 0 ? 1 : 0);
}

/** The whole screen as a pure function of state: header, the current view (or the action dialog), a prompt or message line, hints. */
export function AppFrame({state, now}: AppFrameProps) {
	const screen = currentScreen(state);
	const scope = keyScope(state);
	const hidden = actionsHidden(state);
	const {columns, rows} = state.viewport;
	const height = bodyRows(state);
	const notices = pauseNotices(state.snapshot?.apps ?? [], now);
	const resumeKey = hidden ? undefined : bindings.find(b => b.command === 'resume')?.keys[0];
	let bottom = null;
	if (state.dialog) bottom = null;
	else if (state.commandLine !== undefined) bottom = <Text>{`:${state.commandLine}`}<Text inverse> </Text></Text>;
	else if (state.filter.editing) bottom = <Text>{`/${state.filter.text}`}<Text inverse> </Text></Text>;
	else if (state.message) bottom = <Styled token={state.message.tone === 'error' ? 'error' : 'muted'}>{clip(state.message.text, columns)}</Styled>;
	else if (state.filter.text) bottom = <Styled token="muted">{clip(`filter: ${state.filter.text} (/ to change, esc in the filter to clear)`, columns)}</Styled>;
	else if (screen.kind === 'apps') bottom = <AppsStatusLine state={state} now={now} />;
	const commands = hidden ? commandLineHelp : [...commandLineHelp, ...actionCommandHelp];
	let body;
	if (state.dialog) body = <ActionDialogView dialog={state.dialog} height={rows - headerLines(state, notices) - 1} columns={columns} />;
	else if (state.help) body = <HelpScreen rows={helpRows({scope: keyScope({...state, help: false}), readOnly: hidden})} commands={commands} height={height} columns={columns} />;
	else body = <Body state={state} screen={screen} height={height} now={now} />;
	return (
		<Box flexDirection="column" width={columns} height={rows}>
			<Header snapshot={state.snapshot} readOnly={state.readOnly} columns={columns} now={now} contextFilter={state.contextFilter} />
			<PauseBanner notices={notices} columns={columns} {...(resumeKey ? {resumeKey} : {})} />
			<Box flexDirection="column" flexGrow={1} overflow="hidden">
				{body}
			</Box>
			{state.dialog ? null : <Box height={1}>{bottom}</Box>}
			<HintsBar items={hints({scope, readOnly: hidden}).filter(hint => !state.dialog || (hint.key === 'y' ? yConfirms(state.dialog) : hint.key !== 'F' || conflicted(state.dialog)))} columns={columns} />
		</Box>
	);
}
