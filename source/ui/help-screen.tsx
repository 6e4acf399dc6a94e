import {Box, Text} from 'ink';
import {helpKeyWidth, helpVisibleRows, type HelpLine} from '../state/help-lines.js';
import {Styled} from './styled.js';
import {fit} from './text-fit.js';
import {useTheme} from './theme-context.js';

export type HelpScreenProps = {lines: HelpLine[]; offset: number; height: number};

/**
 * `?`: every key of the current screen, generated from the key table, the `:` commands and the glyph legend
 * (state/help-lines.ts), descriptions wrapped under their key, never cut; it scrolls (j/k, ctrl-f/ctrl-b) when
 * taller than the screen.
 */
export function HelpScreen({lines, offset, height}: HelpScreenProps) {
	const ellipsis = useTheme().glyph('ellipsis');
	const visible = helpVisibleRows(height);
	const keyWidth = helpKeyWidth(lines);
	const range = lines.length > visible ? ` ${offset + 1}-${Math.min(lines.length, offset + visible)}/${lines.length}, j/k ctrl-f/ctrl-b scroll` : '';
	return (
		<Box flexDirection="column">
			<Text wrap="truncate-end">
				<Styled token="title">Keys </Styled>
				<Styled token="muted">{`(esc or ? to close)${range}`}</Styled>
			</Text>
			{lines.slice(offset, offset + visible).map((line, index) => (
				<Text key={offset + index} wrap="truncate-end">
					{line.kind === 'title' ? (
						<Styled token="title">{line.text}</Styled>
					) : line.kind === 'plain' ? (
						<Text>{line.text}</Text>
					) : (
						<>
							<Styled token="key">{fit(line.keys, keyWidth, ellipsis)}</Styled>
							<Text>{line.text}</Text>
						</>
					)}
				</Text>
			))}
		</Box>
	);
}
