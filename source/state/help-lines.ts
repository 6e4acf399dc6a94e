/**
 * The `?` help as lines: every key of the current screen (from the key table), every `:` command and the glyph
 * legend, descriptions wrapped under their key rather than cut, so at 80×24 nothing is hidden; it scrolls when it
 * is taller than the screen. Pure, so the screen and the scroll limit read the same lines.
 */
import {helpRows} from '../keymap/help.js';
import {actionCommandHelp, commandLineHelp} from './command-line.js';
import {actionsHidden, keyScope} from './key-scope.js';
import type {TuiState} from './tui-state.js';
import {wrapText} from './wrap.js';

/** The glyphs the legend explains; the theme draws them (Unicode or ASCII). */
export type LegendGlyph = 'synced' | 'drifted' | 'missing' | 'extra' | 'unknown' | 'healthy' | 'progressing' | 'degraded' | 'suspended' | 'down';

/** A key and what it does (`more`: its description's next line), a section title, or a `:` command or legend line. */
export type HelpLine = {kind: 'title' | 'entry' | 'more' | 'plain'; keys: string; text: string};

/** What each mark means, in the theme's glyphs; short lines, so they never wrap. */
export function glyphLegend(glyph: (token: LegendGlyph) => string): string[] {
	return [
		`${glyph('synced')} synced  ${glyph('drifted')} drifted  ${glyph('missing')} missing  ${glyph('extra')} extra`,
		`${glyph('unknown')} unknown, or stale (its context stopped answering)`,
		`${glyph('healthy')} healthy  ${glyph('progressing')} progressing  ${glyph('degraded')} degraded  ${glyph('suspended')} suspended`,
		`CTRL ${glyph('unknown')}: the controller's source fails`,
		`REVISION sha ${glyph('down')}N: N commits behind HEAD`,
		`TITLE${glyph('down')}: the list is sorted by it (s)`,
	];
}

/** The widest key column: wide enough for `ctrl-d / pgdn / ctrl-f`, so no key is ever cut. */
const maxKeyWidth = 24;

/** The help's lines for a width; `glyph` draws the legend (the reducer counts lines with any glyph of one cell). */
export function helpLines(state: TuiState, options: {columns: number; glyph?: (token: LegendGlyph) => string}): HelpLine[] {
	const hidden = actionsHidden(state);
	const rows = helpRows({scope: keyScope({...state, help: false}), readOnly: hidden});
	const keyWidth = Math.min(Math.max(...rows.map(row => row.keys.length), 8) + 2, maxKeyWidth);
	const textWidth = Math.max(10, options.columns - keyWidth);
	const entry = (keys: string, text: string): HelpLine[] =>
		wrapText(text, textWidth).map((line, index) => ({kind: index === 0 ? 'entry' : 'more', keys: index === 0 ? keys : '', text: line}));
	const commands = hidden ? commandLineHelp : [...commandLineHelp, ...actionCommandHelp];
	const glyph = options.glyph ?? (() => '?');
	const plain = (text: string): HelpLine[] => wrapText(text, Math.max(10, options.columns - 2)).map(line => ({kind: 'plain', keys: '', text: `  ${line}`}));
	return [
		...rows.flatMap(row => entry(row.keys, row.description)),
		{kind: 'title', keys: '', text: ': commands (type : first)'},
		...commands.flatMap(plain),
		{kind: 'title', keys: '', text: 'Glyphs'},
		...glyphLegend(glyph).flatMap(plain),
	];
}

/** The key column's width for these lines. */
export function helpKeyWidth(lines: HelpLine[]): number {
	return Math.min(Math.max(...lines.map(line => line.keys.length), 8) + 2, maxKeyWidth);
}

/** Help lines shown at once: the body less its title. */
export function helpVisibleRows(height: number): number {
	return Math.max(1, height - 1);
}
