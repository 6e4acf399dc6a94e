import {Box, Text} from 'ink';
import type {AppStatus} from '../domain/app.js';
import type {SinceHealthyDocument} from '../state/since-healthy.js';
import {Styled} from './styled.js';
import {clip, fit} from './text-fit.js';
import {useTheme} from './theme-context.js';
import {TitleLine} from './title-line.js';
import {visibleWindow} from './window.js';

export type SinceHealthyScreenProps = {app: AppStatus; document?: SinceHealthyDocument; cursor: number; height: number; columns: number};

/** The first screen of an incident: the last healthy revision, what says so, the commits since, and d for its diff. */
export function SinceHealthyScreen({app, document, cursor, height, columns}: SinceHealthyScreenProps) {
	const theme = useTheme();
	const ellipsis = theme.glyph('ellipsis');
	const ready = document?.status === 'ready' ? document : undefined;
	const commits = ready?.commits ?? [];
	const window = visibleWindow({count: commits.length, cursor, height: Math.max(1, height - 4)});
	const headline = !ready
		? ''
		: ready.healthyNow
			? `${app.name} is Synced and Healthy now${ready.revision ? ` at ${ready.revision.slice(0, 7)}` : ''}`
			: ready.revision
				? `last Synced and Healthy at ${ready.revision.slice(0, 7)}; ${commits.length} commit${commits.length === 1 ? '' : 's'} on its path since`
				: 'no revision is known Synced and Healthy';
	return (
		<Box flexDirection="column">
			<TitleLine title={`what changed since ${app.name} was last healthy`} parts={[` on ${app.context}`, '; d diffs a revision against live']} columns={columns} />
			{!document || document.status === 'loading' ? <Styled token="muted">{clip('  reading the controller’s history and the local clone…', columns, ellipsis)}</Styled> : null}
			{document?.status === 'error' ? <Styled token="error">{clip(document.error, columns, ellipsis)}</Styled> : null}
			{ready ? <Styled token={ready.healthyNow ? 'sync.synced' : 'sync.drifted'}>{clip(headline, columns, ellipsis)}</Styled> : null}
			{ready ? <Styled token="muted">{clip(`  why that revision: ${ready.basis}`, columns, ellipsis)}</Styled> : null}
			{ready?.note ? <Styled token="muted">{clip(`  ${ready.note}`, columns, ellipsis)}</Styled> : null}
			{commits.slice(window.start, window.end).map((commit, offset) => {
				const index = window.start + offset;
				return (
					<Text key={commit.sha} inverse={index === cursor} wrap="truncate-end">
						<Text>{index === cursor ? theme.glyph('pointer') + ' ' : '  '}</Text>
						<Styled token="diff.hunk">{commit.sha.slice(0, 7)} </Styled>
						<Styled token="muted">{fit(commit.date.slice(0, 10), 10)} {fit(commit.author, 14, ellipsis)} </Styled>
						<Text>{clip(commit.subject, Math.max(10, columns - 38), ellipsis)}</Text>
					</Text>
				);
			})}
		</Box>
	);
}
