/**
 * A small terminal for tests of what we write: a grid of cells that understands the sequences our painter and
 * the terminal session use (cursor position, erase line, clear screen, SGR and private modes ignored), and writes
 * text with autowrap like xterm. Enough to check that bytes turn one screen into another; not a general emulator.
 */
export type VirtualTerminal = {write(bytes: string): void; lines(): string[]; readonly scrolled: number};

export function virtualTerminal(columns: number, rows: number): VirtualTerminal {
	const grid = Array.from({length: rows}, () => Array<string>(columns).fill(' '));
	let row = 0;
	let column = 0;
	let pendingWrap = false;
	let scrolled = 0;
	const blankRow = () => Array<string>(columns).fill(' ');
	const put = (character: string) => {
		if (pendingWrap) {
			column = 0;
			row++;
			pendingWrap = false;
			if (row === rows) {
				grid.shift();
				grid.push(blankRow());
				row = rows - 1;
				scrolled++;
			}
		}
		grid[row]![column] = character;
		if (column === columns - 1) pendingWrap = true;
		else column++;
	};
	return {
		get scrolled() {
			return scrolled;
		},
		write(bytes) {
			let index = 0;
			while (index < bytes.length) {
				const csi = /^\u001B\[([0-?]*)([ -/]*)([@-~])/.exec(bytes.slice(index));
				if (csi) {
					index += csi[0].length;
					const [, parameters = '', , final] = csi;
					const numbers = parameters.split(';').map(n => Number(n) || 0);
					if (final === 'H') {
						row = Math.min(rows, Math.max(1, numbers[0] || 1)) - 1;
						column = Math.min(columns, Math.max(1, numbers[1] || 1)) - 1;
						pendingWrap = false;
					} else if (final === 'K') {
						const from = parameters === '2' ? 0 : parameters === '1' ? -1 : column;
						for (let c = Math.max(0, from); c < columns; c++) if (parameters !== '1' || c <= column) grid[row]![c] = ' ';
					} else if (final === 'J' && parameters === '2') {
						for (let r = 0; r < rows; r++) grid[r] = blankRow();
					} else if (final !== 'm' && final !== 'h' && final !== 'l') {
						throw new Error(`unexpected sequence ${JSON.stringify(csi[0])}`);
					}
					continue;
				}
				const character = String.fromCodePoint(bytes.codePointAt(index)!);
				index += character.length;
				if (character === '\n') {
					throw new Error('a newline was written: the screen may scroll');
				}
				put(character);
			}
		},
		lines: () => grid.map(cells => cells.join('').trimEnd()),
	};
}
