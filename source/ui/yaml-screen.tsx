import {Box, Text} from 'ink';
import type {YamlLine} from '../state/yaml-view.js';
import {yamlVisibleRows} from '../state/yaml-view.js';
import {Styled} from './styled.js';
import {clip} from './text-fit.js';
import {useTheme} from './theme-context.js';

export type YamlScreenProps = {title: string; lines: YamlLine[]; offset: number; height: number; columns: number};

/** The selected object's YAML, live then desired, scrollable; lines come wrapped to the width (state/yaml-view.ts). */
export function YamlScreen({title, lines, offset, height, columns}: YamlScreenProps) {
	const ellipsis = useTheme().glyph('ellipsis');
	// The same figure the reducer clamps scrolling with, so the last line can be reached.
	const visible = yamlVisibleRows(height);
	// Where the view is comes before the note, so a long title never cuts it off.
	const range = lines.length > visible ? `${offset + 1}-${Math.min(lines.length, offset + visible)}/${lines.length} ` : '';
	const name = `${clip(title, Math.max(1, columns - range.length - 1), ellipsis)} `;
	const rest = Math.max(0, columns - Array.from(name).length - range.length);
	return (
		<Box flexDirection="column">
			<Text wrap="truncate-end">
				<Styled token="title">{name}</Styled>
				<Styled token="muted">{`${range}${clip('(live and desired, Secret values masked)', rest, ellipsis)}`}</Styled>
			</Text>
			{lines.slice(offset, offset + visible).map((line, index) => (
				<Text key={offset + index} wrap="truncate-end">
					{line.kind === 'title' ? <Styled token="title">{line.text}</Styled> : line.kind === 'note' ? <Styled token="muted">{line.text}</Styled> : <Text>{line.text}</Text>}
				</Text>
			))}
		</Box>
	);
}
