/**
 * A tiny scripted HTTP server for the cluster edge's transport tests, where the sandbox would be too
 * well-behaved: it hangs, streams in odd chunks, or answers whatever the test's handler says.
 */
import http from 'node:http';
import net from 'node:net';
import type {AddressInfo} from 'node:net';

/** One request as the server saw it. */
export type SeenRequest = {method: string; url: string; headers: http.IncomingHttpHeaders; body: string};

/** A running server; `close()` also destroys open connections. */
export type ScriptedServer = {url: string; seen: SeenRequest[]; close(): Promise<void>};

/** Starts a server on a free loopback port with `handler` answering every request. */
export async function startScriptedServer(handler: (request: SeenRequest, response: http.ServerResponse) => void): Promise<ScriptedServer> {
	const seen: SeenRequest[] = [];
	const server = http.createServer((request, response) => {
		let body = '';
		request.setEncoding('utf8');
		request.on('data', (chunk: string) => (body += chunk));
		request.on('end', () => {
			const entry = {method: request.method ?? '', url: request.url ?? '', headers: request.headers, body};
			seen.push(entry);
			handler(entry, response);
		});
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		seen,
		close: async () =>
			new Promise<void>(resolve => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** A loopback port with nothing listening (bound, then released). */
export async function deadPort(): Promise<number> {
	// A port below the kernel's ephemeral range (where every `listen(0)` of the other tests lands) that nothing
	// listens on: a freed ephemeral port can be handed to another test's server a moment later, which made
	// "dead context" tests flaky under parallel load.
	for (let port = 1; port < 1024; port++) {
		if (!(await acceptsOnLoopback(port))) return port;
	}
	throw new Error('no dead port below 1024 on 127.0.0.1');
}

function acceptsOnLoopback(port: number): Promise<boolean> {
	return new Promise(resolve => {
		const socket = net.connect({host: '127.0.0.1', port});
		const done = (ok: boolean) => {
			socket.destroy();
			resolve(ok);
		};
		socket.once('connect', () => done(true));
		socket.once('error', () => done(false));
	});
}
