/**
 * Plain-text layout for terminal tables that must fit a width (80 columns on a bastion): columns padded to their
 * widest cell, flexible columns shrunk (and their cells cut with `~`) when the row would not fit, long messages
 * wrapped under an indent. ASCII only, so it reads the same with TERM=dumb.
 */

/** A column: its header, and whether it may shrink (names) or must stay whole (verdict words). */
export type Column = {header: string; flexible?: boolean; min?: number};

/** Lays out rows under headers within `width`; returns the lines (header first). Gaps narrow to one space before cells are cut. */
export function layoutTable(columns: readonly Column[], rows: readonly string[][], width = 80, preferredGap = 2): string[] {
	const widths = columns.map((column, index) => Math.max(column.header.length, ...rows.map(row => (row[index] ?? '').length)));
	const natural = widths.reduce((sum, value) => sum + value, 0);
	const gap = natural + preferredGap * (widths.length - 1) <= width ? preferredGap : 1;
	const total = () => widths.reduce((sum, value) => sum + value, 0) + gap * (widths.length - 1);
	// Shrink the widest flexible column one step at a time until the row fits or nothing can shrink.
	while (total() > width) {
		let widest = -1;
		columns.forEach((column, index) => {
			if (column.flexible && widths[index]! > Math.max(column.min ?? 6, column.header.length) && (widest === -1 || widths[index]! > widths[widest]!)) widest = index;
		});
		if (widest === -1) break;
		widths[widest]!--;
	}

	const line = (cells: readonly string[]) =>
		cells
			.map((cell, index) => fit(cell, widths[index]!).padEnd(index === cells.length - 1 ? 0 : widths[index]!))
			.join(' '.repeat(gap))
			.trimEnd();
	return [line(columns.map(column => column.header)), ...rows.map(row => line(row))];
}

/** Cuts text to `width`, marking the cut with `~`. */
export function fit(text: string, width: number): string {
	if (text.length <= width) return text;
	return width <= 1 ? text.slice(0, width) : `${text.slice(0, width - 1)}~`;
}

/** Cuts the middle of long text (paths keep their start and their leaf). */
export function fitMiddle(text: string, width: number): string {
	if (text.length <= width) return text;
	if (width < 5) return fit(text, width);
	const head = Math.ceil((width - 1) / 2);
	const tail = width - 1 - head;
	return `${text.slice(0, head)}~${text.slice(text.length - tail)}`;
}

/** Wraps text at spaces into lines of at most `width` (words longer than that stay whole), each indented. */
export function wrap(text: string, width: number, indent: string, firstIndent = indent): string[] {
	const words = text.replaceAll(/\s+/g, ' ').trim().split(' ');
	const lines: string[] = [];
	let current = firstIndent;
	let empty = true;
	for (const word of words) {
		const candidate = empty ? `${current}${word}` : `${current} ${word}`;
		if (!empty && candidate.length > width) {
			lines.push(current);
			current = `${indent}${word}`;
		} else {
			current = candidate;
		}

		empty = false;
	}

	lines.push(current);
	return lines;
}
