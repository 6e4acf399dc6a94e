import {Box, Text} from 'ink';
import type {DetailsLine} from '../state/details.js';
import {Styled} from './styled.js';

export type DetailsScreenProps = {lines: DetailsLine[]; offset: number; height: number};

/** The selection in full, wrapped (nothing cut with "…"), scrollable; `v` or esc closes it. */
export function DetailsScreen({lines, offset, height}: DetailsScreenProps) {
	const visible = Math.max(1, height - 1);
	const range = lines.length > visible ? ` ${offset + 1}-${Math.min(lines.length, offset + visible)}/${lines.length}` : '';
	return (
		<Box flexDirection="column">
			<Text wrap="truncate-end">
				<Styled token="title">details </Styled>
				<Styled token="muted">{`(v or esc closes)${range}`}</Styled>
			</Text>
			{lines.length === 0 ? <Styled token="muted">  nothing selected</Styled> : null}
			{lines.slice(offset, offset + visible).map((line, index) => (
				<Text key={offset + index} wrap="truncate-end">
					{line.label ? <Styled token="title">{line.text}</Styled> : line.tone ? <Styled token={line.tone === 'error' ? 'error' : 'health.suspended'}>{line.text}</Styled> : <Text>{line.text}</Text>}
				</Text>
			))}
		</Box>
	);
}
