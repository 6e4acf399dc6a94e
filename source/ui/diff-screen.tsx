import {Box, Text} from 'ink';
import {diffVisibleRows} from '../state/selectors.js';
import {shownDiffLines, type DiffDocument, type DiffLine} from '../state/tui-state.js';
import {Styled} from './styled.js';
import {clip} from './text-fit.js';
import {useTheme} from './theme-context.js';
import type {StyleToken} from './theme.js';

export type DiffScreenProps = {title: string; document?: DiffDocument; offset: number; height: number; columns: number; showIgnored: boolean; readOnly?: boolean};

const tokens: Record<DiffLine['kind'], StyleToken> = {
	added: 'diff.added',
	removed: 'diff.removed',
	context: 'diff.context',
	hunk: 'diff.hunk',
	header: 'title',
	note: 'muted',
};

/** A unified diff, coloured and scrollable; the fast diff shows at once and the exact one replaces it. */
export function DiffScreen({title, document, offset, height, columns, showIgnored, readOnly = false}: DiffScreenProps) {
	const theme = useTheme();
	const ellipsis = theme.glyph('ellipsis');
	const lines = document ? shownDiffLines(document, showIgnored) : [];
	// The same figure the reducer clamps scrolling with, so the last line can be reached and no row stays empty.
	const bodyHeight = diffVisibleRows(height, document);
	const mode = !document
		? `computing${ellipsis}`
		: document.pending
			? `${document.mode} diff; exact diff pending${ellipsis}`
			: `${document.mode} diff${readOnly && document.mode === 'fast' ? ': read-only mode sends no dry-run' : ''}`;
	return (
		<Box flexDirection="column">
			<Text wrap="truncate-end">
				<Styled token="title">{`${title} `}</Styled>
				<Styled token="muted">{`(${mode}${showIgnored ? ', showing ignored' : ''}) ${lines.length > bodyHeight ? `${offset + 1}-${Math.min(lines.length, offset + bodyHeight)}/${lines.length}` : ''}`}</Styled>
			</Text>
			{document?.error ? <Styled token="error">{clip(document.error, columns, ellipsis)}</Styled> : null}
			{document && lines.length === 0 && !document.error ? <Styled token="muted">  no differences</Styled> : null}
			{lines.slice(offset, offset + bodyHeight).map((line, index) => {
				const note = line.manager ? `  # ${line.manager}` : '';
				const text = clip(line.text, Math.max(1, columns - note.length), ellipsis);
				return (
					<Text key={offset + index} wrap="truncate-end">
						<Styled token={line.ignored ? 'diff.ignored' : tokens[line.kind]}>{text}</Styled>
						{note ? <Styled token="muted">{note}</Styled> : null}
					</Text>
				);
			})}
		</Box>
	);
}
