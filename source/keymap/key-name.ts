/**
 * Turns one terminal key press (as Ink reports it) into the name the binding table uses:
 * `j`, `G`, `enter`, `esc`, `up`, `pgdn`, `ctrl-c`, `/`, ...
 */

/** The subset of Ink's `Key` the keymap reads; kept here so keymap stays free of Ink. */
export type KeyPress = {
	upArrow?: boolean;
	downArrow?: boolean;
	leftArrow?: boolean;
	rightArrow?: boolean;
	pageUp?: boolean;
	pageDown?: boolean;
	home?: boolean;
	end?: boolean;
	return?: boolean;
	escape?: boolean;
	ctrl?: boolean;
	shift?: boolean;
	tab?: boolean;
	backspace?: boolean;
	delete?: boolean;
	meta?: boolean;
};

const namedKeys: Array<[keyof KeyPress, string]> = [
	['upArrow', 'up'],
	['downArrow', 'down'],
	['leftArrow', 'left'],
	['rightArrow', 'right'],
	['pageUp', 'pgup'],
	['pageDown', 'pgdn'],
	['home', 'home'],
	['end', 'end'],
	['return', 'enter'],
	['escape', 'esc'],
	['tab', 'tab'],
	['backspace', 'backspace'],
	['delete', 'backspace'],
];

/** The binding-table name of a key press, or undefined for input that is not one key. */
export function keyName(input: string, key: KeyPress): string | undefined {
	for (const [flag, name] of namedKeys) {
		if (key[flag]) return key.shift && flag === 'tab' ? 'shift-tab' : name;
	}
	if (key.ctrl && input.length === 1) return `ctrl-${input.toLowerCase()}`;
	if (input.length === 1) return input;
	return undefined;
}

/** One character of a chunk read at once (typing fast, a paste, send-keys) as the key press it is. */
export function charPress(char: string): [string, KeyPress] {
	if (char === '\r' || char === '\n') return ['', {return: true}];
	if (char === '\u007f') return ['', {backspace: true}];
	if (char === '\t') return ['', {tab: true}];
	return [char, {}];
}
