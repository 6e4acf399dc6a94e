/**
 * Keeps one resource of one context live: LIST, then WATCH from the list's resourceVersion; resume from
 * the last version seen when a stream ends; relist when the server says the version is gone (410);
 * back off (jittered, 1 s → 30 s) while the server fails or cannot be reached.
 */
import type {KubeObject} from '../domain/kube-object.js';
import type {WatchEvent} from '../domain/watch-types.js';
import {failureFromStatusObject} from './api-errors.js';
import {backoffDelay} from './backoff.js';
import type {ContextClient} from './context-client.js';
import {resourcePath, type ApiResource, type KindRef} from './discovery.js';
import type {ClusterFailure} from './failure.js';
import type {Projector} from './projection.js';
import {listResource} from './resource-list.js';
import type {ClusterRuntime} from './runtime.js';
import type {StreamEnd} from './transport.js';

/** Where one resource's loop stands. */
export type ResourcePhase = 'listing' | 'watching' | 'waiting';

/** The loop's phase and its last failure (kept until the next successful list or watch). */
export type ResourceStatus = {phase: ResourcePhase; error?: ClusterFailure; retryAt?: number};

/** What a loop needs. */
export type ResourceWatchOptions = {
	client: ContextClient;
	kind: KindRef;
	/** Only this namespace; all namespaces when undefined. */
	namespace?: string;
	projector: Projector;
	runtime: ClusterRuntime;
	onEvent: (event: WatchEvent) => void;
	onStatus: (status: ResourceStatus) => void;
	pageSize?: number;
	/** Server-side watch timeout; default 5–10 min at random, as client-go, so watches do not all expire together. */
	watchTimeoutSeconds?: number;
};

/** A stream that ends sooner than this without delivering anything counts as a failure (no hot reconnect loop). */
const minimumHealthyStreamMs = 1000;

/** Starts the loop; the returned function stops it (closes the stream, cancels any wait). */
export function watchResource(options: ResourceWatchOptions): () => void {
	const {client, runtime} = options;
	let stopped = false;
	let cancelWait: (() => void) | undefined;
	let closeStream: (() => void) | undefined;
	let attempt = 0;

	const wait = (ms: number) =>
		new Promise<void>(resolve => {
			const cancel = runtime.setTimer(() => {
				cancelWait = undefined;
				resolve();
			}, ms);
			cancelWait = () => {
				cancel();
				resolve();
			};
		});

	const fail = async (error: ClusterFailure) => {
		const delay = Math.max(backoffDelay(attempt++, runtime.random), (error.retryAfterSeconds ?? 0) * 1000);
		options.onStatus({phase: 'waiting', error, retryAt: runtime.now() + delay});
		await wait(delay);
	};

	const run = async () => {
		let resource: ApiResource | undefined;
		let resourceVersion: string | undefined;
		while (!stopped) {
			if (!resource) {
				const resolved = await client.discovery.resolve(options.kind);
				if (stopped) return;
				if (!resolved.ok) {
					await fail(resolved.error);
					continue;
				}

				resource = resolved.value;
			}

			if (resourceVersion === undefined) {
				options.onStatus({phase: 'listing'});
				const listed = await listResource(client, resource, {projector: options.projector, pageSize: options.pageSize, namespace: options.namespace});
				if (stopped) return;
				if (!listed.ok) {
					await fail(listed.error);
					continue;
				}

				resourceVersion = listed.value.resourceVersion;
				options.onEvent({type: 'LISTED', objects: listed.value.objects, resourceVersion});
			}

			const outcome = await watchOnce(resource, resourceVersion, version => (resourceVersion = version));
			if (stopped) return;
			if (outcome.relist) {
				// 410: our version is gone from the server's history; only a fresh LIST is the truth now.
				resourceVersion = undefined;
				continue;
			}

			if (outcome.error) await fail(outcome.error);
		}
	};

	/** One WATCH; resolves when it ends, saying whether to relist or back off. */
	const watchOnce = async (resource: ApiResource, from: string, seen: (version: string) => void): Promise<{relist?: boolean; error?: ClusterFailure}> => {
		const timeoutSeconds = options.watchTimeoutSeconds ?? Math.round(300 + runtime.random() * 300);
		const started = runtime.now();
		let delivered = false;
		let relist = false;
		let streamError: ClusterFailure | undefined;
		let finished!: (end: StreamEnd) => void;
		const ended = new Promise<StreamEnd>(resolve => (finished = resolve));

		const opened = await client.transport.stream(
			{
				method: 'GET',
				path: resourcePath(resource, options.namespace),
				query: {watch: 'true', resourceVersion: from, allowWatchBookmarks: 'true', timeoutSeconds},
				idleTimeoutMs: (timeoutSeconds + 30) * 1000,
			},
			line => {
				let event: WatchEvent | undefined;
				try {
					event = parseEvent(line, resource, options.projector);
				} catch {
					// An event we cannot read leaves a hole in the state: relist rather than carry on with it.
					relist = true;
					closeStream?.();
					return;
				}

				if (!event) return;
				delivered = true;
				if (event.type === 'ERROR') {
					const failure = failureFromStatusObject(event.status);
					if (failure.kind === 'gone') relist = true;
					else streamError = failure;
				} else if (event.type === 'BOOKMARK') {
					seen(event.resourceVersion);
				} else if (event.type !== 'LISTED') {
					const version = event.object.object.metadata.resourceVersion;
					if (version) seen(version);
				}

				options.onEvent(event);
			},
			end => finished(end),
		);
		if (!opened.ok) return opened.error.kind === 'gone' ? {relist: true} : {error: opened.error};
		if (stopped) {
			opened.value.close();
			return {};
		}

		closeStream = () => opened.value.close();
		attempt = 0;
		options.onStatus({phase: 'watching'});
		const end = await ended;
		closeStream = undefined;
		if (relist) return {relist: true};
		if (streamError) return {error: streamError};
		if (end.reason === 'failed' && !delivered) return {error: end.error};
		if (!delivered && runtime.now() - started < minimumHealthyStreamMs) {
			return {error: {kind: 'unreachable', message: `${client.transport.server}: watch closed at once`}};
		}

		return {};
	};

	const supervise = async (): Promise<void> => {
		try {
			await run();
		} catch (error) {
			// A bug or a malformed answer must not end live state for good: report it, back off, start over.
			if (stopped) return;
			await fail({kind: 'server', message: `watching ${options.kind.kind}: ${error instanceof Error ? error.message : String(error)}`});
			return supervise();
		}
	};

	void supervise();
	return () => {
		stopped = true;
		closeStream?.();
		cancelWait?.();
	};
}

/** One line of a watch stream as a projected event; undefined for lines that are not events. */
function parseEvent(line: string, resource: ApiResource, projector: Projector): WatchEvent | undefined {
	let parsed: {type?: string; object?: KubeObject};
	try {
		parsed = JSON.parse(line) as typeof parsed;
	} catch {
		return undefined;
	}

	const {type, object} = parsed;
	if (!object || typeof object !== 'object') return undefined;
	if (type !== 'ERROR' && (!object.metadata || typeof object.metadata !== 'object')) return undefined;
	switch (type) {
		case 'ADDED':
		case 'MODIFIED':
		case 'DELETED': {
			object.apiVersion ??= resource.group ? `${resource.group}/${resource.version}` : resource.version;
			object.kind ??= resource.kind;
			return {type, object: projector.project(object)};
		}

		case 'BOOKMARK': {
			const version = object.metadata?.resourceVersion;
			return version ? {type, resourceVersion: version} : undefined;
		}

		case 'ERROR': {
			const status = object as {code?: number; reason?: string; message?: string};
			return {type, status: {code: status.code, reason: status.reason, message: status.message}};
		}

		default: {
			return undefined;
		}
	}
}
