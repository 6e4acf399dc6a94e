import type {KubeObject} from '../kube-object.js';
import {conditionIsTrue, specOf, statusOf} from './conditions.js';
import {health, type Health} from './health.js';

type ContainerStatus = {
	name?: string;
	state?: {waiting?: {reason?: string; message?: string}; terminated?: {reason?: string; message?: string; exitCode?: number}};
	lastState?: {terminated?: unknown};
};

/**
 * Pod health as gitops-engine judges it: long-running pods (restartPolicy Always) stuck in a waiting reason like
 * ImagePullBackOff, CrashLoopBackOff or ErrImagePull are Degraded; then by phase. Pods that run to completion
 * (OnFailure/Never, often hooks) stay Progressing while running.
 */
export function podHealth(object: KubeObject): Health {
	const spec = specOf(object);
	const status = statusOf(object);
	const restartPolicy = spec.restartPolicy ?? 'Always';
	const containers = asStatuses(status.containerStatuses);
	const initContainers = asStatuses(status.initContainerStatuses);
	if (restartPolicy === 'Always') {
		const stuck = [...initContainers, ...containers]
			.map(container => container.state?.waiting)
			.filter(waiting => waiting && isFailureReason(waiting.reason ?? ''));
		if (stuck.length > 0) {
			return health('Degraded', stuck.map(waiting => waiting?.message || waiting?.reason).join(', '));
		}
	}

	const message = typeof status.message === 'string' ? status.message : undefined;
	switch (status.phase) {
		case 'Pending': {
			return health('Progressing', message);
		}

		case 'Succeeded': {
			return health('Healthy', message);
		}

		case 'Failed': {
			if (message) return health('Degraded', message);
			for (const container of [...initContainers, ...containers]) {
				const failure = failureMessage(container);
				if (failure) return health('Degraded', failure);
			}

			return health('Degraded');
		}

		case 'Running': {
			if (restartPolicy !== 'Always') return health('Progressing', message);
			if (conditionIsTrue(object, 'Ready')) return health('Healthy', message);
			if (containers.some(container => container.lastState?.terminated)) return health('Degraded', message);
			return health('Progressing', message);
		}

		default: {
			return health('Unknown', message);
		}
	}
}

function isFailureReason(reason: string): boolean {
	return reason.startsWith('Err') || reason.endsWith('Error') || reason.endsWith('BackOff');
}

function failureMessage(container: ContainerStatus): string | undefined {
	const terminated = container.state?.terminated;
	if (!terminated) return undefined;
	if (terminated.message) return terminated.message;
	if (terminated.reason === 'OOMKilled') return terminated.reason;
	if (terminated.exitCode) return `container "${container.name}" failed with exit code ${terminated.exitCode}`;
	return undefined;
}

function asStatuses(value: unknown): ContainerStatus[] {
	return Array.isArray(value) ? (value as ContainerStatus[]) : [];
}
