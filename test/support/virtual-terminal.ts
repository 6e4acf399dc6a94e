/**
 * A small terminal for tests of what we write: a grid of cells that understands the sequences our painter and
 * the terminal session use (cursor position, erase line, clear screen, SGR, private modes ignored), and writes
 * text with autowrap like xterm. Each cell keeps the SGR state it was written in (bold, dim, italic, underline,
 * inverse, strike, colours), and a wide character takes two cells (overwriting either half blanks the other, as
 * xterm does). Enough to check that bytes turn one screen into another; not a general emulator.
 */
import {cellWidth} from '../../source/domain/ascii-text.js';

export type VirtualTerminal = {
	write(bytes: string): void;
	lines(): string[];
	/** Every row as its cells' text and SGR state, `text|state` each ('' for the second half of a wide character). */
	styledLines(): string[][];
	readonly scrolled: number;
};

/** The SGR state after the parameters of one `ESC [ … m`. */
function applySgr(state: Record<string, string>, parameters: string): Record<string, string> {
	const next = {...state};
	const numbers = parameters === '' ? [0] : parameters.split(/[;:]/).map(Number);
	for (let i = 0; i < numbers.length; i++) {
		const n = numbers[i]!;
		const flags: Record<number, string> = {1: 'bold', 2: 'dim', 3: 'italic', 4: 'underline', 5: 'blink', 7: 'inverse', 8: 'hidden', 9: 'strike'};
		const unset: Record<number, string[]> = {21: ['bold'], 22: ['bold', 'dim'], 23: ['italic'], 24: ['underline'], 25: ['blink'], 27: ['inverse'], 28: ['hidden'], 29: ['strike']};
		if (n === 0) for (const key of Object.keys(next)) delete next[key];
		else if (flags[n]) next[flags[n]] = '1';
		else if (unset[n]) for (const key of unset[n]) delete next[key];
		else if ((n >= 30 && n <= 37) || (n >= 90 && n <= 97)) next['fg'] = String(n);
		else if ((n >= 40 && n <= 47) || (n >= 100 && n <= 107)) next['bg'] = String(n);
		else if (n === 39) delete next['fg'];
		else if (n === 49) delete next['bg'];
		else if (n === 38 || n === 48) {
			const extra = numbers[i + 1] === 5 ? 2 : 4;
			next[n === 38 ? 'fg' : 'bg'] = numbers.slice(i, i + 1 + extra).join(';');
			i += extra;
		}
	}
	return next;
}

const stateText = (state: Record<string, string>) =>
	Object.keys(state)
		.sort()
		.map(key => `${key}=${state[key]}`)
		.join(',');

export function virtualTerminal(columns: number, rows: number): VirtualTerminal {
	const grid = Array.from({length: rows}, () => Array<string>(columns).fill(' '));
	const styles = Array.from({length: rows}, () => Array<string>(columns).fill(''));
	let sgrState: Record<string, string> = {};
	let row = 0;
	let column = 0;
	let pendingWrap = false;
	let scrolled = 0;
	const blankRow = () => Array<string>(columns).fill(' ');
	const blankStyles = () => Array<string>(columns).fill('');
	/** Blanks the wide character that cell `c` of the row is half of, if it is. */
	const split = (r: number, c: number) => {
		if (grid[r]![c] === '' && c > 0) grid[r]![c - 1] = ' ';
		if (c + 1 < columns && grid[r]![c + 1] === '') grid[r]![c + 1] = ' ';
	};
	const put = (character: string) => {
		const width = cellWidth(character.codePointAt(0)!);
		if (pendingWrap) {
			column = 0;
			row++;
			pendingWrap = false;
			if (row === rows) {
				grid.shift();
				grid.push(blankRow());
				styles.shift();
				styles.push(blankStyles());
				row = rows - 1;
				scrolled++;
			}
		}
		split(row, column);
		grid[row]![column] = character;
		styles[row]![column] = stateText(sgrState);
		if (width === 2 && column + 1 < columns) {
			split(row, column + 1);
			grid[row]![column + 1] = '';
			styles[row]![column + 1] = stateText(sgrState);
			column++;
		}
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
						const bg = sgrState['bg'] ? `bg=${sgrState['bg']}` : '';
						for (let c = Math.max(0, from); c < columns; c++) {
							if (parameters === '1' && c > column) continue;
							split(row, c);
							grid[row]![c] = ' ';
							styles[row]![c] = bg;
						}
					} else if (final === 'J' && parameters === '2') {
						for (let r = 0; r < rows; r++) {
							grid[r] = blankRow();
							styles[r] = blankStyles();
						}
					} else if (final === 'm') {
						sgrState = applySgr(sgrState, parameters);
					} else if (final !== 'h' && final !== 'l') {
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
		styledLines: () => grid.map((cells, r) => cells.map((text, c) => `${text}|${styles[r]![c]}`)),
	};
}
