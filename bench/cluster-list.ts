/**
 * One benchmark run of the cluster edge (bench/run.mjs builds this and runs it several times): starts the
 * sandboxes in a child process, then measures in this process, which holds only the client:
 * - time from start to a complete initial list of every kind on all three contexts;
 * - RSS after the list, and retained heap per stored object (after GC, needs --expose-gc);
 * - watch events applied per second end to end (sandbox writes → HTTP watch → reducer → subscriber);
 * - the pure reducer's rate, without I/O.
 * Prints one JSON line.
 */
import {fork} from 'node:child_process';
import {rm} from 'node:fs/promises';
import os from 'node:os';
import type {KindRef} from '../source/cluster/discovery.js';
import {startLiveStore} from '../source/cluster/live-store.js';
import {openContexts} from '../source/cluster/open-contexts.js';
import {createProjector} from '../source/cluster/projection.js';
import {nodeRuntime} from '../source/cluster/runtime.js';
import {applyWatchEvents} from '../source/domain/watch-reducer.js';
import {emptyWatchState, type WatchEvent} from '../source/domain/watch-types.js';
import {benchObjects} from './fixtures.js';

const gc = (globalThis as {gc?: () => void}).gc;
if (!gc) throw new Error('run with node --expose-gc');
const collect = () => {
	for (let i = 0; i < 4; i++) gc();
};

const childFile = process.argv[2];
if (!childFile) throw new Error('usage: cluster-list.js <sandbox-child.js>');
const child = fork(childFile, [], {stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: {...process.env}});
const messages: Array<{type: string; [key: string]: unknown}> = [];
let wake = () => {};
child.on('message', message => {
	messages.push(message as {type: string});
	wake();
});
const next = async (type: string) => {
	for (;;) {
		const index = messages.findIndex(message => message.type === type);
		if (index !== -1) return messages.splice(index, 1)[0]!;
		await new Promise<void>(resolve => (wake = resolve));
	}
};

const ready = await next('ready');
const kinds: KindRef[] = [
	{group: '', version: 'v1', kind: 'ConfigMap'},
	{group: 'apps', version: 'v1', kind: 'Deployment'},
	{group: '', version: 'v1', kind: 'Service'},
];
const runtime = nodeRuntime(process.env);

collect();
const heapBefore = process.memoryUsage().heapUsed;
const cpuBefore = process.cpuUsage();
const started = performance.now();
const opened = await openContexts(
	{explicitFile: ready['kubeconfig'] as string, homeDir: os.homedir(), cwd: process.cwd()},
	{allContexts: true},
	{runtime, readOnly: true, timeoutMs: 30_000},
);
if (!opened.ok) throw new Error(opened.error.message);
const clients = opened.value.contexts.filter(context => !context.name.endsWith('-viewer')).map(context => {
	if (!context.client.ok) throw new Error(context.client.error.message);
	return context.client.value;
});
const store = startLiveStore({clients, kinds, runtime});
if (process.env['BENCH_DEBUG']) {
	const reported = new Set<string>();
	store.subscribe(() => {
		for (const resource of store.resources()) {
			const id = `${resource.context} ${resource.kind.kind}`;
			if (resource.state.synced && !reported.has(id)) {
				reported.add(id);
				process.stderr.write(`${Math.round(performance.now() - started)} ms: ${id} (${resource.state.objects.size})\n`);
			}
		}
	});
}

await new Promise<void>(resolve => {
	const check = () => (store.synced() ? resolve() : setTimeout(check, 5));
	check();
});
const listMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
const stored = clients.reduce((sum, client) => sum + store.objects(client.name).length, 0);
collect();
const heapAfter = process.memoryUsage().heapUsed;
const rssMb = process.memoryUsage().rss / 1024 / 1024;

// End to end: the child rewrites ConfigMaps; count the changes subscribers are told about.
const churn = Math.min(10_000, Math.floor(stored / 2));
let seen = 0;
let firstAt = 0;
let lastAt = 0;
const done = new Promise<void>(resolve => {
	store.subscribe(batch => {
		const now = performance.now();
		if (seen === 0) firstAt = now;
		seen += batch.changes.length;
		lastAt = now;
		if (seen >= churn) resolve();
	});
});
const churnStarted = performance.now();
child.send({type: 'churn', count: churn});
await done;
const churned = await next('churned');
const watchEventsPerSecond = churn / ((lastAt - churnStarted) / 1000);

// The reducer alone: MODIFIED events for a 6,667-object resource, one event per batch and 100 per batch.
const projector = createProjector();
const objects = benchObjects(6667).filter(object => object.kind === 'ConfigMap');
const base = applyWatchEvents(emptyWatchState, [
	{type: 'LISTED', objects: objects.map(object => projector.project({...object, metadata: {...object.metadata, resourceVersion: '1'}})), resourceVersion: '1'},
]).state;
const eventSets = ['a', 'b'].map(tag =>
	objects.map(
		(object, index): WatchEvent => ({
			type: 'MODIFIED',
			object: projector.project({...object, metadata: {...object.metadata, resourceVersion: `${tag}${index}`}}),
		}),
	),
);
const reducerRate = (batchSize: number) => {
	let state = base;
	const begin = performance.now();
	let applied = 0;
	// Alternate two versions of every object, so each event is a real change (equal versions are skipped).
	for (let pass = 0; performance.now() - begin < 1000; pass++) {
		const events = eventSets[pass % 2]!;
		for (let i = 0; i < events.length; i += batchSize) {
			state = applyWatchEvents(state, events.slice(i, i + batchSize)).state;
			applied += Math.min(batchSize, events.length - i);
		}
	}

	return applied / ((performance.now() - begin) / 1000);
};

const result = {
	objects: stored,
	listMs: Math.round(listMs),
	/** CPU this process spent on the list (parse, project, store): the client's share of listMs. */
	listClientCpuMs: Math.round((cpu.user + cpu.system) / 1000),
	rssMb: Math.round(rssMb),
	heapPerObjectBytes: Math.round((heapAfter - heapBefore) / stored),
	watchEventsPerSecond: Math.round(watchEventsPerSecond),
	reducerEventsPerSecondBatch1: Math.round(reducerRate(1)),
	reducerEventsPerSecondBatch100: Math.round(reducerRate(100)),
	firstEventMs: Math.round(firstAt - churnStarted),
	/** How long the sandboxes took to make the changes: the end-to-end rate cannot beat this. */
	sandboxWriteMs: churned['ms'] as number,
};
store.stop();
opened.value.close();
child.send({type: 'stop'});
await rm(ready['kubeconfig'] as string, {force: true});
process.stdout.write(`${JSON.stringify(result)}\n`);
