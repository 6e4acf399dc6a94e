/**
 * An escape and the key pressed right after it, read together.
 *
 * A terminal sends alt+q as ESC q, the same bytes as esc then q. Programs tell the two apart by time: tcell (under
 * k9s) waits 50 ms after a lone ESC before calling it Escape, and reads ESC followed by a key in the same read as
 * alt+key (a second ESC marks the next key alt) — gdamore/tcell `input.go`, `inpStateEsc` and `escTimeout`. Ink
 * reads the same way: ESC q in one read is meta+q, ESC ESC one (meta) escape. Over a slow SSH link, or from
 * `tmux send-keys`, an esc and the next key often arrive in one read, so the esc that should close a dialog is lost
 * and the key lands on the dialog, and two escs close one level only.
 *
 * We bind no alt keys (the key table has none: see `bindings.ts`), so nothing is lost by reading every such pair as
 * what a person at our screens means: escape, then the key.
 */
import {charPress, type KeyPress} from './key-name.js';

const escape = '\u001B';

/**
 * Whether one read from the terminal is an escape followed by another key (ESC q, ESC ESC, ESC ESC [A), rather than
 * one key's own escape sequence (CSI `ESC [`, SS3 `ESC O`: arrows, page keys, function keys).
 */
export function isEscapeThenKey(sequence: string): boolean {
	return sequence.length >= 2 && sequence[0] === escape && sequence[1] !== '[' && sequence[1] !== 'O';
}

/** The key Ink parsed from such a read, split back into the escape and the key itself (without Ink's meta). */
export function escapeThenKey(input: string, key: KeyPress): Array<[string, KeyPress]> {
	const {meta: _meta, ...plain} = key;
	// ESC tab comes as a bare tab character (Ink strips the ESC and sets no flag): named as the key it is.
	const [char, press] = charPress(input);
	return [['', {escape: true}], char === input ? [input, plain] : [char, {...plain, ...press}]];
}
