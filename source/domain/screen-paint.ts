/**
 * Turning one full-screen frame into the next with as few bytes as the terminal needs: only the rows that changed
 * are rewritten, and of those only the cells that changed (row-diff.ts), each reached by an absolute cursor move. Absolute moves (not "up N lines" relative to where the
 * last frame ended, as Ink's writer does) stay right whatever happened to the cursor, and no newline is ever
 * written, so the screen never scrolls, even when a frame fills the last row.
 *
 * Frames are lines of text with SGR styling (what Ink renders). Pure: the caller writes the bytes.
 */
import {cellWidth} from './ascii-text.js';
import {rowChange, wholeRow} from './row-diff.js';

const esc = '\u001B[';
/** Synchronized output (DEC mode 2026): a terminal that knows it shows the paint at once; others ignore it. */
export const beginPaint = `${esc}?2026h`;
export const endPaint = `${esc}?2026l`;
const clearScreen = `${esc}H${esc}2J`;
const resetStyle = `${esc}m`;

/** An escape sequence at the start of the text: CSI (`ESC [ … final`), or OSC (`ESC ] … BEL|ESC \`). */
const escapeSequence = /^\u001B(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)|[@-_])/;

/** The line cut to `columns` cells (escape sequences take none); the style is reset after a cut. */
export function clipToColumns(line: string, columns: number): string {
	let cells = 0;
	let index = 0;
	while (index < line.length) {
		if (line.charCodeAt(index) === 0x1b) {
			const sequence = escapeSequence.exec(line.slice(index));
			index += sequence ? sequence[0].length : 1;
			continue;
		}
		const code = line.codePointAt(index)!;
		const width = cellWidth(code);
		if (cells + width > columns) return line.slice(0, index) + (line.includes('\u001B') ? resetStyle : '');
		cells += width;
		index += code > 0xffff ? 2 : 1;
	}
	return line;
}

/** A frame as the rows it puts on a `columns`×`rows` screen: one string per row, none past the edges. */
export function frameRows(frame: string, size: {columns: number; rows: number}): string[] {
	return frame
		.split('\n')
		.slice(0, Math.max(0, size.rows))
		.map(line => clipToColumns(line, size.columns));
}

/**
 * The bytes that turn a screen showing `previous` into `next` (both from frameRows); '' when nothing changed.
 * Without a previous frame (the first paint, or after a resize) the screen is cleared and drawn whole.
 */
export function paintRows(previous: readonly string[] | undefined, next: readonly string[]): string {
	let body = '';
	if (!previous) {
		body = clearScreen;
		next.forEach((line, index) => {
			if (line !== '') body += wholeRow(index, line, false);
		});
	} else {
		const count = Math.max(previous.length, next.length);
		for (let index = 0; index < count; index++) {
			const line = next[index] ?? '';
			if (line !== (previous[index] ?? '')) body += rowChange(index, previous[index] ?? '', line);
		}
	}
	return body === '' ? '' : beginPaint + body + endPaint;
}
