/**
 * Journal entries are written by people and scripts (reasons, app names): before any of it reaches a terminal,
 * control characters become visible escapes, so a crafted reason cannot move the cursor or retitle the window.
 * (Local until the shared terminal-text function of the domain lands; then this defers to it.)
 */
export function visibleText(text: string): string {
	// C0 controls, DEL, C1 controls (ESC, CSI, OSC...), line/paragraph separators and bidi overrides.
	return text.replaceAll(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028-\u202e\u2066-\u2069]/g, char => {
		const code = char.codePointAt(0)!;
		if (char === '\n') return '\\n';
		if (char === '\t') return '\\t';
		if (char === '\r') return '\\r';
		return code > 0xff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\x${code.toString(16).padStart(2, '0')}`;
	});
}
