/**
 * The one theme file: colours and glyphs by meaning. Screens ask for `sync.drifted`, never for
 * "yellow", so the no-colour and ASCII variants are a property of the theme, not of each screen.
 */
import {asciiTerminal} from '../domain/ascii-text.js';

/** Text styling as Ink's <Text> takes it. */
export type Style = {color?: string; backgroundColor?: string; bold?: boolean; dimColor?: boolean; inverse?: boolean};

export type StyleToken =
	| 'sync.synced'
	| 'sync.drifted'
	| 'sync.missing'
	| 'sync.extra'
	| 'sync.unknown'
	| 'health.healthy'
	| 'health.progressing'
	| 'health.degraded'
	| 'health.suspended'
	| 'health.missing'
	| 'health.unknown'
	| 'diff.added'
	| 'diff.removed'
	| 'diff.context'
	| 'diff.hunk'
	| 'diff.ignored'
	| 'banner.outage'
	| 'badge.readOnly'
	| 'context.ready'
	| 'context.down'
	| 'selection'
	| 'muted'
	| 'title'
	| 'error'
	| 'key';

export type GlyphToken = 'synced' | 'drifted' | 'missing' | 'extra' | 'unknown' | 'healthy' | 'progressing' | 'degraded' | 'suspended' | 'branch' | 'lastBranch' | 'pipe' | 'pointer' | 'up' | 'down' | 'ellipsis';

export type Theme = {
	style(token: StyleToken): Style;
	glyph(token: GlyphToken): string;
	colour: boolean;
	ascii: boolean;
};

const colours: Record<StyleToken, Style> = {
	'sync.synced': {color: 'green'},
	'sync.drifted': {color: 'yellow', bold: true},
	'sync.missing': {color: 'red'},
	'sync.extra': {color: 'magenta'},
	'sync.unknown': {color: 'gray'},
	'health.healthy': {color: 'green'},
	'health.progressing': {color: 'cyan'},
	'health.degraded': {color: 'red', bold: true},
	'health.suspended': {color: 'blue'},
	'health.missing': {color: 'red'},
	'health.unknown': {color: 'gray'},
	'diff.added': {color: 'green'},
	'diff.removed': {color: 'red'},
	'diff.context': {},
	'diff.hunk': {color: 'cyan'},
	'diff.ignored': {color: 'gray'},
	'banner.outage': {color: 'white', backgroundColor: 'red', bold: true},
	'badge.readOnly': {color: 'black', backgroundColor: 'yellow', bold: true},
	'context.ready': {color: 'green'},
	'context.down': {color: 'red'},
	selection: {inverse: true},
	muted: {dimColor: true},
	title: {bold: true},
	error: {color: 'red'},
	key: {bold: true},
};

/** Without colour, meaning is carried by weight, inversion and glyphs alone. */
const monochrome: Record<StyleToken, Style> = {
	...Object.fromEntries(Object.keys(colours).map(k => [k, {}])),
	'sync.drifted': {bold: true},
	'sync.missing': {bold: true},
	'health.degraded': {bold: true},
	'banner.outage': {inverse: true, bold: true},
	'badge.readOnly': {inverse: true},
	selection: {inverse: true},
	title: {bold: true},
	key: {bold: true},
} as Record<StyleToken, Style>;

const unicode: Record<GlyphToken, string> = {
	synced: '✓', drifted: '≠', missing: '✗', extra: '+', unknown: '?',
	healthy: '●', progressing: '◐', degraded: '✗', suspended: '‖',
	branch: '├─', lastBranch: '└─', pipe: '│ ', pointer: '›', up: '↑', down: '↓', ellipsis: '…',
};

const ascii: Record<GlyphToken, string> = {
	synced: 'ok', drifted: '~', missing: 'x', extra: '+', unknown: '?',
	healthy: 'ok', progressing: '..', degraded: '!!', suspended: '||',
	branch: '|-', lastBranch: '`-', pipe: '| ', pointer: '>', up: '^', down: 'v', ellipsis: '...',
};

/** Builds the theme for a terminal: colour off for NO_COLOR / TERM=dumb, ASCII glyphs when asked. */
export function createTheme(options: {colour: boolean; ascii: boolean}): Theme {
	const styles = options.colour ? colours : monochrome;
	const glyphs = options.ascii ? ascii : unicode;
	return {
		style: token => styles[token],
		glyph: token => glyphs[token],
		colour: options.colour,
		ascii: options.ascii,
	};
}

/** The terminal facts that pick a theme; read from the environment by cli.tsx only. */
export type TerminalTraits = {env: Record<string, string | undefined>; asciiFlag?: boolean};

/** Colour unless NO_COLOR is set (any value) or TERM is dumb; ASCII when asked, on TERM=dumb or when the locale is not UTF-8. */
export function themeOptionsFor({env, asciiFlag}: TerminalTraits): {colour: boolean; ascii: boolean} {
	const colour = env.NO_COLOR === undefined && env.TERM !== 'dumb';
	// The same rule as the status and diff text (domain/ascii-text.ts).
	return {colour, ascii: asciiTerminal({env, asked: asciiFlag})};
}
