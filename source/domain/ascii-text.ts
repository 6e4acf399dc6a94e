/**
 * Text for a terminal that shows ASCII only: the ASCII theme, a locale without UTF-8, TERM=dumb. Such a terminal
 * turns `…`, `—`, `’` or a box-drawing glyph into mojibake (several wrong characters) or nothing, so none may reach it.
 *
 * Two forms, because a replacement can be wider than what it replaces (`…` is one cell, `...` three):
 * - `asciiText` reads best (`...`, `->`) and is applied BEFORE text is measured and cut (ui/text-fit.ts), so widths
 *   count the replacement and nothing is cut because of it;
 * - `asciiCells` keeps every cell where it was (`…` becomes `.`, a wide character `??`): the last guard on a frame
 *   already laid out (commands/frame-screen.ts), where a wider replacement would push the row past its edge.
 * Escape sequences are ASCII and pass through both unchanged.
 */

/** Glyph → [readable replacement, one-cell replacement]. */
const glyphs: Record<string, [string, string]> = {
	'…': ['...', '.'],
	'—': ['-', '-'],
	'–': ['-', '-'],
	'‐': ['-', '-'],
	'−': ['-', '-'],
	'’': ["'", "'"],
	'‘': ["'", "'"],
	'“': ['"', '"'],
	'”': ['"', '"'],
	'«': ['<<', '<'],
	'»': ['>>', '>'],
	'‹': ['<', '<'],
	'›': ['>', '>'],
	'•': ['*', '*'],
	'·': ['.', '.'],
	'●': ['*', '*'],
	'◐': ['~', '~'],
	'×': ['x', 'x'],
	'≠': ['~', '~'],
	'✓': ['ok', 'v'],
	'✗': ['x', 'x'],
	'‖': ['||', '|'],
	'→': ['->', '>'],
	'←': ['<-', '<'],
	'↑': ['^', '^'],
	'↓': ['v', 'v'],
	'\u00a0': [' ', ' '],
};

/** Box drawing (U+2500–U+257F) by shape: lines, the bottom-left corner the tree uses, every other joint `+`. */
function boxGlyph(code: number, character: string): string | undefined {
	if (code < 0x2500 || code > 0x257f) return undefined;
	if ('─━┄┅┈┉╌╍═╴╶╸╺'.includes(character)) return '-';
	// A left tee continues the vertical line (the tree's `├─` reads `|-`, as the ASCII theme draws it).
	if ('│┃┆┇┊┋╎╏║╵╷╹╻├┝┞┟┠┡┢┣╞╟╠'.includes(character)) return '|';
	if ('└┗╰╚╘╙'.includes(character)) return '`';
	return '+';
}

/** Cells a code point takes: 0 for combining marks and zero-width characters, 2 for East Asian wide, else 1. */
export function cellWidth(code: number): number {
	if ((code >= 0x0300 && code <= 0x036f) || (code >= 0x200b && code <= 0x200f) || code === 0xfe0f || (code >= 0x20d0 && code <= 0x20ff)) return 0;
	if (
		(code >= 0x1100 && code <= 0x115f) ||
		(code >= 0x2e80 && code <= 0xa4cf) ||
		(code >= 0xac00 && code <= 0xd7a3) ||
		(code >= 0xf900 && code <= 0xfaff) ||
		(code >= 0xfe30 && code <= 0xfe4f) ||
		(code >= 0xff00 && code <= 0xff60) ||
		(code >= 0xffe0 && code <= 0xffe6) ||
		(code >= 0x1f300 && code <= 0x1f64f) ||
		(code >= 0x1f900 && code <= 0x1f9ff) ||
		(code >= 0x20000 && code <= 0x3fffd)
	) {
		return 2;
	}
	return 1;
}

const nonAscii = /[^\u0000-\u007f]/u;
const nonAsciiAll = /[^\u0000-\u007f]/gu;

function replace(text: string, pick: 0 | 1): string {
	if (!nonAscii.test(text)) return text;
	return text.replace(nonAsciiAll, character => {
		const known = glyphs[character];
		if (known) return known[pick];
		const code = character.codePointAt(0)!;
		return boxGlyph(code, character) ?? '?'.repeat(cellWidth(code));
	});
}

/** The text in ASCII, readable: `…` → `...`, `—` → `-`, `’` → `'`, box glyphs → `-|+`, anything else `?` per cell. */
export function asciiText(text: string): string {
	return replace(text, 0);
}

/** The text in ASCII, each replacement exactly as many cells as what it replaces (`…` → `.`). */
export function asciiCells(text: string): string {
	return replace(text, 1);
}

/**
 * Whether output goes to an ASCII-only terminal, the one rule for the TUI and the `status`/`diff` text: when asked
 * (`--ascii`, the ascii theme), on TERM=dumb, or when the locale (LC_ALL, else LC_CTYPE, else LANG) is not UTF-8.
 */
export function asciiTerminal(input: {env: Record<string, string | undefined>; asked?: boolean}): boolean {
	const locale = input.env['LC_ALL'] || input.env['LC_CTYPE'] || input.env['LANG'] || '';
	return Boolean(input.asked) || input.env['TERM'] === 'dumb' || !/utf-?8/i.test(locale);
}

/** Every string in a plain-data value through `asciiText` (the value itself when it is all ASCII already). */
export function asciiSafe<T>(value: T): T {
	if (typeof value === 'string') return asciiText(value) as T;
	if (value === null || typeof value !== 'object') return value;
	if (!nonAscii.test(JSON.stringify(value))) return value;
	if (Array.isArray(value)) return value.map(item => asciiSafe(item)) as T;
	return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, asciiSafe(item)])) as T;
}
