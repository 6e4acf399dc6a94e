/**
 * startGitOps: the sandbox plays Flux (source-controller, kustomize-controller) and Argo CD (the application
 * controller) on one sandbox's objects. Tests step it deterministically: a manual scheduler and clock move
 * intervals, reconcileNow() queues one object, settle() waits until nothing is queued or running.
 */
import {mkdir} from 'node:fs/promises';
import type {KubeObject} from '../../domain/kube-object.js';
import {createGit, type Git} from '../../repo/git-runner.js';
import {createFindBinary, createProcessRunner} from '../../repo/process-runner.js';
import type {RenderTools} from '../../repo/render/index.js';
import {systemScheduler, type Scheduler} from '../controllers/scheduler.js';
import type {SandboxObjects} from '../types.js';
import {createArgoController, type ArgoSettings} from './argo-controller.js';
import type {GitOpsController} from './controller.js';
import {createKustomizeController} from './kustomize-controller.js';
import {createGitOpsRuntime, keyOf} from './runtime.js';
import {createSourceController} from './source-controller.js';
import {createAsyncWorkQueue} from './work-queue.js';

export {gitopsKinds} from './runtime.js';
export {primeSourceStorage} from './git-mirror.js';

/** How long a reconcile that threw waits before it is tried again. */
const errorRequeueMs = 30_000;

/** Options for startGitOps. */
export type GitOpsOptions = {
	objects: SandboxObjects;
	/** A folder of this sandbox's own: fetched repositories and their trees. */
	cacheDir: string;
	now?: () => Date;
	/** Timers for intervals and retries; the real ones by default (tests pass a manual one). */
	scheduler?: Scheduler;
	/** git as the controllers run it; by default the system's git with the process's environment. */
	git?: Git;
	/** The renderers' tools (kustomize or kubectl, helm). */
	tools?: RenderTools;
	/** Argo CD's controller settings (resync period, self-heal back-off). */
	argo?: Partial<ArgoSettings>;
	/** Which controllers run (default all three). */
	controllers?: Array<'source' | 'kustomize' | 'argo'>;
	onError?: (error: unknown, context: string) => void;
};

/** The running controllers. */
export type GitOps = {
	/** Queues the object (by kind and `namespace/name`, or every object of its controller's kind) now. */
	reconcileNow(target: {kind: 'GitRepository' | 'Kustomization' | 'Application'; namespace?: string; name?: string}): void;
	/** Resolves when no reconcile is queued or running (timers still pending do not count). */
	settle(): Promise<void>;
	/** Delayed requeues waiting on the scheduler. */
	pendingTimers(): number;
	/** Unsubscribes and stops; resolves when running reconciles finished. Idempotent. */
	stop(): Promise<void>;
};

/** Starts the controllers on the store: objects already stored are scheduled, then every change. */
export async function startGitOps(options: GitOpsOptions): Promise<GitOps> {
	const now = options.now ?? (() => new Date());
	const scheduler = options.scheduler ?? systemScheduler();
	const onError = options.onError ?? (() => {});
	await mkdir(options.cacheDir, {recursive: true});
	const env = {...process.env};
	const git = options.git ?? createGit({run: createProcessRunner(), env});
	const tools = options.tools ?? {run: createProcessRunner(), findBinary: createFindBinary(env), env};
	const byName = new Map<string, GitOpsController>();
	/** A reconcile that throws is reported and retried later, as controller-runtime requeues errors. */
	const handle = async (controller: string, key: string) => {
		try {
			await byName.get(controller)?.reconcile(key);
		} catch (error) {
			onError(error, `${controller} ${key}`);
			queue.enqueue(controller, key, errorRequeueMs);
		}
	};
	const queue = createAsyncWorkQueue({scheduler, now, onError, handle});
	const runtime = createGitOpsRuntime({objects: options.objects, now, scheduler, queue, git, tools, cacheDir: options.cacheDir, onError});
	const wanted = options.controllers ?? ['source', 'kustomize', 'argo'];
	const controllers: GitOpsController[] = [];
	if (wanted.includes('source')) controllers.push(createSourceController(runtime));
	if (wanted.includes('kustomize')) controllers.push(createKustomizeController(runtime));
	if (wanted.includes('argo')) controllers.push(createArgoController(runtime, options.argo));
	for (const controller of controllers) byName.set(controller.name, controller);

	const unsubscribe = options.objects.subscribe(event => {
		for (const controller of controllers) for (const key of controller.keysFor(event)) queue.enqueue(controller.name, key);
	});
	for (const controller of controllers) {
		for (const object of runtime.list(controller.primary)) queue.enqueue(controller.name, keyOf(object), controller.startDelay?.(object) ?? 0);
	}
	let stopping: Promise<void> | undefined;
	return {
		reconcileNow(target) {
			const controller = controllers.find(candidate => candidate.primary.kind === target.kind);
			if (!controller) return;
			const objects: KubeObject[] = runtime.list(controller.primary, target.namespace);
			for (const object of objects) if (target.name === undefined || object.metadata.name === target.name) queue.enqueue(controller.name, keyOf(object));
		},
		settle: () => queue.settle(),
		pendingTimers: () => queue.pendingTimers(),
		stop() {
			stopping ??= (async () => {
				unsubscribe();
				await queue.stop();
			})();
			return stopping;
		},
	};
}
