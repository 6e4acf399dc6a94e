/**
 * Expected failures at the cluster edge, as values. Every request, list, watch and write returns
 * one of these instead of throwing, so one broken context or object never takes the screen down.
 */

/** What went wrong, in the words an operator uses; `status` is the HTTP code when the server answered. */
export type ClusterFailureKind =
	| 'read-only' // refused in-process before sending: the session is read-only
	| 'unauthorized' // 401: credentials missing, expired or rejected
	| 'forbidden' // 403: authenticated, but RBAC says no
	| 'not-found' // 404
	| 'conflict' // 409: field-manager conflict (with fields) or a stale resourceVersion / already exists
	| 'gone' // 410: resourceVersion too old, relist needed
	| 'invalid' // 422 (or 400): the object or request was rejected, with causes
	| 'throttled' // 429: with retry-after
	| 'server' // 5xx or an answer we could not read
	| 'unreachable' // connection refused, DNS, TLS, reset before an answer
	| 'timeout' // no answer within the request timeout
	| 'credentials' // the exec plugin or token file failed
	| 'kubeconfig'; // the kubeconfig is missing, unreadable or inconsistent

/** One cause from a Status' details.causes (a field that was invalid, or a conflicting field). */
export type FailureCause = {field?: string; reason?: string; message: string};

/** A field another manager owns, from a server-side apply conflict. */
export type FieldConflict = {field: string; manager: string};

/** A failure, with what the server said when it said anything. */
export type ClusterFailure = {
	kind: ClusterFailureKind;
	message: string;
	status?: number;
	/** The Status reason (`Forbidden`, `Conflict`, `AlreadyExists`, `Expired`, ...). */
	reason?: string;
	causes?: FailureCause[];
	/** For server-side apply conflicts: who owns which field. */
	conflicts?: FieldConflict[];
	/** For throttling (and 503s that carry it): seconds the server asked us to wait. */
	retryAfterSeconds?: number;
	/** The file at fault, for kubeconfig and credential failures. */
	file?: string;
};

/** The result of anything at the edge that can fail in an expected way. */
export type ClusterResult<T> = {ok: true; value: T} | {ok: false; error: ClusterFailure};

/** Builds a failure result. */
export function failed<T = never>(kind: ClusterFailureKind, message: string, extra: Partial<ClusterFailure> = {}): ClusterResult<T> {
	return {ok: false, error: {kind, message, ...extra}};
}

/** Builds a success result. */
export function succeeded<T>(value: T): ClusterResult<T> {
	return {ok: true, value};
}

/**
 * An expected failure carried through code that can only throw (client-node's generated APIs call our
 * transport and expect an exception); caught and turned back into a value at our boundary.
 */
export class ClusterFailureError extends Error {
	readonly failure: ClusterFailure;
	constructor(failure: ClusterFailure) {
		super(failure.message);
		this.name = 'ClusterFailureError';
		this.failure = failure;
	}
}
