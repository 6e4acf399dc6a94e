/**
 * List virtualisation: only the rows that fit are rendered, so thousands of rows cost the same
 * as a screenful. The window follows the cursor, keeping it visible.
 */
export type ListWindow = {start: number; end: number};

export function visibleWindow(options: {count: number; cursor: number; height: number}): ListWindow {
	const {count, height} = options;
	if (count <= height) return {start: 0, end: count};
	const cursor = Math.min(Math.max(0, options.cursor), count - 1);
	// Keep the cursor in the middle third once the list scrolls, like k9s.
	const start = Math.min(Math.max(0, cursor - Math.floor(height / 2)), count - height);
	return {start, end: start + height};
}
