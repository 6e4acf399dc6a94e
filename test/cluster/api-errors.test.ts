import {describe, expect, it} from 'vitest';
import {failureFromNetworkError, failureFromResponse, failureFromStatusObject} from '../../source/cluster/api-errors.js';

/** A Status body as the apiserver writes it. */
function status(code: number, reason: string, message: string, details?: unknown): string {
	return JSON.stringify({kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? {details} : {}), code});
}

describe('failureFromResponse', () => {
	it('maps a forbidden Status', () => {
		const body = status(403, 'Forbidden', 'deployments.apps "web" is forbidden: User "viewer" cannot patch resource "deployments"', {name: 'web', group: 'apps', kind: 'deployments'});
		expect(failureFromResponse(403, body, {})).toEqual({
			kind: 'forbidden',
			status: 403,
			reason: 'Forbidden',
			message: 'deployments.apps "web" is forbidden: User "viewer" cannot patch resource "deployments"',
		});
	});

	it('maps a server-side apply conflict to the fields and their managers', () => {
		const body = status(409, 'Conflict', 'Apply failed with 2 conflicts: ...', {
			causes: [
				{reason: 'FieldManagerConflict', message: 'conflict with "wire-sample"', field: '.spec.template.spec.containers[name="web"].image'},
				{reason: 'FieldManagerConflict', message: 'conflict with "kubectl-edit" using apps/v1', field: '.spec.replicas'},
			],
		});
		const failure = failureFromResponse(409, body, {});
		expect(failure.kind).toBe('conflict');
		expect(failure.conflicts).toEqual([
			{field: '.spec.template.spec.containers[name="web"].image', manager: 'wire-sample'},
			{field: '.spec.replicas', manager: 'kubectl-edit'},
		]);
	});

	it('a stale-resourceVersion conflict has no fields', () => {
		const failure = failureFromResponse(409, status(409, 'Conflict', 'the object has been modified; please apply your changes to the latest version'), {});
		expect(failure).toMatchObject({kind: 'conflict', conflicts: []});
	});

	it('maps invalid with its causes', () => {
		const body = status(422, 'Invalid', 'ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value', {
			name: 'Bad_Name',
			kind: 'ConfigMap',
			causes: [{reason: 'FieldValueInvalid', message: 'Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain', field: 'metadata.name'}],
		});
		expect(failureFromResponse(422, body, {})).toMatchObject({
			kind: 'invalid',
			reason: 'Invalid',
			causes: [{field: 'metadata.name', reason: 'FieldValueInvalid', message: 'Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain'}],
		});
	});

	it.each([
		[401, 'Unauthorized', 'unauthorized'],
		[404, 'NotFound', 'not-found'],
		[410, 'Expired', 'gone'],
		[400, 'BadRequest', 'invalid'],
		[500, 'InternalError', 'server'],
		[503, 'ServiceUnavailable', 'server'],
	])('maps %i %s to %s', (code, reason, kind) => {
		expect(failureFromResponse(code, status(code, reason, 'x'), {}).kind).toBe(kind);
	});

	it('throttling carries Retry-After from the header', () => {
		const failure = failureFromResponse(429, status(429, 'TooManyRequests', 'slow down', {retryAfterSeconds: 1}), {'retry-after': '7'});
		expect(failure).toMatchObject({kind: 'throttled', retryAfterSeconds: 7, message: 'slow down'});
		expect(failureFromResponse(429, status(429, 'TooManyRequests', 'x', {retryAfterSeconds: 3}), {}).retryAfterSeconds).toBe(3);
	});

	it('a body that is not a Status still gives a readable message', () => {
		expect(failureFromResponse(502, '<html>\n<body>Bad gateway</body></html>', {})).toEqual({kind: 'server', status: 502, message: 'HTTP 502: <html> <body>Bad gateway</body></html>'});
		expect(failureFromResponse(500, '', {}).message).toBe('HTTP 500');
	});
});

describe('failureFromStatusObject', () => {
	it('reads a watch ERROR event', () => {
		const object = {kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'too old resource version: 1 (417)', reason: 'Expired', code: 410};
		expect(failureFromStatusObject(object)).toEqual({kind: 'gone', status: 410, reason: 'Expired', message: 'too old resource version: 1 (417)'});
	});
});

describe('failureFromNetworkError', () => {
	it('says which server and what happened', () => {
		const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {code: 'ECONNREFUSED'});
		expect(failureFromNetworkError(error, 'https://127.0.0.1:1')).toEqual({kind: 'unreachable', message: 'https://127.0.0.1:1: connect ECONNREFUSED 127.0.0.1:1'});
		const dns = Object.assign(new Error('getaddrinfo failed'), {code: 'ENOTFOUND'});
		expect(failureFromNetworkError(dns, 'https://x').message).toBe('https://x: ENOTFOUND getaddrinfo failed');
	});
});
