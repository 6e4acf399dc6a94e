/**
 * Turns what the apiserver answered (or failed to) into a typed failure. The Status body is the
 * source of truth: reason, message and details.causes say more than the HTTP code alone.
 */
import type {ClusterFailure, ClusterFailureKind, FailureCause, FieldConflict} from './failure.js';

/** A Status object as the apiserver sends it with every error. */
type StatusBody = {
	kind?: string;
	message?: string;
	reason?: string;
	code?: number;
	details?: {causes?: Array<{reason?: string; message?: string; field?: string}>; retryAfterSeconds?: number};
};

const kindByStatus: Record<number, ClusterFailureKind> = {
	400: 'invalid',
	401: 'unauthorized',
	403: 'forbidden',
	404: 'not-found',
	409: 'conflict',
	410: 'gone',
	422: 'invalid',
	429: 'throttled',
};

/** The failure for an HTTP answer outside 2xx; `body` is the raw text (a Status when the server is an apiserver). */
export function failureFromResponse(status: number, body: string, headers: Record<string, string | string[] | undefined>): ClusterFailure {
	const parsed = parseStatus(body);
	const kind = kindByStatus[status] ?? 'server';
	const failure: ClusterFailure = {
		kind,
		status,
		message: parsed?.message || fallbackMessage(status, body),
	};
	if (parsed?.reason) failure.reason = parsed.reason;
	const causes = (parsed?.details?.causes ?? []).map(cause => {
		const result: FailureCause = {message: cause.message ?? cause.reason ?? ''};
		if (cause.field) result.field = cause.field;
		if (cause.reason) result.reason = cause.reason;
		return result;
	});
	if (causes.length > 0) failure.causes = causes;
	if (kind === 'conflict') failure.conflicts = conflictsFrom(causes);
	const retryAfter = retryAfterSeconds(headers['retry-after']) ?? parsed?.details?.retryAfterSeconds;
	if (retryAfter !== undefined && (kind === 'throttled' || status >= 500)) failure.retryAfterSeconds = retryAfter;
	return failure;
}

/** The failure for an error event inside a watch stream (`{type: 'ERROR', object: Status}`). */
export function failureFromStatusObject(object: unknown): ClusterFailure {
	const status = (object ?? {}) as StatusBody;
	const code = typeof status.code === 'number' ? status.code : 500;
	return failureFromResponse(code, JSON.stringify(status), {});
}

/** The failure for a request that got no answer: refused, reset, DNS, TLS. */
export function failureFromNetworkError(error: unknown, server: string): ClusterFailure {
	const code = (error as {code?: string} | undefined)?.code;
	const message = error instanceof Error ? error.message : String(error);
	return {kind: 'unreachable', message: `${server}: ${code && !message.includes(code) ? `${code} ` : ''}${message}`};
}

/**
 * Server-side apply conflicts: each cause is `conflict with "manager"` (newer servers add `using apps/v1`)
 * on the field in `field`.
 */
function conflictsFrom(causes: FailureCause[]): FieldConflict[] {
	const conflicts: FieldConflict[] = [];
	for (const cause of causes) {
		const manager = /conflict with "((?:[^"\\]|\\.)*)"/.exec(cause.message)?.[1];
		if (cause.field && manager !== undefined) conflicts.push({field: cause.field, manager});
	}

	return conflicts;
}

function parseStatus(body: string): StatusBody | undefined {
	try {
		const parsed = JSON.parse(body) as unknown;
		return parsed && typeof parsed === 'object' ? (parsed as StatusBody) : undefined;
	} catch {
		return undefined;
	}
}

/** Non-Status answers (a proxy's HTML page, an empty body) still need a readable message. */
function fallbackMessage(status: number, body: string): string {
	const text = body.trim().replaceAll(/\s+/g, ' ').slice(0, 200);
	return text ? `HTTP ${status}: ${text}` : `HTTP ${status}`;
}

/** Retry-After is seconds or an HTTP date; we only need seconds. */
function retryAfterSeconds(header: string | string[] | undefined): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (value === undefined) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds) && seconds >= 0) return seconds;
	return undefined;
}
