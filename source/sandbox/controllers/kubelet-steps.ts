/**
 * The kubelet's steps for one pod on the sandbox node, each a status write plus the events a real kubelet
 * emits: containers created (images pulling), started or failing to pull, backing off, exiting.
 */
import type {KubeObject} from '../../domain/kube-object.js';
import {imageTag} from '../defaults/container.js';
import {fnv32a} from '../defaults/hash.js';
import {sources} from './events.js';
import {
	type ContainerSpec,
	addresses,
	normalizeImage,
	podConditions,
	runningStatus,
	terminatedStatus,
	waitingStatus,
} from './pod-status.js';
import type {Runtime} from './runtime.js';

type Container = ContainerSpec & {imagePullPolicy?: string; command?: string[]};
type PodSpec = {containers?: Container[]; initContainers?: Container[]; restartPolicy?: string};
type Status = Record<string, unknown> & {conditions?: Array<Record<string, unknown>>; startTime?: string};

/** Images this node has pulled (so IfNotPresent pods report "already present"). */
export type NodeImages = Set<string>;

/** An image tagged `broken` never pulls: the sandbox's way to show a stuck rollout. */
export function isBrokenImage(image: string | undefined): boolean {
	return image !== undefined && imageTag(image) === 'broken';
}

/** Step 1: the sandbox is being set up and images pulled; every container is waiting. */
export function createContainers(runtime: Runtime, pod: KubeObject, images: NodeImages): void {
	const {init, main} = containersOf(pod);
	const time = runtime.timestamp();
	const status: Status = {
		...(pod.status as Status),
		...addresses(pod.metadata.uid ?? ''),
		phase: 'Pending',
		startTime: time,
		conditions: podConditions({readyToStart: false, initialized: init.length === 0, pendingInit: init.map(c => c.name), ready: false, unready: main.map(c => c.name), completed: false}, (pod.status as Status)?.conditions, time),
		containerStatuses: main.map(c => waitingStatus(c, init.length > 0 ? 'PodInitializing' : 'ContainerCreating')),
	};
	if (init.length > 0) status.initContainerStatuses = init.map(c => waitingStatus(c, 'PodInitializing'));
	const written = runtime.updateStatus(pod, status, sources.kubelet.manager);
	if (!written) return;
	for (const [container, path] of withPaths(init, main)) {
		if (needsPull(container, images)) event(runtime, written, path, 'Normal', 'Pulling', `Pulling image "${container.image}"`);
	}
}

/** Step 2: images arrive and containers start, or a broken image fails to pull (ErrImagePull). */
export function startContainers(runtime: Runtime, pod: KubeObject, images: NodeImages): void {
	const {init, main} = containersOf(pod);
	const uid = pod.metadata.uid ?? '';
	const time = runtime.timestamp();
	const brokenInit = init.findIndex(c => isBrokenImage(c.image));
	const initDone = brokenInit === -1;
	const initStatuses = init.map((c, index) => {
		if (index === brokenInit) return waitingStatus(c, 'ErrImagePull', pullError(c.image ?? ''));
		return brokenInit !== -1 && index > brokenInit ? waitingStatus(c, 'PodInitializing') : terminatedStatus(c, uid, 0, time, time);
	});
	const mainStatuses = main.map(c => {
		if (!initDone) return waitingStatus(c, 'PodInitializing');
		return isBrokenImage(c.image) ? waitingStatus(c, 'ErrImagePull', pullError(c.image ?? '')) : runningStatus(c, uid, time, true);
	});
	const unready = main.filter((_, index) => (mainStatuses[index] as {ready: boolean}).ready === false).map(c => c.name);
	const running = initDone && unready.length === 0;
	const status: Status = {
		...(pod.status as Status),
		phase: running ? 'Running' : 'Pending',
		conditions: podConditions({readyToStart: true, initialized: initDone, pendingInit: init.slice(Math.max(brokenInit, 0)).map(c => c.name), ready: running, unready, completed: false}, (pod.status as Status)?.conditions, time),
		containerStatuses: mainStatuses,
	};
	if (init.length > 0) status.initContainerStatuses = initStatuses;
	const written = runtime.updateStatus(pod, status, sources.kubelet.manager);
	if (!written) return;
	for (const [container, path] of withPaths(init, main)) {
		// Containers after a failing init container are never reached.
		const initIndex = init.indexOf(container);
		const reached = initIndex === -1 ? initDone : brokenInit === -1 || initIndex <= brokenInit;
		if (!reached) continue;
		if (isBrokenImage(container.image)) {
			event(runtime, written, path, 'Warning', 'Failed', `Failed to pull image "${container.image}": ${pullError(container.image ?? '')}`);
			event(runtime, written, path, 'Warning', 'Failed', 'Error: ErrImagePull');
			continue;
		}
		pulled(runtime, written, path, container, images);
		event(runtime, written, path, 'Normal', 'Created', `Created container ${container.name}`);
		event(runtime, written, path, 'Normal', 'Started', `Started container ${container.name}`);
	}
}

/** Step 3: after a failed pull the kubelet backs off (ImagePullBackOff); retries only repeat the events. */
export function backOff(runtime: Runtime, pod: KubeObject, retry: boolean): void {
	const status = structuredClone(pod.status ?? {}) as Status;
	const failing: Array<[Container, string]> = [];
	const {init, main} = containersOf(pod);
	for (const [list, statuses] of [[init, status.initContainerStatuses], [main, status.containerStatuses]] as const) {
		for (const item of (statuses ?? []) as Array<{name: string; state?: {waiting?: {reason?: string; message?: string}}}>) {
			const waiting = item.state?.waiting;
			if (waiting?.reason !== 'ErrImagePull' && waiting?.reason !== 'ImagePullBackOff') continue;
			const container = list.find(c => c.name === item.name);
			if (!container) continue;
			item.state = {waiting: {message: `Back-off pulling image "${container.image}"`, reason: 'ImagePullBackOff'}};
			failing.push([container, fieldPath(init.includes(container) ? 'initContainers' : 'containers', container.name)]);
		}
	}
	const written = retry ? pod : runtime.updateStatus(pod, status, sources.kubelet.manager);
	if (!written) return;
	for (const [container, path] of failing) {
		if (retry) {
			event(runtime, written, path, 'Normal', 'Pulling', `Pulling image "${container.image}"`);
			event(runtime, written, path, 'Warning', 'Failed', `Failed to pull image "${container.image}": ${pullError(container.image ?? '')}`);
			event(runtime, written, path, 'Warning', 'Failed', 'Error: ErrImagePull');
		}
		event(runtime, written, path, 'Normal', 'BackOff', `Back-off pulling image "${container.image}"`);
		event(runtime, written, path, 'Warning', 'Failed', 'Error: ImagePullBackOff');
	}
}

/** Step 4, for run-to-completion pods: the containers exit (`command: [false]` exits 1). */
export function finishContainers(runtime: Runtime, pod: KubeObject): void {
	const {main} = containersOf(pod);
	const uid = pod.metadata.uid ?? '';
	const time = runtime.timestamp();
	const previous = (pod.status as Status).containerStatuses as Array<{name: string; state?: {running?: {startedAt?: string}}}> | undefined;
	const codes = main.map(c => (c.command?.[0] === 'false' ? 1 : 0));
	const status: Status = {
		...(pod.status as Status),
		phase: codes.every(code => code === 0) ? 'Succeeded' : 'Failed',
		conditions: podConditions({readyToStart: false, initialized: true, pendingInit: [], ready: false, unready: [], completed: true}, (pod.status as Status).conditions, time),
		containerStatuses: main.map((c, index) => terminatedStatus(c, uid, codes[index]!, previous?.find(s => s.name === c.name)?.state?.running?.startedAt ?? time, time)),
	};
	runtime.updateStatus(pod, status, sources.kubelet.manager);
}

/** The pod's init and regular containers. */
export function containersOf(pod: KubeObject): {init: Container[]; main: Container[]} {
	const spec = (pod.spec ?? {}) as PodSpec;
	return {init: spec.initContainers ?? [], main: spec.containers ?? []};
}

function withPaths(init: Container[], main: Container[]): Array<[Container, string]> {
	return [
		...init.map(c => [c, fieldPath('initContainers', c.name)] as [Container, string]),
		...main.map(c => [c, fieldPath('containers', c.name)] as [Container, string]),
	];
}

function fieldPath(list: string, name: string): string {
	return `spec.${list}{${name}}`;
}

function needsPull(container: Container, images: NodeImages): boolean {
	return container.imagePullPolicy === 'Always' || !images.has(normalizeImage(container.image ?? ''));
}

function pulled(runtime: Runtime, pod: KubeObject, path: string, container: Container, images: NodeImages): void {
	const image = container.image ?? '';
	if (!needsPull(container, images)) {
		event(runtime, pod, path, 'Normal', 'Pulled', `Container image "${image}" already present on machine`);
		return;
	}
	images.add(normalizeImage(image));
	const took = `${runtime.delays.start}ms`;
	const size = 20_000_000 + (fnv32a(image) % 100_000_000);
	event(runtime, pod, path, 'Normal', 'Pulled', `Successfully pulled image "${image}" in ${took} (${took} including waiting). Image size: ${size} bytes.`);
}

function pullError(image: string): string {
	const reference = normalizeImage(image);
	return `rpc error: code = NotFound desc = failed to pull and unpack image "${reference}": failed to resolve reference "${reference}": ${reference}: not found`;
}

function event(runtime: Runtime, pod: KubeObject, fieldPath: string, type: 'Normal' | 'Warning', reason: string, message: string): void {
	runtime.events.record(pod, {type, reason, message, fieldPath, source: sources.kubelet});
}
