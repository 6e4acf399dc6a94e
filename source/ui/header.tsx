import {Box, Text} from 'ink';
import type {FleetSnapshot} from '../state/fleet-snapshot.js';
import {Styled} from './styled.js';
import {ago, clip} from './text-fit.js';
import {useTheme} from './theme-context.js';

export type HeaderProps = {snapshot?: FleetSnapshot; readOnly: boolean; columns: number; now: Date; contextFilter?: string};

/** Contexts with reachability, the repo and revision, fetch age, the outage banner and the read-only badge. */
export function Header({snapshot, readOnly, columns, now, contextFilter}: HeaderProps) {
	const theme = useTheme();
	const git = snapshot?.git;
	const head = git?.head ? git.head.slice(0, 7) : '-';
	return (
		<Box flexDirection="column">
			<Box>
				<Styled token="title">gitops-tui </Styled>
				{readOnly ? <Styled token="badge.readOnly"> READ-ONLY </Styled> : null}
				<Text> </Text>
				{(snapshot?.contexts ?? []).map(context => (
					<Text key={context.name}>
						<Styled token={context.state === 'ready' ? 'context.ready' : context.state === 'connecting' ? 'muted' : 'context.down'}>
							{theme.glyph(context.state === 'ready' ? 'synced' : context.state === 'connecting' ? 'progressing' : 'missing')}
						</Styled>
						<Text>{` ${context.name}${context.name === contextFilter ? '*' : ''}${context.state === 'ready' || context.state === 'connecting' ? '' : ` (${context.state})`}  `}</Text>
					</Text>
				))}
				{snapshot ? null : <Styled token="muted">loading…</Styled>}
			</Box>
			{git && !git.repo ? (
				<Styled token="error">{clip(git.error ?? 'no config repository loaded', columns, theme.glyph('ellipsis'))}</Styled>
			) : (
				<Text wrap="truncate-end">
					{clip(`repo ${git?.repo ?? '-'}  ${git?.branch ?? ''}@${head}  fetched ${ago(git?.lastFetch, now)}`, columns, theme.glyph('ellipsis'))}
				</Text>
			)}
			{git?.repo && !git.reachable ? (
				<Styled token="banner.outage">
					{clip(` GIT OUTAGE: cannot fetch (${git.error ?? 'unreachable'}); verdicts use the local clone from ${ago(git.lastFetch, now)} `, columns, theme.glyph('ellipsis'))}
				</Styled>
			) : null}
			{snapshot?.problem ? <Styled token="error">{clip(snapshot.problem, columns, theme.glyph('ellipsis'))}</Styled> : null}
		</Box>
	);
}
