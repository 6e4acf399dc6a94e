/**
 * What the simulated GitOps controllers share: typed reads and writes on the sandbox's objects (the workload
 * controllers' runtime, so writes default, version and record managedFields alike), server-side apply, Events,
 * the async work queue, the clock, git and the renderers' tools, and the cache folder fetched sources live in.
 */
import type {KubeObject} from '../../domain/kube-object.js';
import type {Git} from '../../repo/git-runner.js';
import type {RenderTools} from '../../repo/render/index.js';
import {createEventRecorder, type EventRecorder} from '../controllers/events.js';
import type {KindRef} from '../controllers/kinds.js';
import {createRuntime, type Runtime} from '../controllers/runtime.js';
import {defaultDelays, type Scheduler} from '../controllers/scheduler.js';
import {createWorkQueue} from '../controllers/work-queue.js';
import {nameSuffix} from '../defaults/hash.js';
import type {SandboxObjects} from '../types.js';
import type {AsyncWorkQueue} from './work-queue.js';

/** The kinds the GitOps controllers reconcile. */
export const gitopsKinds = {
	gitRepository: {apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository'},
	kustomization: {apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization'},
	application: {apiVersion: 'argoproj.io/v1alpha1', kind: 'Application'},
	configMap: {apiVersion: 'v1', kind: 'ConfigMap'},
	secret: {apiVersion: 'v1', kind: 'Secret'},
} as const satisfies Record<string, KindRef>;

/** Components as Flux and Argo CD name themselves in Events, with the manager their Event writes carry. */
export const gitopsSources = {
	source: {component: 'source-controller', manager: 'source-controller'},
	kustomize: {component: 'kustomize-controller', manager: 'kustomize-controller'},
	argo: {component: 'argocd-application-controller', manager: 'argocd-application-controller'},
} as const;

/** Result of a server-side apply. */
export type ApplyOutcome = {ok: true; object: KubeObject} | {ok: false; status: number; message: string};

/** The shared services. */
export type GitOpsRuntime = Pick<Runtime, 'objects' | 'now' | 'timestamp' | 'get' | 'list' | 'update' | 'updateStatus' | 'remove' | 'served'> & {
	events: EventRecorder;
	queue: AsyncWorkQueue;
	scheduler: Scheduler;
	git: Git;
	tools: RenderTools;
	/** Per-sandbox folder: fetched repositories and their trees. */
	cacheDir: string;
	/** Server-side apply (or its dry run) as a field manager, always forced (as Flux and Argo CD with SSA apply). */
	apply(object: KubeObject, manager: string, options?: {dryRun?: boolean}): ApplyOutcome;
	onError(error: unknown, context: string): void;
};

/** Options for createGitOpsRuntime. */
export type GitOpsRuntimeOptions = {
	objects: SandboxObjects;
	now: () => Date;
	scheduler: Scheduler;
	queue: AsyncWorkQueue;
	git: Git;
	tools: RenderTools;
	cacheDir: string;
	onError(error: unknown, context: string): void;
};

/** Builds the runtime over the workload controllers' object access and event recorder. */
export function createGitOpsRuntime(options: GitOpsRuntimeOptions): GitOpsRuntime {
	// The workload runtime wants its own (synchronous) queue; the GitOps controllers never use it.
	const unused = createWorkQueue({scheduler: options.scheduler, now: options.now, onError: options.onError, handle: () => {}});
	const base = createRuntime({objects: options.objects, now: options.now, delays: defaultDelays(), queue: unused, onError: options.onError, nameSuffix});
	return {
		objects: base.objects,
		now: base.now,
		timestamp: base.timestamp,
		get: base.get,
		list: base.list,
		update: base.update,
		updateStatus: base.updateStatus,
		remove: base.remove,
		served: base.served,
		events: createEventRecorder(base),
		queue: options.queue,
		scheduler: options.scheduler,
		git: options.git,
		tools: options.tools,
		cacheDir: options.cacheDir,
		onError: options.onError,
		apply(object, manager, applyOptions = {}) {
			const type = options.objects.resourceType(object.apiVersion, object.kind);
			if (!type) return {ok: false, status: 404, message: `the server could not find the requested resource (${object.apiVersion} ${object.kind})`};
			try {
				return options.objects.apply(type, object, {manager, force: true, dryRun: applyOptions.dryRun});
			} catch (error) {
				return {ok: false, status: 500, message: error instanceof Error ? error.message : String(error)};
			}
		},
	};
}

/** `namespace/name` of an object. */
export function keyOf(object: KubeObject): string {
	return `${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}`;
}

/** Splits `namespace/name`. */
export function splitKey(key: string): {namespace: string; name: string} {
	const slash = key.indexOf('/');
	return {namespace: key.slice(0, slash), name: key.slice(slash + 1)};
}
