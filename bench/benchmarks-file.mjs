// What every benchmark script shares: medians, and replacing its own section of BENCHMARKS.md (or adding it).
import {readFile, writeFile} from 'node:fs/promises';

/** The median of numbers, rounded between the middle two of an even count. */
export function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : Math.round((sorted[middle - 1] + sorted[middle]) / 2);
}

const header = '# Benchmarks\n\nFigures from `npm run bench`, `npm run bench:tui`, `npm run bench:render` and `npm run bench:fleet`; each section says when, on what, and how many runs.\n';

/** Replaces the section starting with `marker` (up to the next `## `) by `section`, or appends it. */
export async function writeSection(marker, section) {
	let existing = '';
	try {
		existing = await readFile('BENCHMARKS.md', 'utf8');
	} catch {}
	let next;
	if (existing.includes(marker)) {
		const start = existing.indexOf(marker);
		const end = existing.indexOf('\n## ', start + marker.length);
		next = existing.slice(0, start) + section + (end === -1 ? '' : existing.slice(end + 1));
	} else {
		next = `${(existing || header).trimEnd()}\n\n${section}`;
	}
	await writeFile('BENCHMARKS.md', next);
	console.log('BENCHMARKS.md updated');
}

/**
 * Starts a tmux session through `tmux(...args)`, again when the server was still going away: the benchmarks kill
 * each run's session, the last one, and a new-session right after can reach the exiting server ("server exited
 * unexpectedly").
 */
export async function newSession(tmux, ...args) {
	for (let attempt = 1; ; attempt++) {
		try {
			return tmux(...args);
		} catch (error) {
			if (attempt >= 10 || !String(error.stderr ?? error.message).includes('server exited unexpectedly')) throw error;
			await new Promise(resolve => setTimeout(resolve, 200));
		}
	}
}
