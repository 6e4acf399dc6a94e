/**
 * The admin-only fault-injection endpoint, for driving a sandbox started by `gitops-tui sandbox`
 * from another process:
 *
 *   POST /sandbox/v1/faults/close-watches
 *   POST /sandbox/v1/faults/expire-next-watch
 *   POST /sandbox/v1/faults/latency?ms=N
 *   POST /sandbox/v1/faults/fail-next?count=N&code=500|429&retryAfter=S
 *   POST /sandbox/v1/faults/refuse?ms=N
 *
 * Requests here are not written to the request log, so they never disturb what tests assert.
 */
import type {ServerResponse} from 'node:http';
import {isAdmin} from './auth.js';
import type {Faults} from './faults.js';
import {failure, json, type Reply} from './http-io.js';
import {badRequest, forbiddenPath, methodNotAllowed, pathNotFound, unauthorized} from './status-errors.js';
import type {SandboxUser} from './types.js';

type ControlRequest = {action: string; method: string; query: URLSearchParams; user: SandboxUser | undefined; controls: Faults; response: ServerResponse};

const success = (message: string): Reply => json(200, {kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', message, code: 200});

function count(query: URLSearchParams, name: string, fallback?: number): number | undefined {
	const raw = query.get(name);
	if (raw === null) return fallback;
	const value = Number(raw);
	return Number.isInteger(value) && value >= 0 ? value : undefined;
}

export async function handleControl(request: ControlRequest): Promise<Reply> {
	const {action, query, user, controls} = request;
	if (!user) return failure(unauthorized());
	if (!isAdmin(user)) return failure(forbiddenPath({user: user.name, verb: 'post', path: `/sandbox/v1/faults/${action}`}));
	if (request.method !== 'POST') return failure(methodNotAllowed());
	switch (action) {
		case 'close-watches':
			controls.closeWatches();
			return success('closed every open watch');
		case 'expire-next-watch':
			controls.expireNextWatch();
			return success('the next watch gets 410 Expired');
		case 'latency': {
			const ms = count(query, 'ms');
			if (ms === undefined) return failure(badRequest('latency needs ms=N (a non-negative integer)'));
			controls.setLatency(ms);
			return success(`latency set to ${ms} ms`);
		}
		case 'fail-next': {
			const times = count(query, 'count', 1);
			const code = count(query, 'code', 500);
			const retryAfter = count(query, 'retryAfter', 1);
			if (times === undefined || retryAfter === undefined || (code !== 500 && code !== 429)) {
				return failure(badRequest('fail-next takes count=N, code=500|429 and retryAfter=S'));
			}
			controls.failNext(times, code, retryAfter);
			return success(`the next ${times} requests fail with ${code}`);
		}
		case 'refuse': {
			const ms = count(query, 'ms');
			if (ms === undefined) return failure(badRequest('refuse needs ms=N (a non-negative integer)'));
			// Answer first: the connection carrying this reply is about to be dropped.
			request.response.once('finish', () => void controls.refuseConnections(ms).catch(() => undefined));
			return success(`refusing connections for ${ms} ms`);
		}
		default:
			return failure(pathNotFound());
	}
}

