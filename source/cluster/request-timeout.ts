/**
 * `--request-timeout` as kubectl reads it: a bare number is seconds, or a duration with a unit
 * (`500ms`, `5s`, `1m`, `1h`, combinations like `1m30s`). `0` means kubectl's "no timeout", which we
 * do not allow: a dead cluster must never stall the screen, so it falls back to the default.
 */

/** The default when the flag is absent or zero: 5 s. */
export const defaultRequestTimeoutMs = 5000;

/** Milliseconds, or an error message for a value that is not a duration. */
export function parseRequestTimeout(value: unknown): {ok: true; ms: number} | {ok: false; message: string} {
	if (value === undefined || value === null || value === '') return {ok: true, ms: defaultRequestTimeoutMs};
	if (typeof value === 'number') return value > 0 ? {ok: true, ms: value * 1000} : {ok: true, ms: defaultRequestTimeoutMs};
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return parseRequestTimeout(Number(text));
	const units: Record<string, number> = {ms: 1, s: 1000, m: 60_000, h: 3_600_000};
	let total = 0;
	let rest = text;
	while (rest !== '') {
		const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)/.exec(rest);
		if (!match) return {ok: false, message: `--request-timeout ${JSON.stringify(text)}: expected a duration like 5s, 500ms or 1m`};
		total += Number(match[1]) * units[match[2]!]!;
		rest = rest.slice(match[0].length);
	}

	return {ok: true, ms: total > 0 ? total : defaultRequestTimeoutMs};
}
