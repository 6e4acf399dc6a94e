/**
 * Everything needed to talk to one context, built once: the transport (credentials, TLS, timeout,
 * read-only guard), discovery, and the connection tracker fed by every request.
 */
import {trackConnection, type ConnectionTracker} from './connection-state.js';
import type {ResolvedContext} from './context-selection.js';
import {createCredentialSource} from './credentials.js';
import {createDiscovery, type Discovery} from './discovery.js';
import {failed, succeeded, type ClusterResult} from './failure.js';
import type {ClusterRuntime} from './runtime.js';
import {loadTlsMaterial} from './tls-agent.js';
import {createTransport, type Transport} from './transport.js';

/** One context's client. */
export type ContextClient = {
	readonly name: string;
	readonly context: ResolvedContext;
	readonly transport: Transport;
	readonly discovery: Discovery;
	readonly connection: ConnectionTracker;
	/** Stops tracking and closes sockets. */
	close(): void;
};

/** Options shared by every context of a session. */
export type ClientOptions = {
	runtime: ClusterRuntime;
	/** --request-timeout in milliseconds; default 5 s. */
	timeoutMs?: number;
	/** --read-only: the transport refuses every write before it is sent. */
	readOnly: boolean;
	/** Contexts read-only whatever `readOnly` says (the user settings' readOnlyContexts). */
	readOnlyContexts?: readonly string[];
	/** Told of every request that leaves the process (after the read-only guard): `audit` counts them per verb. */
	onRequestSent?: (request: {context: string; method: string; path: string}) => void;
	userAgent?: string;
};

/** Builds the client for a resolved context; fails when its TLS files cannot be read or it needs a proxy. */
export async function createContextClient(context: ResolvedContext, options: ClientOptions): Promise<ClusterResult<ContextClient>> {
	if (context.cluster.proxyUrl) {
		return failed('kubeconfig', `cluster "${context.cluster.name}" (in ${context.cluster.file}) uses proxy-url, which gitops-tui does not support yet`, {file: context.cluster.file});
	}

	const tls = await loadTlsMaterial(context.cluster, context.user, options.runtime);
	if (!tls.ok) return tls;
	const transport = createTransport({
		server: context.cluster.server,
		tls: tls.value,
		credentials: createCredentialSource(context.user, context.cluster, options.runtime),
		runtime: options.runtime,
		readOnly: options.readOnly || (options.readOnlyContexts?.includes(context.name) ?? false),
		...(options.onRequestSent ? {onSend: (method: string, path: string) => options.onRequestSent!({context: context.name, method, path})} : {}),
		...(options.timeoutMs === undefined ? {} : {timeoutMs: options.timeoutMs}),
		...(options.userAgent === undefined ? {} : {userAgent: options.userAgent}),
	});
	const connection = trackConnection(transport, options.runtime.now);
	return succeeded({
		name: context.name,
		context,
		transport,
		discovery: createDiscovery(transport),
		connection,
		close() {
			connection.stop();
			transport.close();
		},
	});
}
