/**
 * A theme style as the SGR escape sequences a terminal reads, for text painted without Ink (the splash, painted
 * before Ink has loaded). The same colours as Ink gives the same style (chalk's 16 colours), so nothing changes
 * hue when Ink's first frame replaces the splash.
 */
import type {Style} from './theme.js';

const colourCodes: Record<string, number> = {black: 30, red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, white: 37, gray: 90, grey: 90};

/** The text in the style: its SGR codes before it, a reset after it; the text alone when the style has none. */
export function styledText(text: string, style: Style): string {
	const codes: number[] = [];
	if (style.bold) codes.push(1);
	if (style.dimColor) codes.push(2);
	if (style.inverse) codes.push(7);
	const colour = style.color ? colourCodes[style.color] : undefined;
	if (colour !== undefined) codes.push(colour);
	const background = style.backgroundColor ? colourCodes[style.backgroundColor] : undefined;
	if (background !== undefined) codes.push(background + 10);
	if (codes.length === 0 || text === '') return text;
	return `\u001B[${codes.join(';')}m${text}\u001B[0m`;
}
