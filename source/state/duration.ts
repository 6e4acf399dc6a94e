/** Pause durations as operators type them: `2h`, `30m`, `1d`, `1h30m`, optionally after `for`. */

const units: Record<string, number> = {s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000};

/** Milliseconds of a duration like `2h` or `1h30m`; undefined when it is not one (or is zero). */
export function parseDuration(text: string): number | undefined {
	const trimmed = text.trim().replace(/^for\s+/, '');
	if (!/^(\d+[smhd])+$/.test(trimmed)) return undefined;
	let total = 0;
	for (const match of trimmed.matchAll(/(\d+)([smhd])/g)) total += Number(match[1]) * units[match[2]!]!;
	return total > 0 ? total : undefined;
}

/** The end of a pause that lasts `ms` from `now`, as RFC 3339 (what the pause annotation stores). */
export function pauseEnd(now: Date, ms: number): string {
	return new Date(now.getTime() + ms).toISOString();
}

/** Splits `:pause` arguments into the reason and an optional trailing `for DURATION`. */
export function splitPauseArguments(text: string): {reason: string; forMs?: number} {
	const match = /^(.*?)\s+for\s+(\S+)$/.exec(text.trim());
	const ms = match ? parseDuration(match[2]!) : undefined;
	return match && ms ? {reason: match[1]!.trim(), forMs: ms} : {reason: text.trim()};
}
