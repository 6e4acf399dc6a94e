import {Box, Text} from 'ink';
import type {HelpRow} from '../keymap/help.js';
import {Styled} from './styled.js';
import {clip, fit} from './text-fit.js';
import {useTheme} from './theme-context.js';

export type HelpScreenProps = {rows: HelpRow[]; commands: string[]; height: number; columns?: number};

/**
 * `?`: every key of the current screen, generated from the key table, and the `:` commands. When they do not fit
 * one column (80×24 with the action keys), they flow into two, descriptions cut, so nothing is left off.
 */
export function HelpScreen({rows, commands, height, columns = 80}: HelpScreenProps) {
	const ellipsis = useTheme().glyph('ellipsis');
	const lines = [...rows.map(r => ({keys: r.keys, text: r.description})), ...commands.map(command => ({keys: '', text: command}))];
	const space = Math.max(1, height - 1);
	const split = lines.length > space && columns >= 60;
	const keyWidth = Math.min(Math.max(...lines.map(l => l.keys.length), 8) + 1, 14);
	// The first column fills the height; what overflows (short navigation keys and the : commands) takes only the
	// width it needs on the right, so the long descriptions on the left keep most of theirs.
	const overflow = split ? lines.slice(space, space * 2) : [];
	const cells = (line: {keys: string; text: string}) => (line.keys ? keyWidth : 2) + line.text.length + 1;
	// At most 32 cells: a long entry there is cut rather than every description on the left.
	const rightWidth = split ? Math.min(Math.floor(columns / 2), 32, Math.max(...overflow.map(cells))) : 0;
	const leftWidth = columns - rightWidth;
	const column = (part: typeof lines, width: number) => (
		<Box flexDirection="column" width={width}>
			{part.map(line => (
				<Text key={line.keys + line.text} wrap="truncate-end">
					{/* The : commands are listed under the ':' key, indented. */}
					<Styled token="key">{fit(line.keys, line.keys ? keyWidth : 2, ellipsis)}</Styled>
					{clip(line.text, width - (line.keys ? keyWidth : 2) - 1, ellipsis)}
				</Text>
			))}
		</Box>
	);
	return (
		<Box flexDirection="column">
			<Styled token="title">Keys (esc or ? to close)</Styled>
			<Box>
				{column(lines.slice(0, space), leftWidth)}
				{split ? column(overflow, rightWidth) : null}
			</Box>
		</Box>
	);
}
