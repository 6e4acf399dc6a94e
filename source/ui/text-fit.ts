/**
 * Fitting text into columns. Every glyph the theme uses is one cell wide, so counting code points
 * is exact for what we print; names from clusters are cut with the theme's ellipsis. Control characters
 * are shown visibly (terminalText) before measuring: the live layer already did, this is the last guard.
 * With the ASCII theme's ellipsis (`...`) the text is made ASCII first (`…` in a message becomes `...`),
 * so the width counts the replacement and nothing is cut for being wider than it was measured.
 */
import {asciiText} from '../domain/ascii-text.js';
import {terminalText} from '../domain/terminal-text.js';

const asciiOnly = /^[\u0000-\u007f]*$/;

export function fit(text: string, width: number, ellipsis = '…'): string {
	if (width <= 0) return '';
	text = terminalText(text);
	if (ellipsis !== '' && asciiOnly.test(ellipsis)) text = asciiText(text);
	const chars = Array.from(text);
	if (chars.length <= width) return text + ' '.repeat(width - chars.length);
	const mark = Array.from(ellipsis);
	if (width <= mark.length) return chars.slice(0, width).join('');
	return chars.slice(0, width - mark.length).join('') + ellipsis;
}

/** Like fit() but without padding: for the last column of a row. */
export function clip(text: string, width: number, ellipsis = '…'): string {
	return fit(text, width, ellipsis).trimEnd();
}

/** Splits `total` columns among flexible columns by weight, each at least its minimum. */
export function share(total: number, columns: Array<{min: number; weight: number}>): number[] {
	const base = columns.reduce((sum, c) => sum + c.min, 0);
	const spare = Math.max(0, total - base);
	const weights = columns.reduce((sum, c) => sum + c.weight, 0) || 1;
	const widths = columns.map(c => c.min + Math.floor((spare * c.weight) / weights));
	let left = total - widths.reduce((a, b) => a + b, 0);
	for (let i = 0; left > 0 && i < widths.length; i++, left--) widths[i]!++;
	return widths;
}

/** Human "3m ago" for a time, relative to now. */
export function ago(iso: string | undefined, now: Date): string {
	if (!iso) return 'never';
	const seconds = Math.max(0, Math.round((now.getTime() - new Date(iso).getTime()) / 1000));
	if (seconds < 60) return `${seconds}s ago`;
	if (seconds < 3600) return `${Math.floor(seconds / 60)}m ago`;
	if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h ago`;
	return `${Math.floor(seconds / 86_400)}d ago`;
}
