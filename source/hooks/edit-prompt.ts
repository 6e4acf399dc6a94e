import type {KeyPress} from '../keymap/key-name.js';

/** Edits a one-line prompt: returns the new text, or a verdict that it was submitted or cancelled. */
export function editPrompt(text: string, input: string, key: KeyPress): string | 'submit' | 'cancel' {
	if (key.return) return 'submit';
	if (key.escape) return 'cancel';
	if (key.backspace || key.delete) return text.slice(0, -1);
	if (key.ctrl || key.meta || key.tab || key.upArrow || key.downArrow) return text;
	// Typed text only: control characters (a pasted tab or escape sequence) never enter a prompt.
	return text + input.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
}
