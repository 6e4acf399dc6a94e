import {Box, Text} from 'ink';
import type {Hint} from '../keymap/help.js';
import {Styled} from './styled.js';

/** The bottom line: hints generated from the key table for the current screen. */
export function HintsBar({items, columns}: {items: Hint[]; columns: number}) {
	let used = 0;
	const shown = items.filter(item => {
		used += item.key.length + item.label.length + 3;
		return used <= columns;
	});
	return (
		<Box>
			{shown.map(item => (
				<Text key={item.key + item.label}>
					<Styled token="key">{`<${item.key}>`}</Styled>
					<Styled token="muted">{item.label} </Styled>
				</Text>
			))}
		</Box>
	);
}
