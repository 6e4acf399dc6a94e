import {Text} from 'ink';
import {Styled} from './styled.js';
import {clip} from './text-fit.js';
import {useTheme} from './theme-context.js';

/**
 * A screen's title line, its parts from most to least important: the title itself, then what it is about (the
 * context), then a tip about keys. Parts that do not fit are left out whole, last first, so what shows is never cut
 * mid-word; the title alone is cut only when even it is wider than the terminal. The tips repeat what the hints bar
 * and help say, so leaving them out loses nothing.
 */
export function TitleLine({title, parts, columns}: {title: string; parts: string[]; columns: number}) {
	const theme = useTheme();
	const shown = partsThatFit(title, parts, columns);
	return (
		<Text wrap="truncate-end">
			<Styled token="title">{clip(title, columns, theme.glyph('ellipsis'))}</Styled>
			{shown.length > 0 ? <Styled token="muted">{shown.join('')}</Styled> : null}
		</Text>
	);
}

/** The leading parts that fit after the title, in order: the first that does not fit ends the line. */
export function partsThatFit(title: string, parts: string[], columns: number): string[] {
	let used = Array.from(title).length;
	const kept: string[] = [];
	for (const part of parts) {
		used += Array.from(part).length;
		if (used > columns) break;
		kept.push(part);
	}
	return kept;
}
