/**
 * Text from Git or a cluster, made safe to put on a terminal (ARCHITECTURE.md, house style 16). A commit
 * subject, an author, a file or object name, an annotation (the pause reason), a condition or event message
 * can hold raw control characters: ESC starts CSI/OSC sequences that recolour, move the cursor, retitle the
 * window or write to the clipboard; CR overwrites a line; bidi overrides reorder what is read. Here every such
 * character is shown as visible text (`\x1b`, `\r`, `\u202e`), never interpreted; printable text (and a
 * backslash already shown) is left as it is, so applying this twice changes nothing.
 *
 * The one rule, used wherever text meets the terminal: the TUI's snapshots and documents, the `status`,
 * `contexts` and `diff` text. JSON and YAML output stay exact (their encoders escape what they must).
 */

/** C0 controls, DEL, C1 controls, and the invisible characters that reorder or break lines. */
const unsafe = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const unsafeAll = /\r\n|[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export type TerminalTextOptions = {
	/** Keep line breaks (a diff, a multi-line message printed as lines). Default false: one line, `\n` shown. */
	multiline?: boolean;
};

/** The text with every control, DEL, C1 and bidi/line-separator character shown visibly; tabs become a space. */
export function terminalText(text: string, options: TerminalTextOptions = {}): string {
	if (!unsafe.test(text)) return text;
	return text.replace(unsafeAll, found => {
		if (found === '\n' || found === '\r\n') return options.multiline ? '\n' : '\\n';
		if (found === '\t') return ' ';
		return visible(found);
	});
}

function visible(character: string): string {
	const code = character.charCodeAt(0);
	if (code === 0x0d) return '\\r';
	return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * A plain-data value (a snapshot, a document) with terminalText applied to every string in it, keys included
 * (one line each). Parts without anything to change are returned as they are, so a clean value is the same
 * object and costs only a walk.
 */
export function terminalSafe<T>(value: T): T {
	// Almost every snapshot is clean: one pass over its JSON text (controls appear there escaped) says so, and is
	// several times faster than walking thousands of live objects. Anything suspicious is walked.
	if (value !== null && typeof value === 'object' && !suspicious.test(JSON.stringify(value))) return value;
	return walk(value);
}

/** In JSON text: an escaped C0 control (`\n`, `\u001b`), or a raw DEL, C1, bidi or line separator. */
const suspicious = /\\[bfnrt]|\\u00[01][0-9a-fA-F]|[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function walk<T>(value: T): T {
	if (typeof value === 'string') return terminalText(value) as T;
	if (value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) {
		let copy: unknown[] | undefined;
		value.forEach((item: unknown, index) => {
			const safe = walk(item);
			if (safe !== item) (copy ??= [...value])[index] = safe;
		});
		return (copy ?? value) as T;
	}
	let copy: Record<string, unknown> | undefined;
	for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
		const safeKey = terminalText(key);
		const safe = walk(item);
		if (safe === item && safeKey === key) continue;
		copy ??= {...(value as Record<string, unknown>)};
		if (safeKey !== key) delete copy[key];
		copy[safeKey] = safe;
	}
	return (copy ?? value) as T;
}

/**
 * JSON text that is exact and terminal-safe: JSON.stringify escapes C0 controls itself but writes DEL, C1
 * controls and bidi overrides raw; these appear only inside strings, where `\uXXXX` is the same value.
 */
export function terminalSafeJson(value: unknown, indent?: number): string {
	return JSON.stringify(value, undefined, indent).replace(/[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, found => `\\u${found.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
