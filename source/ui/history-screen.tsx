import {Box, Text} from 'ink';
import type {AppStatus} from '../domain/app.js';
import type {HistoryDocument} from '../state/tui-state.js';
import {Styled} from './styled.js';
import {clip, fit} from './text-fit.js';
import {useTheme} from './theme-context.js';
import {TitleLine} from './title-line.js';
import {visibleWindow} from './window.js';

export type HistoryScreenProps = {app: AppStatus; document?: HistoryDocument; cursor: number; height: number; columns: number};

/** Commits touching the app's path (from the local clone, so it works offline), with deployment markers. */
export function HistoryScreen({app, document, cursor, height, columns}: HistoryScreenProps) {
	const theme = useTheme();
	const ellipsis = theme.glyph('ellipsis');
	const commits = document?.status === 'ready' ? document.commits : [];
	const window = visibleWindow({count: commits.length, cursor, height: Math.max(1, height - 1)});
	return (
		<Box flexDirection="column">
			<TitleLine title={`history of ${app.name}`} parts={[` on ${app.context}`, '; enter or d diffs a revision against live']} columns={columns} />
			{!document || document.status === 'loading' ? <Styled token="muted">{`  reading the local clone${ellipsis}`}</Styled> : null}
			{document?.status === 'error' ? <Styled token="error">{clip(document.error, columns, ellipsis)}</Styled> : null}
			{document?.status === 'ready' && commits.length === 0 ? <Styled token="muted">  no commits touch this app's path</Styled> : null}
			{commits.slice(window.start, window.end).map((commit, offset) => {
				const index = window.start + offset;
				const markers = document?.status === 'ready' ? document.deployed[commit.sha] ?? [] : [];
				const marker = markers.length > 0 ? ` [deployed: ${markers.join(', ')}]` : '';
				return (
					<Text key={commit.sha} inverse={index === cursor} wrap="truncate-end">
						<Text>{index === cursor ? theme.glyph('pointer') + ' ' : '  '}</Text>
						<Styled token="diff.hunk">{commit.sha.slice(0, 7)} </Styled>
						<Styled token="muted">{fit(commit.date.slice(0, 10), 10)} {fit(commit.author, 12, ellipsis)} </Styled>
						{marker ? <Styled token="sync.synced">{marker.trim()} </Styled> : null}
						<Text>{clip(commit.subject, Math.max(10, columns - 40 - marker.length), ellipsis)}</Text>
					</Text>
				);
			})}
		</Box>
	);
}
