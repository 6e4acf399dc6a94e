/**
 * The kubelet of the sandbox's one node: walks each bound pod through its life (ContainerCreating →
 * Running/Ready, or ErrImagePull → ImagePullBackOff for a `broken` image; run-to-completion pods exit after a
 * while). The stage is read back from the pod's status, so the kubelet can pick up pods it never saw begin.
 */
import type {KubeObject} from '../../domain/kube-object.js';
import type {Controller} from './controller.js';
import {isKind, kinds, nodeName} from './kinds.js';
import {backOff, createContainers, finishContainers, type NodeImages, startContainers} from './kubelet-steps.js';
import {keyOf, splitKey} from './owners.js';
import {podPhase} from './pods.js';
import type {Runtime} from './runtime.js';

type Stage = 'bound' | 'creating' | 'pull-failed' | 'backing-off' | 'running' | 'done';
type Memo = {uid: string | undefined; stage: Stage; due: number; retry: number};
type ContainerStatus = {state?: {waiting?: {reason?: string}; running?: unknown}};

/** Creates the kubelet controller. */
export function createKubelet(runtime: Runtime): Controller {
	const memos = new Map<string, Memo>();
	const images: NodeImages = new Set();
	const delays = runtime.delays;

	const delayFor = (stage: Stage, pod: KubeObject, retry: number): number | undefined => {
		switch (stage) {
			case 'bound': return delays.create;
			case 'creating': return delays.start;
			case 'pull-failed': return delays.backOff;
			case 'backing-off': return retry;
			case 'running': return restartPolicy(pod) === 'Always' ? undefined : delays.run;
			case 'done': return undefined;
		}
	};

	return {
		name: 'kubelet',
		primary: kinds.pod,
		keysFor(event) {
			if (!isKind(event.object, kinds.pod)) return [];
			if (event.type === 'DELETED') {
				memos.delete(keyOf(event.object));
				return [];
			}
			return (event.object.spec as {nodeName?: string} | undefined)?.nodeName === nodeName ? [keyOf(event.object)] : [];
		},
		reconcile(key) {
			const {namespace, name} = splitKey(key);
			const pod = runtime.get(kinds.pod, namespace, name);
			if (!pod || (pod.spec as {nodeName?: string}).nodeName !== nodeName || pod.metadata.deletionTimestamp) {
				memos.delete(key);
				return;
			}
			const stage = stageOf(pod);
			const now = runtime.now().getTime();
			let memo = memos.get(key);
			if (!memo || memo.uid !== pod.metadata.uid || memo.stage !== stage) {
				const retry = stage === 'backing-off' && memo?.stage === 'backing-off' ? memo.retry : delays.pullRetry;
				const delay = delayFor(stage, pod, retry);
				if (delay === undefined) {
					memos.delete(key);
					return;
				}
				memo = {uid: pod.metadata.uid, stage, due: now + delay, retry};
				memos.set(key, memo);
			}
			if (now < memo.due) {
				runtime.queue.enqueue('kubelet', key, memo.due - now);
				return;
			}
			advance(stage, pod, memo, now);
		},
	};

	function advance(stage: Stage, pod: KubeObject, memo: Memo, now: number): void {
		switch (stage) {
			case 'bound': createContainers(runtime, pod, images); break;
			case 'creating': startContainers(runtime, pod, images); break;
			case 'pull-failed': backOff(runtime, pod, false); break;
			case 'backing-off': {
				// The status stays ImagePullBackOff; each retry shows up as events with growing counts.
				backOff(runtime, pod, true);
				memo.retry = Math.min(memo.retry * 2, delays.pullRetryMax);
				memo.due = now + memo.retry;
				runtime.queue.enqueue('kubelet', keyOf(pod), memo.retry);
				break;
			}
			case 'running': finishContainers(runtime, pod); break;
			case 'done': break;
		}
	}
}

function stageOf(pod: KubeObject): Stage {
	const phase = podPhase(pod);
	if (phase === 'Succeeded' || phase === 'Failed') return 'done';
	const status = (pod.status ?? {}) as {containerStatuses?: ContainerStatus[]; initContainerStatuses?: ContainerStatus[]};
	const all = [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])];
	if (all.length === 0) return 'bound';
	const reasons = all.map(item => item.state?.waiting?.reason);
	if (reasons.includes('ErrImagePull')) return 'pull-failed';
	if (reasons.includes('ImagePullBackOff')) return 'backing-off';
	if (phase === 'Running') return 'running';
	return 'creating';
}

function restartPolicy(pod: KubeObject): string {
	return (pod.spec as {restartPolicy?: string}).restartPolicy ?? 'Always';
}
