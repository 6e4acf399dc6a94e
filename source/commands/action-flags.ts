/**
 * The action commands' flag values: durations (`--timeout 2m`, `--until 2h`), pause ends (`--until` as a duration
 * from now or an RFC 3339 time), and `--automated` JSON.
 */

const units: Record<string, number> = {ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000};

/** `90s`, `5m`, `1h30m`, `500ms`, `0` → milliseconds. */
export function parseDuration(text: string): number | undefined {
	const trimmed = text.trim();
	if (trimmed === '0') return 0;
	if (!/^(\d+(\.\d+)?(ms|s|m|h|d))+$/.test(trimmed)) return undefined;
	let total = 0;
	for (const match of trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)) total += Number(match[1]) * units[match[2]!]!;
	return Math.round(total);
}

/** `--timeout D` in milliseconds, `fallback` when absent. */
export function timeoutFlag(value: unknown, fallback: number): {ok: true; ms: number} | {ok: false; message: string} {
	if (value === undefined || value === '') return {ok: true, ms: fallback};
	const ms = parseDuration(String(value));
	return ms === undefined ? {ok: false, message: `--timeout ${JSON.stringify(String(value))}: expected a duration such as 90s, 5m or 1h (0: do not wait)`} : {ok: true, ms};
}

/** `--until 2h` (from now) or `--until 2026-12-24T18:00:00Z`, as an RFC 3339 time in the future. */
export function untilFlag(value: unknown, now: Date): {ok: true; until?: string} | {ok: false; message: string} {
	if (value === undefined || value === '') return {ok: true};
	const text = String(value).trim();
	const ms = parseDuration(text);
	const time = ms !== undefined ? new Date(now.getTime() + ms) : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text) ? new Date(text) : undefined;
	if (!time || Number.isNaN(time.getTime())) return {ok: false, message: `--until ${JSON.stringify(text)}: expected a duration (2h, 30m) or an RFC 3339 time (2026-12-24T18:00:00Z)`};
	if (time.getTime() <= now.getTime()) return {ok: false, message: `--until ${text} is not in the future`};
	return {ok: true, until: time.toISOString()};
}

/** `--automated '{"prune":true,"selfHeal":true}'`. */
export function automatedFlag(value: unknown): {ok: true; automated?: Record<string, unknown>} | {ok: false; message: string} {
	if (value === undefined || value === '') return {ok: true};
	try {
		const parsed = JSON.parse(String(value)) as unknown;
		if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return {ok: true, automated: parsed as Record<string, unknown>};
	} catch {
		// Reported below.
	}
	return {ok: false, message: `--automated must be a JSON object, e.g. '{"prune":true,"selfHeal":true}'`};
}
