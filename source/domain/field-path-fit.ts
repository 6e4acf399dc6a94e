/**
 * A field path shortened to a width the way a person reads it: from the left, whole steps at a time, so the leaf
 * (what changed) stays and every step shown is whole — `~.containers[name="web"].image`, never `.spec.te~s[...]`.
 * Steps are the apiserver's notation (field-path-notation.ts): `.name` or a bracket `[...]`, whose quoted values may
 * hold dots and brackets of their own.
 */

/** The path's steps as written: `.spec`, `.containers`, `[name="web"]`, `.image` (the text, not parsed further). */
export function fieldPathSteps(path: string): string[] {
	const steps: string[] = [];
	let start = 0;
	let depth = 0;
	let quoted = false;
	for (let index = 0; index < path.length; index++) {
		const char = path[index];
		if (quoted) {
			if (char === '\\') index++;
			else if (char === '"') quoted = false;
			continue;
		}
		if (char === '"' && depth > 0) quoted = true;
		else if ((char === '.' || char === '[') && depth === 0 && index > start) {
			steps.push(path.slice(start, index));
			start = index;
		}
		if (char === '[' && !quoted) depth++;
		else if (char === ']' && depth > 0) depth--;
	}
	if (start < path.length) steps.push(path.slice(start));
	return steps;
}

/**
 * The path when it fits `width`, else `~` and as many whole trailing steps as fit; a leaf step longer than the
 * width on its own keeps its end (`~` and the last characters).
 */
export function fitFieldPath(path: string, width: number, marker = '~'): string {
	if (path.length <= width) return path;
	const room = width - marker.length;
	if (room <= 0) return path.slice(path.length - Math.max(0, width));
	const steps = fieldPathSteps(path);
	let tail = '';
	for (let index = steps.length - 1; index >= 0; index--) {
		const next = steps[index]! + tail;
		if (next.length > room) break;
		tail = next;
	}
	return `${marker}${tail || path.slice(path.length - room)}`;
}
