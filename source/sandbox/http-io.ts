/**
 * Reading request bodies and writing JSON responses, the way every handler does it.
 */
import type {IncomingMessage, ServerResponse} from 'node:http';
import type {ApiError} from './status-errors.js';

/** What a handler answers: a JSON body with its code, or `streamed` when it wrote the response itself. */
export type Reply = {code: number; body: unknown; headers?: Record<string, string>; contentType?: string} | {streamed: true; code: number};

export function json(code: number, body: unknown, headers?: Record<string, string>): Reply {
	return headers ? {code, body, headers} : {code, body};
}

/** A Status error as a reply. */
export function failure(error: ApiError): Reply {
	return json(error.status.code, error.status, error.headers);
}

const maxBody = 8 * 1024 * 1024;

/** The whole request body; bodies over 8 MiB are cut off (the apiserver's limit is 3 MiB). */
export async function readBody(request: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of request) {
		size += (chunk as Buffer).length;
		if (size > maxBody) break;
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks);
}

/** Writes a reply unless the handler streamed it. */
export function writeReply(response: ServerResponse, reply: Reply): void {
	if ('streamed' in reply) return;
	// Text replies (health checks) go out as they are; everything else is JSON.
	const payload = reply.body === undefined ? '' : typeof reply.body === 'string' && reply.contentType?.startsWith('text/') ? reply.body : JSON.stringify(reply.body);
	response.writeHead(reply.code, {
		'Content-Type': reply.contentType ?? 'application/json',
		'Content-Length': Buffer.byteLength(payload),
		'Cache-Control': 'no-cache, private',
		...reply.headers,
	});
	response.end(payload);
}
