import {Box, Text} from 'ink';
import type {FleetSnapshot} from '../state/fleet-snapshot.js';
import {contextChips} from './context-strip.js';
import {Styled} from './styled.js';
import {ago, clip} from './text-fit.js';
import {useTheme} from './theme-context.js';

export type HeaderProps = {snapshot?: FleetSnapshot; readOnly: boolean; columns: number; now: Date; contextFilter?: string};

/**
 * The outage banner: age first (verdicts come from the clone of that fetch), then the cause once — the fetch error
 * already says "cannot fetch <remote>", so it is not wrapped in another "cannot fetch (…)". `v` shows it in full.
 */
export function outageText(error: string | undefined, lastFetch: string | undefined, now: Date): string {
	const age = lastFetch ? `clone fetched ${ago(lastFetch, now)}` : 'clone never fetched';
	const cause = error ?? 'unreachable';
	return ` GIT OUTAGE (${age}): ${/^cannot fetch/i.test(cause) ? cause : `cannot fetch: ${cause}`} `;
}

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
				{contextChips({contexts: snapshot?.contexts ?? [], ...(contextFilter ? {filter: contextFilter} : {}), width: columns - 12 - (readOnly ? 12 : 0), glyphWidth: Array.from(theme.glyph('synced')).length}).map(item => (
					<Text key={item.key}>
						<Styled token={item.style}>{theme.glyph(item.glyph)}</Styled>
						<Text>{` ${item.text}  `}</Text>
					</Text>
				))}
				{snapshot ? null : <Styled token="muted">{`loading${theme.glyph('ellipsis')}`}</Styled>}
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
					{clip(outageText(git.error, git.lastFetch, now), columns, theme.glyph('ellipsis'))}
				</Styled>
			) : null}
			{snapshot?.problem ? <Styled token="error">{clip(snapshot.problem, columns, theme.glyph('ellipsis'))}</Styled> : null}
		</Box>
	);
}
