import {afterEach, describe, expect, it} from 'vitest';
import {createCredentialSource} from '../../source/cluster/credentials.js';
import {createTransport, type StreamEnd} from '../../source/cluster/transport.js';
import {clusterTempDir} from '../support/cluster-kubeconfig.js';
import {deadPort, startScriptedServer, type ScriptedServer} from '../support/cluster-http-server.js';
import {writeExecPlugin} from '../support/cluster-plugins.js';
import {testRuntime} from '../support/cluster-runtime.js';
import {waitFor} from '../support/wait-for.js';

let server: ScriptedServer | undefined;
afterEach(async () => {
	await server?.close();
	server = undefined;
});

function transportFor(url: string, options: {readOnly?: boolean; timeoutMs?: number; token?: string} = {}) {
	const runtime = testRuntime();
	return createTransport({
		server: url,
		tls: {rejectUnauthorized: true},
		credentials: createCredentialSource({name: 'u', token: options.token ?? 'secret-token', file: '/k'}, {name: 'c', server: url, insecureSkipTlsVerify: false, file: '/k'}, runtime),
		runtime,
		readOnly: options.readOnly ?? false,
		timeoutMs: options.timeoutMs ?? 2000,
	});
}

describe('transport', () => {
	it('sends the bearer token and query, and returns the answer', async () => {
		server = await startScriptedServer((_request, response) => {
			response.writeHead(200, {'Content-Type': 'application/json'});
			response.end('{"kind":"ConfigMapList","items":[]}');
		});
		const transport = transportFor(server.url);
		const result = await transport.request({method: 'GET', path: '/api/v1/configmaps', query: {limit: 500, continue: undefined}});
		expect(result.ok && JSON.parse(result.value.body)).toEqual({kind: 'ConfigMapList', items: []});
		expect(server.seen[0]).toMatchObject({method: 'GET', url: '/api/v1/configmaps?limit=500'});
		expect(server.seen[0]!.headers['authorization']).toBe('Bearer secret-token');
		expect(server.seen[0]!.headers['user-agent']).toBe('gitops-tui');
		transport.close();
	});

	it('turns a Status answer into a typed failure', async () => {
		server = await startScriptedServer((_request, response) => {
			response.writeHead(404, {'Content-Type': 'application/json'});
			response.end(JSON.stringify({kind: 'Status', status: 'Failure', message: 'configmaps "nope" not found', reason: 'NotFound', code: 404}));
		});
		const result = await transportFor(server.url).request({method: 'GET', path: '/api/v1/namespaces/x/configmaps/nope'});
		expect(result).toEqual({ok: false, error: {kind: 'not-found', status: 404, reason: 'NotFound', message: 'configmaps "nope" not found'}});
	});

	it('gives up on a server that never answers, within the request timeout', async () => {
		server = await startScriptedServer(() => {
			// Never answers.
		});
		const started = performance.now();
		const result = await transportFor(server.url, {timeoutMs: 300}).request({method: 'GET', path: '/version'});
		const elapsed = performance.now() - started;
		expect(result).toEqual({ok: false, error: {kind: 'timeout', message: `${server.url}: no answer within 0.3 s`}});
		expect(elapsed).toBeGreaterThanOrEqual(290);
		expect(elapsed).toBeLessThan(1500);
	});

	it('reports an answer cut off mid-body as unreachable, not as a timeout', async () => {
		server = await startScriptedServer((_request, response) => {
			response.writeHead(200, {'Content-Type': 'application/json', 'Content-Length': '1000'});
			response.write('{"kind":"ConfigMapList","items":[');
			setImmediate(() => response.socket?.destroy());
		});
		const result = await transportFor(server.url, {timeoutMs: 2000}).request({method: 'GET', path: '/api/v1/configmaps'});
		expect(!result.ok && result.error.kind).toBe('unreachable');
	});

	it('reports a refused connection as unreachable', async () => {
		const url = `http://127.0.0.1:${await deadPort()}`;
		const result = await transportFor(url).request({method: 'GET', path: '/version'});
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.error.kind).toBe('unreachable');
			expect(result.error.message).toContain('ECONNREFUSED');
		}
	});

	it('in read-only mode refuses writes before anything is sent', async () => {
		server = await startScriptedServer((_request, response) => response.end('{}'));
		const transport = transportFor(server.url, {readOnly: true});
		const outcomes: unknown[] = [];
		transport.onOutcome(outcome => outcomes.push(outcome));
		for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
			const result = await transport.request({method, path: '/api/v1/namespaces/web/configmaps/x', body: '{}'});
			expect(!result.ok && result.error.kind).toBe('read-only');
		}

		const stream = await transport.stream({method: 'POST', path: '/api/v1/namespaces'}, () => {}, () => {});
		expect(!stream.ok && stream.error.kind).toBe('read-only');
		const allowed = await transport.request({method: 'POST', path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', body: '{}'});
		expect(allowed.ok).toBe(true);
		expect(server.seen.map(request => `${request.method} ${request.url}`)).toEqual(['POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews']);
		// Refusals never reached the server, so they say nothing about the connection.
		expect(outcomes).toEqual([{ok: true}]);
	});

	it('the timeout covers credentials: a hanging exec plugin fails the request in time, its answer serves the next', async () => {
		const temp = await clusterTempDir();
		const plugin = await writeExecPlugin(temp.dir);
		await plugin.set('delay-ms', '1500');
		server = await startScriptedServer((request, response) => {
			response.writeHead(request.headers['authorization'] === 'Bearer plugin-token-1' ? 200 : 401);
			response.end('{}');
		});
		const runtime = testRuntime();
		const user = {name: 'u', exec: {command: plugin.command, args: plugin.args, env: [], apiVersion: 'client.authentication.k8s.io/v1', provideClusterInfo: false, interactiveMode: 'Never' as const}, file: '/k'};
		const transport = createTransport({
			server: server.url,
			tls: {rejectUnauthorized: true},
			credentials: createCredentialSource(user, {name: 'c', server: server.url, insecureSkipTlsVerify: false, file: '/k'}, runtime),
			runtime,
			readOnly: false,
			timeoutMs: 300,
		});
		const started = performance.now();
		const first = await transport.request({method: 'GET', path: '/version'});
		expect(performance.now() - started).toBeLessThan(1000);
		expect(first).toEqual({ok: false, error: {kind: 'timeout', message: `${server.url}: credentials not ready within 0.3 s`}});
		await waitFor(async () => (await transport.request({method: 'GET', path: '/version'})).ok, {timeoutMs: 5000});
		expect(await plugin.calls()).toHaveLength(1);
		await temp.remove();
	});

	it('re-reads a rotated token file once after a 401', async () => {
		const temp = await clusterTempDir();
		const tokenFile = await temp.write('token', 'old-token\n');
		server = await startScriptedServer((request, response) => {
			response.writeHead(request.headers['authorization'] === 'Bearer new-token' ? 200 : 401);
			response.end('{}');
		});
		const runtime = testRuntime();
		const transport = createTransport({
			server: server.url,
			tls: {rejectUnauthorized: true},
			credentials: createCredentialSource({name: 'sa', tokenFile, file: '/k'}, {name: 'c', server: server.url, insecureSkipTlsVerify: false, file: '/k'}, runtime),
			runtime,
			readOnly: false,
		});
		const first = await transport.request({method: 'GET', path: '/version'});
		expect(!first.ok && first.error.kind).toBe('unauthorized');
		await temp.write('token', 'new-token\n');
		const second = await transport.request({method: 'GET', path: '/version'});
		expect(second.ok).toBe(true);
		expect(server.seen.map(request => request.headers['authorization'])).toEqual(['Bearer old-token', 'Bearer old-token', 'Bearer old-token', 'Bearer new-token']);
		await temp.remove();
	});

	it('streams lines however the chunks fall, and ends exactly once', async () => {
		server = await startScriptedServer((_request, response) => {
			response.writeHead(200, {'Content-Type': 'application/json'});
			response.write('{"type":"ADDED","object":{"a":');
			response.write('1}}\n{"type":"MODIFIED"');
			setImmediate(() => response.end(',"object":{"a":2}}\n\n{"type":"DELETED","object":{}}'));
		});
		const lines: string[] = [];
		const ends: StreamEnd[] = [];
		const opened = await transportFor(server.url).stream({method: 'GET', path: '/api/v1/configmaps', query: {watch: 'true'}}, line => lines.push(line), end => ends.push(end));
		expect(opened.ok).toBe(true);
		await waitFor(() => ends.length > 0);
		expect(lines.map(line => JSON.parse(line).type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
		expect(ends).toEqual([{reason: 'ended'}]);
		if (opened.ok) opened.value.close();
		expect(ends).toHaveLength(1);
	});

	it('closing a stream ends it once, as closed', async () => {
		server = await startScriptedServer((_request, response) => {
			response.writeHead(200);
			response.write('{"type":"BOOKMARK","object":{"metadata":{"resourceVersion":"5"}}}\n');
		});
		const ends: StreamEnd[] = [];
		const opened = await transportFor(server.url).stream({method: 'GET', path: '/w'}, () => {}, end => ends.push(end));
		if (!opened.ok) throw new Error(opened.error.message);
		opened.value.close();
		opened.value.close();
		await new Promise(resolve => setImmediate(resolve));
		expect(ends).toEqual([{reason: 'closed'}]);
	});

	it('fails a stream that goes silent for longer than its idle timeout', async () => {
		server = await startScriptedServer((_request, response) => {
			response.writeHead(200);
			response.flushHeaders();
		});
		const ends: StreamEnd[] = [];
		const opened = await transportFor(server.url).stream({method: 'GET', path: '/w', idleTimeoutMs: 200}, () => {}, end => ends.push(end));
		expect(opened.ok).toBe(true);
		await waitFor(() => ends.length > 0);
		expect(ends).toEqual([{reason: 'failed', error: {kind: 'timeout', message: `${server.url}: stream silent for 0.2 s`}}]);
	});

	it('a stream that cannot open answers with the failure', async () => {
		server = await startScriptedServer((_request, response) => {
			response.writeHead(410);
			response.end(JSON.stringify({kind: 'Status', message: 'too old resource version', reason: 'Expired', code: 410}));
		});
		const ends: StreamEnd[] = [];
		const opened = await transportFor(server.url).stream({method: 'GET', path: '/w'}, () => {}, end => ends.push(end));
		expect(!opened.ok && opened.error.kind).toBe('gone');
		expect(ends).toEqual([]);
	});
});

/**
 * A server that closes a kept-alive socket under the request sent on it, as one whose idle timeout ends as the
 * request leaves (Node's is 5 s): the first request of each socket is answered, a later one (`closeReused`) closed.
 */
async function closingKeptSockets(closeReused: (method: string) => boolean) {
	const requestsOf = new WeakMap<object, number>();
	return startScriptedServer((request, response) => {
		const socket = response.socket!;
		const count = (requestsOf.get(socket) ?? 0) + 1;
		requestsOf.set(socket, count);
		if (count > 1 && closeReused(request.method)) {
			socket.destroy();
			return;
		}
		response.writeHead(200, {'Content-Type': 'application/json'});
		response.end('{"kind":"ConfigMap"}');
	});
}

describe('transport, when a kept-alive socket was closed by the server', () => {
	it('sends a read again on a new socket, once', async () => {
		server = await closingKeptSockets(() => true);
		const transport = transportFor(server.url);
		expect((await transport.request({method: 'GET', path: '/api/v1/configmaps'})).ok).toBe(true);
		const again = await transport.request({method: 'GET', path: '/api/v1/configmaps'});
		expect(again.ok).toBe(true);
		expect(server.seen.map(request => request.method)).toEqual(['GET', 'GET', 'GET']);
		transport.close();
	});

	it('drops the other idle sockets, as old and as closed, so the read is sent again once', async () => {
		server = await closingKeptSockets(() => true);
		const transport = transportFor(server.url);
		// Three at once: three sockets, idle in the agent's pool afterwards.
		const first = await Promise.all([1, 2, 3].map(async () => transport.request({method: 'GET', path: '/api/v1/configmaps'})));
		expect(first.every(result => result.ok)).toBe(true);
		expect((await transport.request({method: 'GET', path: '/api/v1/configmaps'})).ok).toBe(true);
		// Three first requests, the one sent on a closed socket, and the same again on a new one.
		expect(server.seen).toHaveLength(5);
		transport.close();
	});

	it('sends a dry-run again, but not a write: whether the write took effect is unknown', async () => {
		server = await closingKeptSockets(method => method === 'PATCH');
		const transport = transportFor(server.url);
		const patch = (dryRun?: 'All') => transport.request({method: 'PATCH', path: '/api/v1/namespaces/a/configmaps/b', query: {dryRun}, headers: {'Content-Type': 'application/apply-patch+yaml'}, body: '{}'});
		expect((await transport.request({method: 'GET', path: '/version'})).ok).toBe(true);
		expect((await patch('All')).ok).toBe(true);
		expect(server.seen.map(request => request.url)).toEqual(['/version', '/api/v1/namespaces/a/configmaps/b?dryRun=All', '/api/v1/namespaces/a/configmaps/b?dryRun=All']);
		const write = await patch();
		expect(write.ok).toBe(false);
		expect(!write.ok && write.error.kind).toBe('unreachable');
		expect(server.seen.filter(request => request.url === '/api/v1/namespaces/a/configmaps/b')).toHaveLength(1);
		transport.close();
	});

	it('does not repeat a read whose new socket was closed too', async () => {
		server = await startScriptedServer((_request, response) => response.socket!.destroy());
		const result = await transportFor(server.url).request({method: 'GET', path: '/version'});
		expect(!result.ok && result.error.kind).toBe('unreachable');
		expect(server.seen).toHaveLength(1);
	});
});
