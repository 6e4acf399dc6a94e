/**
 * Kubernetes `Status` bodies for every error the sandbox answers with, shaped like a real
 * kube-apiserver's (message wording, reason, details) so clients parse them unchanged.
 */

/** A cause inside details, as 422 Invalid and 409 apply conflicts carry them. */
export type StatusCause = {reason?: string; message?: string; field?: string};

/** The details block of a Status. */
export type StatusDetails = {
	name?: string;
	group?: string;
	kind?: string;
	uid?: string;
	causes?: StatusCause[];
	retryAfterSeconds?: number;
};

/** A failure Status as sent on the wire. */
export type StatusBody = {
	kind: 'Status';
	apiVersion: 'v1';
	metadata: Record<string, never>;
	status: 'Failure';
	message: string;
	reason?: string;
	details?: StatusDetails;
	code: number;
};

/** An error the handlers return as a value; the server writes it with its code. */
export type ApiError = {status: StatusBody; headers?: Record<string, string>};

/** Identifies the resource an error is about, for messages like `deployments.apps "web"`. */
export type ErrorTarget = {group: string; resource: string; name?: string};

/** `deployments.apps` for a named group, `configmaps` for the core group. */
export function qualifiedResource(target: {group: string; resource: string}): string {
	return target.group ? `${target.resource}.${target.group}` : target.resource;
}

export function apiError(code: number, reason: string | undefined, message: string, details?: StatusDetails, headers?: Record<string, string>): ApiError {
	// Field order as the apiserver serialises a Status: code comes last.
	const status = {kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message} as StatusBody;
	if (reason) status.reason = reason;
	if (details) status.details = details;
	status.code = code;
	return headers ? {status, headers} : {status};
}

function targetDetails(target: ErrorTarget): StatusDetails {
	const details: StatusDetails = {};
	if (target.name !== undefined) details.name = target.name;
	if (target.group) details.group = target.group;
	details.kind = target.resource;
	return details;
}

export function notFound(target: ErrorTarget & {name: string}): ApiError {
	return apiError(404, 'NotFound', `${qualifiedResource(target)} "${target.name}" not found`, targetDetails(target));
}

/** The bare 404 a real server gives for a path it does not serve. */
export function pathNotFound(): ApiError {
	return apiError(404, 'NotFound', 'the server could not find the requested resource', {});
}

export function alreadyExists(target: ErrorTarget & {name: string}): ApiError {
	return apiError(409, 'AlreadyExists', `${qualifiedResource(target)} "${target.name}" already exists`, targetDetails(target));
}

/** 409 for an update against a stale resourceVersion. */
export function conflict(target: ErrorTarget & {name: string}): ApiError {
	return apiError(
		409,
		'Conflict',
		`Operation cannot be fulfilled on ${qualifiedResource(target)} "${target.name}": the object has been modified; please apply your changes to the latest version and try again`,
		targetDetails(target),
	);
}

/** 409 for a delete whose uid or resourceVersion precondition does not hold. */
export function preconditionFailed(target: ErrorTarget & {name: string}, message: string): ApiError {
	return apiError(409, 'Conflict', `Precondition failed: ${message}`, targetDetails(target));
}

/** 409 for a server-side apply that conflicts with other managers. */
export function applyConflict(message: string, causes: StatusCause[]): ApiError {
	return apiError(409, 'Conflict', message, {causes});
}

/** 422 with one cause per field; `kind` is the object's Kind, as real servers put it. */
export function invalid(options: {group: string; kind: string; name: string; causes: Array<{field: string; message: string; reason?: string}>}): ApiError {
	const summary = options.causes.map(c => `${c.field}: ${c.message}`);
	const joined = summary.length === 1 ? summary[0] : `[${summary.join(', ')}]`;
	const details: StatusDetails = {name: options.name};
	if (options.group) details.group = options.group;
	details.kind = options.kind;
	details.causes = options.causes.map(c => ({reason: c.reason ?? 'FieldValueInvalid', message: c.message, field: c.field}));
	const qualifiedKind = options.group ? `${options.kind}.${options.group}` : options.kind;
	return apiError(422, 'Invalid', `${qualifiedKind} "${options.name}" is invalid: ${joined}`, details);
}

export function badRequest(message: string): ApiError {
	return apiError(400, 'BadRequest', message);
}

export function unauthorized(): ApiError {
	return apiError(401, 'Unauthorized', 'Unauthorized');
}

/** 403 worded as RBAC words it, including subresource, API group and scope. */
export function forbidden(options: {user: string; verb: string; group: string; resource: string; subresource?: string; namespace?: string; name?: string}): ApiError {
	const {user, verb, group, resource, subresource, namespace, name} = options;
	const subject = name ? `${qualifiedResource({group, resource})} "${name}"` : qualifiedResource({group, resource});
	const full = subresource ? `${resource}/${subresource}` : resource;
	const scope = namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
	return apiError(403, 'Forbidden', `${subject} is forbidden: User "${user}" cannot ${verb} resource "${full}" in API group "${group}" ${scope}`, targetDetails({group, resource, name}));
}

/** 403 for a non-resource URL such as /version or /apis. */
export function forbiddenPath(options: {user: string; verb: string; path: string}): ApiError {
	return apiError(403, 'Forbidden', `forbidden: User "${options.user}" cannot ${options.verb} path "${options.path}"`, {});
}

export function methodNotAllowed(): ApiError {
	return apiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});
}

export function notAcceptable(): ApiError {
	return apiError(406, 'NotAcceptable', 'only the following media types are accepted: application/json, application/yaml');
}

/** 415 for a body type the verb does not take (`detail` says why, when the type itself is known). */
export function unsupportedMediaType(contentType: string, supported: string[], detail?: string): ApiError {
	const message = detail ?? `the body of the request was in an unknown format - accepted media types include: ${supported.join(', ')}`;
	return apiError(415, 'UnsupportedMediaType', message, {causes: [{reason: 'UnexpectedServerResponse', message: contentType}]});
}

/** 410 Expired for a watch or list from a compacted resourceVersion. */
export function expired(requested: string, oldest: number): ApiError {
	return apiError(410, 'Expired', `too old resource version: ${requested} (${oldest})`);
}

export function internalError(message: string): ApiError {
	return apiError(500, 'InternalError', `Internal error occurred: ${message}`, {causes: [{message}]});
}

/** 429 with Retry-After, as API priority and fairness answers when it sheds load. */
export function tooManyRequests(retryAfterSeconds: number): ApiError {
	return apiError(429, 'TooManyRequests', 'Too many requests, please try again later.', {retryAfterSeconds}, {'Retry-After': String(retryAfterSeconds)});
}
