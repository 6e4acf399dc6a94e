/** Word wrapping for text shown in full: words move to the next line, a word longer than a line is cut across lines. */
export function wrapText(text: string, width: number): string[] {
	const size = Math.max(1, width);
	const lines: string[] = [];
	for (const paragraph of text.split('\n')) {
		let line = '';
		for (const word of paragraph.split(/ +/)) {
			let rest = word;
			while (Array.from(rest).length > size) {
				if (line) lines.push(line);
				line = '';
				const chars = Array.from(rest);
				lines.push(chars.slice(0, size).join(''));
				rest = chars.slice(size).join('');
			}
			if (!line) line = rest;
			else if (Array.from(line).length + 1 + Array.from(rest).length <= size) line += ` ${rest}`;
			else {
				lines.push(line);
				line = rest;
			}
		}
		lines.push(line);
	}
	return lines;
}
