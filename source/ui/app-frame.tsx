import {Box, Text} from 'ink';
import type {KubeObject} from '../domain/kube-object.js';
import {helpRows, hints} from '../keymap/help.js';
import {appRows, bodyRows, cursorOf, findApp, treeRows} from '../state/selectors.js';
import {currentScreen, screenKey, type Screen, type TuiState} from '../state/tui-state.js';
import {AppsScreen} from './apps-screen.js';
import {DiffScreen} from './diff-screen.js';
import {Header} from './header.js';
import {HelpScreen} from './help-screen.js';
import {HintsBar} from './hints-bar.js';
import {HistoryScreen} from './history-screen.js';
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

function Body({state, screen, height}: {state: TuiState; screen: Screen; height: number}) {
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
		return <TreeScreen app={app} rows={rows} cursor={cursor} height={height} columns={columns} events={eventsFor(state, app.context, uid)} />;
	}
	if (screen.kind === 'history') {
		return <HistoryScreen app={app} document={state.histories[screen.appId]} cursor={cursor} height={height} columns={columns} />;
	}
	const subject = screen.resourceId ?? `app ${app.name}`;
	const title = screen.revision ? `${subject} at ${screen.revision.slice(0, 7)} vs live` : `${subject}: live vs Git`;
	return <DiffScreen title={title} document={state.diffs[screenKey(screen)]} offset={cursor} height={height} columns={columns} showIgnored={state.showIgnored} readOnly={state.readOnly} />;
}

/** Under the apps list: what is wrong with the selected app (its error, or who paused it and why), else the order. */
function AppsStatusLine({state}: {state: TuiState}) {
	const {columns} = state.viewport;
	const app = appRows(state)[cursorOf(state)]?.app;
	if (app?.error) return <Styled token="error">{clip(`${app.name}@${app.context}: ${app.error}`, columns)}</Styled>;
	const {autoSync} = app ?? {autoSync: {enabled: true}};
	if (app && !autoSync.enabled && (autoSync.pausedBy || autoSync.reason)) {
		const since = autoSync.since ? ` since ${autoSync.since.slice(0, 16).replace('T', ' ')}` : '';
		const until = autoSync.until ? ` until ${autoSync.until.slice(0, 16).replace('T', ' ')}` : '';
		return <Styled token="health.suspended">{clip(`${app.name}: auto-sync paused by ${autoSync.pausedBy ?? 'someone'}${since}${until}${autoSync.reason ? `: ${autoSync.reason}` : ''}`, columns)}</Styled>;
	}
	return <Styled token="muted">{clip(`sorted by ${state.sort}${state.grouped ? ', same app across contexts grouped' : ''}${state.contextFilter ? `, only ${state.contextFilter} (:ctx all for every context)` : ''}`, columns)}</Styled>;
}

/** The whole screen as a pure function of state: header, the current view, a prompt or message line, hints. */
export function AppFrame({state, now}: AppFrameProps) {
	const screen = currentScreen(state);
	const scope = state.help ? 'help' : screen.kind;
	const {columns, rows} = state.viewport;
	const height = bodyRows(state);
	let bottom = null;
	if (state.commandLine !== undefined) bottom = <Text>{`:${state.commandLine}`}<Text inverse> </Text></Text>;
	else if (state.filter.editing) bottom = <Text>{`/${state.filter.text}`}<Text inverse> </Text></Text>;
	else if (state.message) bottom = <Styled token={state.message.tone === 'error' ? 'error' : 'muted'}>{clip(state.message.text, columns)}</Styled>;
	else if (state.filter.text) bottom = <Styled token="muted">{clip(`filter: ${state.filter.text} (/ to change, esc in the filter to clear)`, columns)}</Styled>;
	else if (screen.kind === 'apps') bottom = <AppsStatusLine state={state} />;
	return (
		<Box flexDirection="column" width={columns} height={rows}>
			<Header snapshot={state.snapshot} readOnly={state.readOnly} columns={columns} now={now} contextFilter={state.contextFilter} />
			<Box flexDirection="column" flexGrow={1} overflow="hidden">
				{state.help ? <HelpScreen rows={helpRows({scope: screen.kind, readOnly: state.readOnly})} height={height} /> : <Body state={state} screen={screen} height={height} />}
			</Box>
			<Box height={1}>{bottom}</Box>
			<HintsBar items={hints({scope, readOnly: state.readOnly})} columns={columns} />
		</Box>
	);
}
