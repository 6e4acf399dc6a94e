/**
 * Watch streams: newline-delimited `{type, object}` events over a chunked 200 response, from a
 * resourceVersion (replayed from history, or one ERROR 410 when it is older than what is kept),
 * or from "now" with synthetic ADDED events; selectors, bookmarks, timeoutSeconds, Table rows.
 */
import type {KubeObject} from '../domain/kube-object.js';
import type {HistoryEntry} from './history.js';
import {failure, type Reply} from './http-io.js';
import {parseSelection, selects} from './list.js';
import {apiVersionOf} from './registry.js';
import type {RequestContext} from './request-context.js';
import {badRequest, expired} from './status-errors.js';
import {negotiate, toTable} from './table.js';

/** Used when the client gives no timeoutSeconds (a real server picks 30–60 minutes). */
const defaultTimeoutSeconds = 1800;

type WatchEvent = {type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: KubeObject};

/** What a change looks like through this watch's selectors: moving in is ADDED, moving out DELETED. */
function translate(entry: HistoryEntry, matches: (object: KubeObject) => boolean): WatchEvent | undefined {
	const now = matches(entry.object);
	if (entry.type === 'ADDED') return now ? {type: 'ADDED', object: entry.object} : undefined;
	if (entry.type === 'DELETED') return matches(entry.previous ?? entry.object) ? {type: 'DELETED', object: entry.object} : undefined;
	const before = entry.previous ? matches(entry.previous) : false;
	if (now && before) return {type: 'MODIFIED', object: entry.object};
	if (now) return {type: 'ADDED', object: entry.object};
	if (before) {
		const last = entry.previous!;
		return {type: 'DELETED', object: {...last, metadata: {...last.metadata, resourceVersion: entry.object.metadata.resourceVersion}}};
	}
	return undefined;
}

export function handleWatch(context: RequestContext): Reply {
	const {store, route, query, response} = context;
	const selection = parseSelection(store, route, query);
	if (!selection.ok) return failure(selection.error);
	const requested = query.get('resourceVersion') ?? '';
	if (requested !== '' && !/^\d+$/.test(requested)) return failure(badRequest(`resourceVersion: Invalid value: "${requested}": must be a non-negative integer`));
	const timeoutSeconds = Number(query.get('timeoutSeconds') ?? defaultTimeoutSeconds);
	const bookmarks = query.get('allowWatchBookmarks') === 'true' || query.get('allowWatchBookmarks') === '1';
	const sendInitial = query.get('sendInitialEvents') === 'true';
	const asTable = negotiate(context.headers.accept) === 'table';
	const matches = (object: KubeObject) => selects(route, selection.value, object);

	response.writeHead(200, {'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked'});
	response.socket?.setNoDelay(true);
	// Send the headers now: clients wait for the response before reading events, and a quiet watch may have none.
	response.flushHeaders();
	const write = (event: unknown) => {
		if (!response.writableEnded) response.write(`${JSON.stringify(event)}\n`);
	};
	const render = (object: KubeObject) =>
		asTable
			? toTable({registry: store.registry, type: route.type, objects: [object], now: context.now(), includeObject: query.get('includeObject'), listMetadata: {resourceVersion: object.metadata.resourceVersion}})
			: object;
	const send = (event: WatchEvent) => write({type: event.type, object: render(event.object)});
	const bookmark = (annotations?: Record<string, string>) => {
		const metadata: Record<string, unknown> = {resourceVersion: String(store.revision()), creationTimestamp: null};
		if (annotations) metadata['annotations'] = annotations;
		write({type: 'BOOKMARK', object: {kind: route.type.kind, apiVersion: apiVersionOf(route.type), metadata}});
	};
	const fail = (from: string, oldest: number) => {
		write({type: 'ERROR', object: expired(from, oldest).status});
		response.end();
		return {streamed: true as const, code: 200};
	};

	if (context.faults.takeWatchExpiry()) return fail(requested || '0', store.revision());
	if (requested === '' || requested === '0' || sendInitial) {
		for (const object of store.list(route.type, route.namespace)) if (matches(object)) send({type: 'ADDED', object});
		if (sendInitial && bookmarks) bookmark({'k8s.io/initial-events-end': 'true'});
	} else {
		const replay = store.history.since(Number(requested), route.type);
		if (!replay.ok) return fail(requested, replay.oldest);
		for (const entry of replay.entries) {
			const event = translate(entry, matches);
			if (event) send(event);
		}
	}

	// Subscribing in the same tick as the replay, so no change falls between the two.
	const unsubscribe = store.subscribe(entry => {
		if (entry.resourceType !== route.type) return;
		const event = translate(entry, matches);
		if (event) send(event);
	});
	const interval = bookmarks ? setInterval(() => bookmark(), context.bookmarkIntervalMs) : undefined;
	let closed = false;
	const close = (withBookmark: boolean) => {
		if (closed) return;
		closed = true;
		unsubscribe();
		untrack();
		clearInterval(interval);
		clearTimeout(timer);
		if (withBookmark && bookmarks) bookmark();
		if (!response.writableEnded) response.end();
	};
	const untrack = context.faults.trackWatch(() => close(false));
	const timer = setTimeout(() => close(true), Math.max(0, timeoutSeconds) * 1000);
	response.on('close', () => close(false));
	return {streamed: true, code: 200};
}
