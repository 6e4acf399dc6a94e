import {describe, expect, it} from 'vitest';
import {beginPaint, clipToColumns, endPaint, frameRows, paintRows} from '../../source/domain/screen-paint.js';
import {virtualTerminal} from '../support/virtual-terminal.js';

const plain = (line: string) => line.replace(/\u001B\[[0-?]*[ -/]*[@-~]/g, '');
const size = {columns: 20, rows: 6};

describe('paintRows', () => {
	it('draws a first frame whole on a cleared screen, without a newline, so the last row does not scroll', () => {
		const rows = frameRows(['header', '\u001B[7m› one\u001B[27m', '  two', '', '', 'hints at the bottom!'].join('\n'), size);
		const terminal = virtualTerminal(size.columns, size.rows);
		terminal.write('leftover text\u001B[3;1Hmore');
		terminal.write(paintRows(undefined, rows));
		expect(terminal.lines()).toEqual(rows.map(plain));
		expect(terminal.scrolled).toBe(0);
	});

	it('rewrites only the rows that changed, and the screen then shows the new frame', () => {
		const before = frameRows(['header', '› one', '  two', '  three', 'status', 'hints'].join('\n'), size);
		const after = frameRows(['header', '  one', '› two', '  three', 'status', 'hints'].join('\n'), size);
		const terminal = virtualTerminal(size.columns, size.rows);
		terminal.write(paintRows(undefined, before));
		const bytes = paintRows(before, after);
		terminal.write(bytes);
		expect(terminal.lines()).toEqual(after);
		expect(bytes.startsWith(beginPaint) && bytes.endsWith(endPaint)).toBe(true);
		// Two rows, one cell each (the rest of both rows stays), inside one synchronized paint.
		expect(bytes).toBe(`${beginPaint}\u001B[2H \u001B[3H›${endPaint}`);
	});

	it('writes nothing when no row changed', () => {
		const rows = frameRows('a\nb\nc', size);
		expect(paintRows(rows, [...rows])).toBe('');
	});

	it('erases rows a shorter frame no longer has, and draws rows a taller one adds', () => {
		const terminal = virtualTerminal(size.columns, size.rows);
		const tall = frameRows('1\n2\n3\n4', size);
		const short = frameRows('1\n2', size);
		terminal.write(paintRows(undefined, tall));
		terminal.write(paintRows(tall, short));
		expect(terminal.lines()).toEqual(['1', '2', '', '', '', '']);
		terminal.write(paintRows(short, tall));
		expect(terminal.lines()).toEqual(['1', '2', '3', '4', '', '']);
	});

	it('keeps many random updates right: the screen always equals the last frame', () => {
		let seed = 7;
		const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
		const words = ['', 'ok', '\u001B[1mbold\u001B[22m', 'a longer line of text here', '› selected', '└─ child', '漢字 wide', '\u001B[7m› 漢 inverse\u001B[27m'];
		const terminal = virtualTerminal(size.columns, size.rows);
		let previous: string[] | undefined;
		for (let step = 0; step < 300; step++) {
			const count = 1 + Math.floor(random() * 8);
			const frame = Array.from({length: count}, () => words[Math.floor(random() * words.length)]!).join('\n');
			const rows = frameRows(frame, size);
			terminal.write(paintRows(previous, rows));
			previous = rows;
			expect(terminal.lines()).toEqual(Array.from({length: size.rows}, (_, index) => plain(rows[index] ?? '')));
		}
		expect(terminal.scrolled).toBe(0);
	});
});

describe('frameRows', () => {
	it('cuts rows past the bottom and text past the right edge (escapes take no cells), resetting a cut style', () => {
		const rows = frameRows(['\u001B[31m0123456789ABCDEFGHIJKLMN\u001B[39m', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].join('\n'), size);
		expect(rows).toHaveLength(6);
		expect(rows[0]).toBe('\u001B[31m0123456789ABCDEFGHIJ\u001B[m');
		expect(plain(rows[0]!)).toHaveLength(20);
	});

	it('counts a wide character as two cells', () => {
		expect(clipToColumns('漢字漢字', 5)).toBe('漢字');
		expect(clipToColumns('ab', 2)).toBe('ab');
	});
});
