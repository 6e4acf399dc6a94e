import {Box, Text} from 'ink';
import {bindings} from '../keymap/bindings.js';
import {hints} from '../keymap/help.js';
import {helpLines} from '../state/help-lines.js';
import {conflicted} from '../state/action-dialog.js';
import {actionsHidden, keyScope} from '../state/key-scope.js';
import {detailsLines} from '../state/details.js';
import {eventsOf} from '../state/events.js';
import {bodyRows, bottomLines, headerLines, selectedAppProblem} from '../state/frame-layout.js';
import {pauseNotices, pauseStory} from '../state/pause-story.js';
import {appRows, cursorOf, findApp, treeRowsOf} from '../state/selectors.js';
import {currentScreen, filterOf, screenKey, type Screen, type TuiState} from '../state/tui-state.js';
import {ActionDialogView} from './action-dialog.js';
import {AppsScreen} from './apps-screen.js';
import {DetailsScreen} from './details-screen.js';
import {DiffScreen} from './diff-screen.js';
import {Header} from './header.js';
import {HelpScreen} from './help-screen.js';
import {HintsBar} from './hints-bar.js';
import {HistoryScreen} from './history-screen.js';
import {PauseBanner} from './pause-banner.js';
import {SinceHealthyScreen} from './since-healthy-screen.js';
import {Styled} from './styled.js';
import {useTheme} from './theme-context.js';
import {clip} from './text-fit.js';
import {TreeScreen} from './tree-screen.js';
import {yamlLines, yamlTitle} from '../state/yaml-view.js';
import {YamlScreen} from './yaml-screen.js';

export type AppFrameProps = {state: TuiState; now: Date};

function Body({state, screen, height, now}: {state: TuiState; screen: Screen; height: number; now: Date}) {
	const {columns} = state.viewport;
	const cursor = cursorOf(state, screen);
	if (screen.kind === 'apps') {
		return <AppsScreen rows={appRows(state)} cursor={cursor} height={height} columns={columns} loading={!state.snapshot?.evaluatedAt} filtered={Boolean(filterOf(state, screen) || state.contextFilter)} sort={state.sort} now={now} />;
	}
	const app = findApp(state.snapshot, screen.appId);
	if (!app) return <Styled token="muted">this app is gone</Styled>;
	if (screen.kind === 'tree') {
		const rows = treeRowsOf(state, screen);
		const selected = rows[cursor]?.node;
		return <TreeScreen app={app} rows={rows} filtered={Boolean(filterOf(state, screen))} cursor={cursor} height={height} columns={columns} events={eventsOf(state, app, selected, now)} pause={pauseStory(app, now)?.text} />;
	}
	if (screen.kind === 'since-healthy') {
		return <SinceHealthyScreen app={app} document={state.sinceHealthy[screen.appId]} cursor={cursor} height={height} columns={columns} />;
	}
	if (screen.kind === 'yaml') {
		return <YamlScreen title={yamlTitle(state, screen)} lines={yamlLines(state, screen)} offset={cursor} height={height} columns={columns} />;
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
	const ellipsis = useTheme().glyph('ellipsis');
	const problem = selectedAppProblem(state, now);
	if (problem) return <Styled token={problem.tone === 'error' ? 'error' : 'health.suspended'}>{clip(problem.text, columns, ellipsis)}</Styled>;
	return <Styled token="muted">{clip(`sorted by ${state.sort}${state.grouped ? ', same app across contexts grouped' : ''}${state.contextFilter ? `, only ${state.contextFilter} (:ctx all for every context)` : ''}`, columns, ellipsis)}</Styled>;
}

/** Whether `y` is what confirms now (not on a protected context, where the name is typed). */
function yConfirms(dialog: NonNullable<TuiState['dialog']>): boolean {
	return dialog.stage === 'confirming' && !dialog.answer && !dialog.confirm?.protectedContext;
}

/** The whole screen as a pure function of state: header, the current view (or the action dialog), a prompt or message line, hints. */
export function AppFrame({state, now}: AppFrameProps) {
	const theme = useTheme();
	const screen = currentScreen(state);
	const scope = keyScope(state);
	const hidden = actionsHidden(state);
	const {columns, rows} = state.viewport;
	const height = bodyRows(state, now);
	const filter = filterOf(state);
	const notices = pauseNotices(state.snapshot?.apps ?? [], now);
	const resumeKey = hidden ? undefined : bindings.find(b => b.command === 'resume')?.keys[0];
	// A prompt or a message, then the selected app's problem, which neither hides (it gets its own line).
	let prompt = null;
	if (state.commandLine !== undefined) prompt = <Text>{`:${state.commandLine}`}<Text inverse> </Text></Text>;
	else if (state.filterEditing) prompt = <Text>{`/${filter}`}<Text inverse> </Text></Text>;
	else if (state.message) prompt = <Styled token={state.message.tone === 'error' ? 'error' : 'muted'}>{clip(state.message.text, columns, theme.glyph('ellipsis'))}</Styled>;
	else if (filter) prompt = <Styled token="muted">{clip(`filter: ${filter} (/ to change, esc to clear)`, columns, theme.glyph('ellipsis'))}</Styled>;
	const problem = selectedAppProblem(state, now);
	const status = screen.kind === 'apps' && !state.help && state.details === undefined && (problem || !prompt) ? <AppsStatusLine state={state} now={now} /> : null;

	let body;
	if (state.dialog) body = <ActionDialogView dialog={state.dialog} height={rows - headerLines(state, now) - 1} columns={columns} />;
	else if (state.details !== undefined) body = <DetailsScreen lines={detailsLines(state, now, columns)} offset={state.details} height={height} />;
	else if (state.help) body = <HelpScreen lines={helpLines(state, {columns, glyph: token => theme.glyph(token)})} offset={state.helpScroll ?? 0} height={height} />;
	else body = <Body state={state} screen={screen} height={height} now={now} />;
	return (
		<Box flexDirection="column" width={columns} height={rows}>
			<Header snapshot={state.snapshot} readOnly={state.readOnly} columns={columns} now={now} contextFilter={state.contextFilter} />
			<PauseBanner notices={notices} columns={columns} {...(resumeKey ? {resumeKey} : {})} />
			<Box flexDirection="column" flexGrow={1} overflowY="hidden">
				{body}
			</Box>
			{state.dialog ? null : (
				<Box flexDirection="column" height={bottomLines(state, now)}>
					{prompt}
					{status}
				</Box>
			)}
			<HintsBar items={hints({scope, readOnly: hidden}).filter(hint => !state.dialog || (hint.key === 'y' ? yConfirms(state.dialog) : hint.key !== 'F' || conflicted(state.dialog)))} columns={columns} />
		</Box>
	);
}
