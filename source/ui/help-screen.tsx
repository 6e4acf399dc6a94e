import {Box, Text} from 'ink';
import type {HelpRow} from '../keymap/help.js';
import {commandLineHelp} from '../state/command-line.js';
import {Styled} from './styled.js';
import {fit} from './text-fit.js';

/** `?`: every key of the current screen, generated from the key table, and the `:` commands. */
export function HelpScreen({rows, height}: {rows: HelpRow[]; height: number}) {
	const width = Math.max(...rows.map(r => r.keys.length), 8) + 2;
	const lines = [...rows.map(r => ({keys: r.keys, text: r.description})), {keys: ':', text: commandLineHelp.join('  ')}];
	return (
		<Box flexDirection="column">
			<Styled token="title">Keys (esc or ? to close)</Styled>
			{lines.slice(0, Math.max(1, height - 1)).map(line => (
				<Text key={line.keys} wrap="truncate-end">
					<Styled token="key">{fit(line.keys, width)}</Styled>
					{line.text}
				</Text>
			))}
		</Box>
	);
}
