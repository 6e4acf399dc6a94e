/**
 * The Job controller: runs up to `parallelism` pods until `completions` succeed (Complete, with
 * SuccessCriteriaMet as v1.31+ writes it), replaces failed pods after a back-off and fails the Job once more
 * than backoffLimit pods failed (BackoffLimitExceeded). A pod stuck on a broken image is neither: the Job
 * stays active, exactly as on a real cluster. A suspended Job runs nothing.
 */
import type {KubeObject} from '../../domain/kube-object.js';
import {type Controller, primaryAndOwnerKeys} from './controller.js';
import {sources} from './events.js';
import {kinds} from './kinds.js';
import {controlledBy, controllerRef, splitKey} from './owners.js';
import {isPodActive, isPodReady, podFromTemplate, podPhase} from './pods.js';
import type {Runtime} from './runtime.js';
import {stableStringify} from './template-hash.js';

type Spec = {completions?: number | null; parallelism?: number; backoffLimit?: number; suspend?: boolean; template?: unknown};
type Condition = {type: string; status: string; reason?: string; message?: string; lastProbeTime: string; lastTransitionTime: string};
type Status = {conditions?: Condition[]; startTime?: string; completionTime?: string; failed?: number};

/** Creates the Job controller. */
export function createJobController(runtime: Runtime): Controller {
	return {
		name: 'job',
		primary: kinds.job,
		keysFor: event => primaryAndOwnerKeys(event, kinds.job, [kinds.pod]),
		reconcile(key) {
			const {namespace, name} = splitKey(key);
			const job = runtime.get(kinds.job, namespace, name);
			if (!job || job.metadata.deletionTimestamp) return;
			const previous = (job.status ?? {}) as Status;
			if (previous.conditions?.some(item => (item.type === 'Complete' || item.type === 'Failed') && item.status === 'True')) return;
			const spec = (job.spec ?? {}) as Spec;
			const pods = controlledBy(runtime.list(kinds.pod, namespace), job);
			let active = pods.filter(isPodActive);
			const succeeded = pods.filter(pod => podPhase(pod) === 'Succeeded').length;
			const failed = pods.filter(pod => podPhase(pod) === 'Failed').length;
			const time = runtime.timestamp();
			const status: Record<string, unknown> = {uncountedTerminatedPods: {}, terminating: 0};
			// A suspended Job has not started.
			if (previous.startTime || !spec.suspend) status.startTime = previous.startTime ?? time;
			const conditions: Condition[] = [...(previous.conditions ?? [])];
			const completions = spec.completions ?? undefined;
			const done = completions === undefined ? succeeded > 0 && active.length === 0 : succeeded >= completions;
			if (failed > (spec.backoffLimit ?? 6)) {
				for (const pod of active) deletePod(runtime, job, pod);
				active = [];
				const message = 'Job has reached the specified backoff limit';
				conditions.push(condition('FailureTarget', 'BackoffLimitExceeded', message, time), condition('Failed', 'BackoffLimitExceeded', message, time));
				runtime.events.record(job, {type: 'Warning', reason: 'BackoffLimitExceeded', message, source: sources.job});
			} else if (done) {
				const message = 'Reached expected number of succeeded pods';
				conditions.push(condition('SuccessCriteriaMet', 'CompletionsReached', message, time), condition('Complete', 'CompletionsReached', message, time));
				status.completionTime = time;
				runtime.events.record(job, {type: 'Normal', reason: 'Completed', message: 'Job completed', source: sources.job});
			} else if (!spec.suspend) {
				const remaining = completions === undefined ? 1 : completions - succeeded;
				const wanted = Math.min(spec.parallelism ?? 1, remaining);
				const delay = failed === 0 ? 0 : Math.min(runtime.delays.jobBackoff * 2 ** (failed - 1), runtime.delays.jobBackoffMax);
				const lastFailure = lastFinish(pods);
				const wait = lastFailure === undefined ? 0 : lastFailure + delay - runtime.now().getTime();
				if (active.length < wanted && wait > 0) runtime.queue.enqueue('job', key, wait);
				else for (let index = active.length; index < wanted; index++) createPod(runtime, job, spec);
			}
			const fresh = controlledBy(runtime.list(kinds.pod, namespace), job).filter(isPodActive);
			if (fresh.length > 0) status.active = fresh.length;
			status.ready = fresh.filter(isPodReady).length;
			if (succeeded > 0) status.succeeded = succeeded;
			if (failed > 0) status.failed = failed;
			if (conditions.length > 0) status.conditions = conditions;
			if (previous.completionTime) status.completionTime = previous.completionTime;
			if (stableStringify(status) !== stableStringify(previous)) runtime.updateStatus(job, status, sources.job.manager);
		},
	};
}

function condition(type: string, reason: string, message: string, time: string): Condition {
	return {type, status: 'True', reason, message, lastProbeTime: time, lastTransitionTime: time};
}

function createPod(runtime: Runtime, job: KubeObject, spec: Spec): void {
	const prefix = `${job.metadata.name}-`;
	const name = runtime.generateName(kinds.pod, job.metadata.namespace, prefix);
	const pod = podFromTemplate({template: spec.template, name, generateName: prefix, namespace: job.metadata.namespace, owner: controllerRef(job)});
	if (!runtime.create(pod, sources.job.manager)) return;
	runtime.events.record(job, {type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${name}`, source: sources.job});
}

function deletePod(runtime: Runtime, job: KubeObject, pod: KubeObject): void {
	runtime.remove(pod);
	runtime.events.record(job, {type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted pod: ${pod.metadata.name}`, source: sources.job});
}

/** When the most recent failed pod finished (ms), for the back-off before its replacement. */
function lastFinish(pods: KubeObject[]): number | undefined {
	let latest: number | undefined;
	for (const pod of pods) {
		if (podPhase(pod) !== 'Failed') continue;
		const statuses = ((pod.status as {containerStatuses?: Array<{state?: {terminated?: {finishedAt?: string}}}>}).containerStatuses ?? []);
		for (const item of statuses) {
			const finished = Date.parse(item.state?.terminated?.finishedAt ?? '');
			if (!Number.isNaN(finished)) latest = Math.max(latest ?? finished, finished);
		}
	}
	return latest;
}
