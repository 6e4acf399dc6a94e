import {Box, Text} from 'ink';
import type {Hint} from '../keymap/help.js';
import {Styled} from './styled.js';

/** Cells one hint takes: `<key>label `. */
const cells = (item: Hint) => item.key.length + item.label.length + 3;

/**
 * The bottom line: hints generated from the key table for the current screen. When they do not all fit, the
 * ones ranked first (quit, help, open, the actions) stay; the order on the line is the table's.
 */
export function HintsBar({items, columns}: {items: Hint[]; columns: number}) {
	const kept = new Set<Hint>();
	let used = 0;
	for (const rank of [1, 2, 3] as const) {
		for (const item of items.filter(i => i.rank === rank)) {
			if (used + cells(item) > columns) continue;
			kept.add(item);
			used += cells(item);
		}
	}
	return (
		<Box>
			{items.filter(item => kept.has(item)).map(item => (
				<Text key={item.key + item.label}>
					<Styled token="key">{`<${item.key}>`}</Styled>
					<Styled token="muted">{item.label} </Styled>
				</Text>
			))}
		</Box>
	);
}
