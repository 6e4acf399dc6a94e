/**
 * Starts a sandbox from its parts: store, HTTPS server on 127.0.0.1, users, faults, request log,
 * kubeconfig. index.ts wires in the real patch/apply, defaults and controllers; tests of the HTTP
 * core may pass stand-ins.
 */
import {writeFile} from 'node:fs/promises';
import {createServer, type Server} from 'node:https';
import type {Socket} from 'node:net';
import type {KubeObject} from '../domain/kube-object.js';
import type {GitOps} from './gitops/index.js';
import {defaultUsers} from './auth.js';
import {serverVersion} from './discovery.js';
import {createFaultState, type Faults} from './faults.js';
import type {FieldManagement} from './field-management.js';
import {renderKubeconfig} from './kubeconfig.js';
import {createOpenApi} from './openapi.js';
import {createRegistry} from './registry.js';
import {createRequestLog} from './request-log.js';
import {createSandboxObjects} from './sandbox-objects.js';
import {createSystemNamespaces, seedObjects} from './seed.js';
import {createRequestHandler} from './server.js';
import {createStore} from './store.js';
import {createSelfSignedCert} from './tls/self-signed-cert.js';
import type {RequestLogEntry, SandboxObjects, SandboxUser} from './types.js';

/** Options of startSandbox. */
export type SandboxOptions = {
	/** Port on 127.0.0.1; 0 or absent picks a free one. */
	port?: number;
	/** Users and tokens; default `admin` (every verb) and `viewer` (get, list, watch) with random tokens. */
	users?: SandboxUser[];
	seed?: KubeObject[];
	/** Run the simulated controllers (default true). */
	simulate?: boolean;
	/** How many changes watches can resume from (default 10,000). */
	watchHistory?: number;
	now?: () => Date;
	/** Cluster and context name in the kubeconfig (default `sandbox`): several sandboxes can share one file. */
	name?: string;
	/** How often watches with allowWatchBookmarks get a BOOKMARK (default 10 s). */
	bookmarkIntervalMs?: number;
};

/** A running sandbox. */
export type Sandbox = {
	url: string;
	port: number;
	users: SandboxUser[];
	objects: SandboxObjects;
	/** Stores objects as written by manager `sandbox-seed` (defaulted, versioned), creating their namespaces. */
	seed(objects: KubeObject[]): void;
	requests(): RequestLogEntry[];
	/** Forgets the request log and the most requests seen at once. */
	clearRequests(): void;
	/** The most requests of `method` (any when omitted) being served at once since the last clearRequests. */
	mostRequestsInFlight(method?: string): number;
	faults: Faults;
	/** The PEM certificate clients must trust (also inside the kubeconfig). */
	caCertificate: string;
	kubeconfig(): string;
	writeKubeconfig(path: string): Promise<void>;
	/** The simulated Flux and Argo CD controllers, when started with `gitops` (see gitops/index.ts). */
	gitops?: GitOps;
	stop(): Promise<void>;
};

/** The pieces other helpers own, injected. */
export type SandboxParts = {
	fields: FieldManagement;
	defaults: (object: KubeObject) => KubeObject;
	startControllers?: (options: {objects: SandboxObjects; now?: () => Date}) => () => void;
};

export async function launchSandbox(options: SandboxOptions, parts: SandboxParts): Promise<Sandbox> {
	const now = options.now ?? (() => new Date());
	const name = options.name ?? 'sandbox';
	const registry = createRegistry();
	const store = createStore({registry, now, defaults: parts.defaults, fields: parts.fields, historyLimit: options.watchHistory ?? 10_000});
	const objects = createSandboxObjects(store);
	const users = options.users ?? defaultUsers();
	const tls = createSelfSignedCert({now: now()});
	const log = createRequestLog();
	const sockets = new Set<Socket>();
	let server: Server | undefined;
	let port = options.port ?? 0;
	let stopped = false;

	const closeServer = async () => {
		const closing = server;
		server = undefined;
		if (!closing) return;
		const closed = new Promise<void>(resolve => closing.close(() => resolve()));
		for (const socket of sockets) socket.destroy();
		sockets.clear();
		await closed;
	};
	const listen = async () => {
		// A refuseConnections still waiting when the sandbox stops must not bring it back.
		if (stopped) return;
		const next = createServer({key: tls.key, cert: tls.cert}, handler);
		next.on('connection', (socket: Socket) => {
			sockets.add(socket);
			socket.on('close', () => sockets.delete(socket));
		});
		await new Promise<void>((resolve, reject) => {
			next.once('error', reject);
			next.listen(port, '127.0.0.1', () => {
				next.off('error', reject);
				resolve();
			});
		});
		const address = next.address();
		if (address && typeof address === 'object') port = address.port;
		server = next;
	};
	const {faults, state} = createFaultState({
		async refuse(ms) {
			await closeServer();
			await new Promise(resolve => setTimeout(resolve, ms));
			await listen();
		},
	});
	const openapi = createOpenApi(registry, serverVersion.gitVersion);
	const handler = createRequestHandler({
		store,
		users,
		now,
		faults: state,
		controls: faults,
		log,
		fields: parts.fields,
		openapi,
		serverAddress: () => `127.0.0.1:${port}`,
		bookmarkIntervalMs: options.bookmarkIntervalMs ?? 10_000,
	});
	await listen();
	const url = `https://127.0.0.1:${port}`;
	const seed = (list: KubeObject[]) => seedObjects(store, list);
	createSystemNamespaces(store);
	if (options.seed) seed(options.seed);
	const stopControllers = options.simulate === false || !parts.startControllers ? () => undefined : parts.startControllers({objects, now});
	const kubeconfig = () => renderKubeconfig({name, url, caPem: tls.cert, users});
	return {
		url,
		port,
		users,
		objects,
		seed,
		requests: () => log.entries(),
		clearRequests: () => log.clear(),
		mostRequestsInFlight: method => log.mostInFlight(method),
		faults,
		caCertificate: tls.cert,
		kubeconfig,
		writeKubeconfig: path => writeFile(path, kubeconfig(), {mode: 0o600}),
		async stop() {
			stopped = true;
			stopControllers();
			faults.closeWatches();
			await closeServer();
		},
	};
}
