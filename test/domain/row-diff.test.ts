/**
 * A changed row is rewritten from its first changed cell to its last: a clock tick costs its digits; styles, wide
 * characters and shorter rows come out exactly as a whole repaint would draw them (checked cell by cell, text and
 * SGR state, on a small terminal that models both).
 */
import {describe, expect, it} from 'vitest';
import {rowChange, wholeRow} from '../../source/domain/row-diff.js';
import {virtualTerminal} from '../support/virtual-terminal.js';

const columns = 40;

/** The terminal after `previous` was painted whole on row 1 and then changed into `next`; and one painted `next` whole. */
function paintBoth(previous: string, next: string) {
	const changed = virtualTerminal(columns, 3);
	changed.write(wholeRow(1, previous));
	const bytes = rowChange(1, previous, next);
	changed.write(bytes);
	const fresh = virtualTerminal(columns, 3);
	fresh.write(wholeRow(1, next));
	return {bytes, changed: changed.styledLines(), fresh: fresh.styledLines(), text: changed.lines()[1]};
}

describe('rowChange', () => {
	it('writes only the digits of a clock tick', () => {
		const {bytes, changed, fresh, text} = paintBoth('gitops-tui  fetched 9s ago', 'gitops-tui  fetched 10s ago');
		expect(text).toBe('gitops-tui  fetched 10s ago');
		expect(changed).toEqual(fresh);
		// From the first changed cell (column 21) to the end: "10s ago", no erase of the row.
		expect(bytes).toBe('\u001B[2;21H10s ago');
		expect(paintBoth('fetched 20s ago', 'fetched 21s ago').bytes).toBe('\u001B[2;10H1');
	});

	it('replays the style in force where the rewrite starts, and resets it after', () => {
		const before = 'a \u001B[1m\u001B[31mbold red 1\u001B[39m\u001B[22m z';
		const after = 'a \u001B[1m\u001B[31mbold red 2\u001B[39m\u001B[22m z';
		const {bytes, changed, fresh} = paintBoth(before, after);
		expect(changed).toEqual(fresh);
		expect(bytes).toBe('\u001B[2;12H\u001B[1m\u001B[31m2\u001B[m');
		expect(changed[1]![11]).toBe('2|bold=1,fg=31');
	});

	it('writes a cell whose text is the same but whose style changed', () => {
		const {bytes, changed, fresh} = paintBoth('  one  two', '\u001B[7m  one\u001B[27m  two');
		expect(changed).toEqual(fresh);
		expect(bytes).toContain('\u001B[7m');
		expect(changed[1]![2]).toBe('o|inverse=1');
		expect(changed[1]![7]).toBe('t|');
	});

	it('erases what a shorter row no longer has', () => {
		const {bytes, changed, fresh, text} = paintBoth('status: reconciling all', 'status: ok');
		expect(text).toBe('status: ok');
		expect(changed).toEqual(fresh);
		expect(bytes).toBe('\u001B[2;9Hok\u001B[K');
		// Only shorter: a move and an erase.
		expect(paintBoth('abc def', 'abc').bytes).toBe('\u001B[2;4H\u001B[K');
	});

	it('never writes half of a wide character', () => {
		for (const [before, after] of [
			['ab漢字cd', 'abx字cd'],
			['ab漢字cd', 'a漢漢字cd'],
			['漢字', 'x漢字'],
			['x漢字y', 'xx字y'],
			['ab漢', 'abcd'],
		] as const) {
			const {changed, fresh} = paintBoth(before, after);
			expect(changed, `${before} → ${after}`).toEqual(fresh);
		}
	});

	it('rewrites the whole row where terminals may disagree on widths, or for escapes other than SGR', () => {
		expect(rowChange(0, 'ok ✓ 1', 'ok 👍 2')).toBe(wholeRow(0, 'ok 👍 2'));
		expect(rowChange(0, 'e\u0301 1', 'e\u0301 2')).toBe(wholeRow(0, 'e\u0301 2'));
		const link = '\u001B]8;;https://example.com\u0007x\u001B]8;;\u0007 2';
		expect(rowChange(0, 'x 1', link)).toBe(wholeRow(0, link));
	});

	it('writes nothing for rows that differ only in how they say the same thing', () => {
		expect(rowChange(0, 'abc', 'abc\u001B[m')).toBe('');
	});

	it('keeps random changes right: styled, wide and narrow, longer and shorter (seeded)', () => {
		let seed = 11;
		const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
		const pieces = ['a', 'b', ' ', '漢', '字', '›', '─', '\u001B[1m', '\u001B[22m', '\u001B[7m', '\u001B[27m', '\u001B[32m', '\u001B[39m', '\u001B[m', '\u001B[38;5;208m'];
		const line = () => {
			let text = '';
			let width = 0;
			for (let n = Math.floor(random() * 20); n > 0; n--) {
				const piece = pieces[Math.floor(random() * pieces.length)]!;
				const cells = piece.startsWith('\u001B') ? 0 : /[漢字]/.test(piece) ? 2 : 1;
				if (width + cells > 24) break;
				width += cells;
				text += piece;
			}
			return text;
		};
		let wholeBytes = 0;
		let changedBytes = 0;
		for (let step = 0; step < 2000; step++) {
			const before = line();
			// Half the time a small edit of the same row (as most changes are), else any other row.
			const after = random() < 0.5 ? before.replace(/[ab]/, 'x') : line();
			if (after === before) continue;
			const {bytes, changed, fresh} = paintBoth(before, after);
			expect(changed, `${JSON.stringify(before)} → ${JSON.stringify(after)}`).toEqual(fresh);
			wholeBytes += wholeRow(1, after).length;
			changedBytes += bytes.length;
		}
		// Never more than a whole rewrite, and much less overall.
		expect(changedBytes).toBeLessThan(wholeBytes);
	});
});
