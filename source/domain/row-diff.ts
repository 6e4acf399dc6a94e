/**
 * One changed row of the screen rewritten as little as the terminal needs: only the cells from the first that
 * differs to the last, reached by an absolute move. A clock tick ("fetched 20s ago" → "21s ago") costs its two
 * digits, not the whole 80-cell header row.
 *
 * A row is text with SGR styling. Each glyph (one character) is compared by its column, its text and the SGR state
 * in force before it, so a cell that looks the same but is styled differently
 * is written. The SGR state is the run of SGR sequences since the last reset, replayed whole after a reset where
 * the rewrite starts: whatever the terminal's state was, the cells come out as a full repaint would draw them. (Two
 * runs written differently that end in the same state count as different: that costs bytes, never correctness.) Wide
 * characters are glyphs of two columns; a rewrite starts and ends on glyph edges of both rows, so no half of a wide
 * character is ever overwritten alone. Rows with escape sequences other than SGR, and rows with characters whose
 * width terminals disagree on (zero-width marks and joiners, emoji), are rewritten whole: a rewrite that runs to
 * the end of the row after an erase is right whatever widths the terminal gives.
 *
 * Pure: the caller writes the bytes.
 */
import {cellWidth} from './ascii-text.js';

const esc = '\u001B[';
const resetStyle = `${esc}m`;
const eraseLine = `${esc}2K`;
const eraseToEnd = `${esc}K`;

type Glyph = {column: number; text: string; style: string; start: number; end: number};

const sgr = /^\u001B\[([0-9;:]*)m/;
const otherEscape = /\u001B(?!\[[0-9;:]*m)/;

/** The row's glyphs, or undefined when it holds an escape sequence other than SGR. */
function glyphsOf(line: string): {glyphs: Glyph[]; width: number} | undefined {
	if (otherEscape.test(line)) return undefined;
	const glyphs: Glyph[] = [];
	let style = '';
	let column = 0;
	let index = 0;
	while (index < line.length) {
		if (line.charCodeAt(index) === 0x1b) {
			const sequence = sgr.exec(line.slice(index))!;
			const parameters = sequence[1]!;
			// A reset (no parameter, or 0 first) starts the state over; anything else adds to it.
			const first = parameters.split(/[;:]/)[0];
			if (first === '' || Number(first) === 0) style = parameters.replace(/^0?[;:]?/, '') === '' ? '' : sequence[0];
			else style += sequence[0];
			index += sequence[0].length;
			continue;
		}
		const code = line.codePointAt(index)!;
		const length = code > 0xffff ? 2 : 1;
		const width = cellWidth(code);
		// Where terminals disagree on widths (zero-width marks and joiners, emoji), absolute columns are not safe.
		if (width === 0 || code >= 0x1f000) return undefined;
		glyphs.push({column, text: line.slice(index, index + length), style, start: index, end: index + length});
		column += width;
		index += length;
	}
	return {glyphs, width: column};
}

const same = (a: Glyph, b: Glyph) => a.column === b.column && a.text === b.text && a.style === b.style;

/** Row `row`, column `column` (both 0-based). */
const moveTo = (row: number, column: number) => (column === 0 ? `${esc}${row + 1}H` : `${esc}${row + 1};${column + 1}H`);

/** The whole row rewritten: a move, an erase (not on a cleared screen), the text, the style reset after it. */
export function wholeRow(row: number, line: string, erase = true): string {
	// A styled line ends with its style reset, so nothing after it (the next erase) is painted in its colours.
	return moveTo(row, 0) + (erase ? eraseLine : '') + line + (line.includes('\u001B') ? resetStyle : '');
}

/** The bytes that turn row `row` showing `previous` into `next`: the changed cells only, or the whole row when shorter. */
export function rowChange(row: number, previous: string, next: string): string {
	const whole = wholeRow(row, next);
	const before = glyphsOf(previous);
	const after = glyphsOf(next);
	if (!before || !after) return whole;
	const old = before.glyphs;
	const now = after.glyphs;
	let first = 0;
	while (first < old.length && first < now.length && same(old[first]!, now[first]!)) first++;
	// A common tail: the same glyphs at the same columns (so both rows end at the same width).
	let oldLast = old.length - 1;
	let nowLast = now.length - 1;
	while (nowLast >= first && oldLast >= first && same(old[oldLast]!, now[nowLast]!)) {
		oldLast--;
		nowLast--;
	}
	const write = nowLast >= first;
	// Cells the new row no longer has (no common tail, and the old row was wider).
	const erase = nowLast === now.length - 1 && before.width > after.width;
	if (!write && !erase) return '';
	const column = now[first]?.column ?? after.width;
	let bytes = moveTo(row, column);
	if (write) {
		const style = now[first]!.style;
		const text = next.slice(now[first]!.start, now[nowLast]!.end);
		bytes += style + text + (style !== '' || text.includes('\u001B') ? resetStyle : '');
	}
	if (erase) bytes += eraseToEnd;
	return bytes.length < whole.length ? bytes : whole;
}
