/**
 * Pod status as the kubelet writes it: conditions in the kubelet's order, container statuses per state,
 * image names as containerd reports them.
 */
import {fnv32a, mix32} from '../defaults/hash.js';
import {nodeIP} from './kinds.js';

/** A container of a pod spec, as far as status needs it. */
export type ContainerSpec = {name: string; image?: string};

type Condition = Record<string, unknown>;

/** `nginx:1.25` → `docker.io/library/nginx:1.25`, as the runtime reports the image. */
export function normalizeImage(image: string): string {
	const firstSlash = image.indexOf('/');
	const first = firstSlash === -1 ? '' : image.slice(0, firstSlash);
	const hasRegistry = first.includes('.') || first.includes(':') || first === 'localhost';
	let name = hasRegistry ? image : `docker.io/${firstSlash === -1 ? `library/${image}` : image}`;
	const lastSlash = name.lastIndexOf('/');
	if (!name.includes('@') && !name.slice(lastSlash).includes(':')) name += ':latest';
	return name;
}

/** Deterministic hex of a given length, for container IDs and image digests. */
export function hex(seed: string, length: number): string {
	let result = '';
	let state = fnv32a(seed);
	while (result.length < length) {
		state = mix32(state + 0x9e3779b9);
		result += state.toString(16).padStart(8, '0');
	}
	return result.slice(0, length);
}

/** The digest reference an image resolves to. */
export function imageID(image: string): string {
	const normalized = normalizeImage(image);
	const at = normalized.indexOf('@');
	if (at !== -1) return normalized;
	const lastSlash = normalized.lastIndexOf('/');
	const colon = normalized.indexOf(':', lastSlash);
	return `${normalized.slice(0, colon)}@sha256:${hex(normalized, 64)}`;
}

/** The pod's address on the sandbox pod network. */
export function podIP(podUid: string): string {
	return `10.244.0.${2 + (fnv32a(podUid) % 250)}`;
}

/** A waiting container (ContainerCreating, ErrImagePull, ImagePullBackOff, PodInitializing). */
export function waitingStatus(container: ContainerSpec, reason: string, message?: string): Record<string, unknown> {
	return {
		image: container.image ?? '',
		imageID: '',
		lastState: {},
		name: container.name,
		ready: false,
		restartCount: 0,
		started: false,
		state: {waiting: message ? {message, reason} : {reason}},
	};
}

/** A running container. */
export function runningStatus(container: ContainerSpec, podUid: string, startedAt: string, ready: boolean): Record<string, unknown> {
	const image = container.image ?? '';
	return {
		containerID: containerID(podUid, container.name),
		image: normalizeImage(image),
		imageID: imageID(image),
		lastState: {},
		name: container.name,
		ready,
		restartCount: 0,
		started: true,
		state: {running: {startedAt}},
	};
}

/** A container that exited (Completed for 0, Error otherwise). */
export function terminatedStatus(container: ContainerSpec, podUid: string, exitCode: number, startedAt: string, finishedAt: string): Record<string, unknown> {
	const image = container.image ?? '';
	const id = containerID(podUid, container.name);
	return {
		containerID: id,
		image: normalizeImage(image),
		imageID: imageID(image),
		lastState: {},
		name: container.name,
		ready: false,
		restartCount: 0,
		started: false,
		state: {terminated: {containerID: id, exitCode, finishedAt, reason: exitCode === 0 ? 'Completed' : 'Error', startedAt}},
	};
}

/** What the pod's conditions should say. */
export type ConditionFacts = {
	readyToStart: boolean;
	initialized: boolean;
	/** Init containers not yet done, for the Initialized message. */
	pendingInit: string[];
	ready: boolean;
	/** Containers not ready, for the Ready/ContainersReady messages. */
	unready: string[];
	/** The pod ran to completion: Ready is False with reason PodCompleted. */
	completed: boolean;
};

/** Pod conditions in the kubelet's order, keeping transition times of conditions whose status holds. */
export function podConditions(facts: ConditionFacts, previous: Condition[] | undefined, time: string): Condition[] {
	const notReady = facts.completed
		? {reason: 'PodCompleted'}
		: {message: `containers with unready status: [${facts.unready.join(' ')}]`, reason: 'ContainersNotReady'};
	const list: Condition[] = [
		{type: 'PodReadyToStartContainers', status: bool(facts.readyToStart)},
		facts.initialized
			? {type: 'Initialized', status: 'True', ...(facts.completed ? {reason: 'PodCompleted'} : {})}
			: {type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: `containers with incomplete status: [${facts.pendingInit.join(' ')}]`},
		facts.ready ? {type: 'Ready', status: 'True'} : {type: 'Ready', status: 'False', ...notReady},
		facts.ready ? {type: 'ContainersReady', status: 'True'} : {type: 'ContainersReady', status: 'False', ...notReady},
		{type: 'PodScheduled', status: 'True'},
	];
	return list.map(condition => {
		const before = previous?.find(item => item.type === condition.type);
		const lastTransitionTime = before && before.status === condition.status ? before.lastTransitionTime : time;
		return {...condition, lastProbeTime: null, lastTransitionTime};
	});
}

/** The node and pod addresses a running pod reports. */
export function addresses(podUid: string): Record<string, unknown> {
	const ip = podIP(podUid);
	return {hostIP: nodeIP, hostIPs: [{ip: nodeIP}], podIP: ip, podIPs: [{ip}]};
}

function containerID(podUid: string, name: string): string {
	return `containerd://${hex(`${podUid}/${name}`, 64)}`;
}

function bool(value: boolean): 'True' | 'False' {
	return value ? 'True' : 'False';
}
