import {Box, Text} from 'ink';
import type {HelpRow} from '../keymap/help.js';
import {Styled} from './styled.js';
import {clip, fit} from './text-fit.js';

export type HelpScreenProps = {rows: HelpRow[]; commands: string[]; height: number; columns?: number};

/**
 * `?`: every key of the current screen, generated from the key table, and the `:` commands. When they do not fit
 * one column (80×24 with the action keys), they flow into two, descriptions cut, so nothing is left off.
 */
export function HelpScreen({rows, commands, height, columns = 80}: HelpScreenProps) {
	const lines = [...rows.map(r => ({keys: r.keys, text: r.description})), ...commands.map((command, i) => ({keys: i === 0 ? ':' : '', text: command}))];
	const space = Math.max(1, height - 1);
	const split = lines.length > space && columns >= 60;
	const perColumn = split ? Math.ceil(lines.length / 2) : space;
	const columnWidth = split ? Math.floor(columns / 2) : columns;
	const keyWidth = Math.min(Math.max(...lines.map(l => l.keys.length), 8) + 1, split ? 14 : 20);
	const column = (part: typeof lines) => (
		<Box flexDirection="column" width={columnWidth}>
			{part.map(line => (
				<Text key={line.keys + line.text} wrap="truncate-end">
					<Styled token="key">{fit(line.keys, keyWidth)}</Styled>
					{clip(line.text, columnWidth - keyWidth - 1)}
				</Text>
			))}
		</Box>
	);
	return (
		<Box flexDirection="column">
			<Styled token="title">Keys (esc or ? to close)</Styled>
			<Box>
				{column(lines.slice(0, Math.min(perColumn, space)))}
				{split ? column(lines.slice(perColumn, perColumn + space)) : null}
			</Box>
		</Box>
	);
}
