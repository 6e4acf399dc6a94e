/**
 * A sync operation as the application controller runs it: operationState Running, then every desired object
 * server-side applied (forced) as `argocd-controller` with the tracking marks, the destination namespace
 * created first when `CreateNamespace=true`, extras deleted when the operation prunes; then Succeeded or
 * Failed with Argo CD's messages and the syncResult, a new status.history entry, and `operation` cleared.
 */
import {specOf, statusOf} from '../../domain/health/conditions.js';
import {splitApiVersion, type KubeObject} from '../../domain/kube-object.js';
import {compareApp} from './argo-compare.js';
import {destinationNamespace, generateManifests, sourceOf} from './argo-source.js';
import {argoApplyManager, argoStatusManager} from './marks.js';
import {gitopsKinds, gitopsSources, type GitOpsRuntime} from './runtime.js';

/** An Application's `operation`. */
export type Operation = {
	sync?: {revision?: string; prune?: boolean; syncOptions?: string[]};
	initiatedBy?: {username?: string; automated?: boolean};
	retry?: unknown;
};

type ResourceResult = {group: string; version: string; kind: string; namespace: string; name: string; status: 'Synced' | 'SyncFailed' | 'Pruned'; message: string; syncPhase: 'Sync'; hookPhase: 'Running' | 'Failed'};

/** Runs the Application's operation to its end and writes the outcome. */
export async function runSyncOperation(runtime: GitOpsRuntime, app: KubeObject): Promise<void> {
	const namespace = app.metadata.namespace ?? '';
	const name = app.metadata.name ?? '';
	const operation = (app['operation'] ?? {}) as Operation;
	const startedAt = runtime.timestamp();
	writeApp(runtime, namespace, name, (object, status) => {
		status['operationState'] = {operation, phase: 'Running', message: '', startedAt};
	});
	const initiator = operation.initiatedBy?.automated ? 'automated sync' : `sync by ${operation.initiatedBy?.username ?? 'admin'}`;
	runtime.events.record(app, {type: 'Normal', reason: 'OperationStarted', message: `Initiated ${initiator} to '${operation.sync?.revision || sourceOf(app).targetRevision || 'HEAD'}'`, source: gitopsSources.argo});
	const manifests = await generateManifests(runtime, app, operation.sync?.revision);
	const source = sourceOf(app);
	if (!manifests.ok) return finish(runtime, app, {operation, startedAt, phase: 'Error', message: manifests.message});
	const syncOptions = operation.sync?.syncOptions ?? ((specOf(app).syncPolicy?.syncOptions ?? []) as string[]);
	const destination = destinationNamespace(app);
	if (destination && syncOptions.includes('CreateNamespace=true') && !runtime.get({apiVersion: 'v1', kind: 'Namespace'}, undefined, destination)) {
		runtime.apply({apiVersion: 'v1', kind: 'Namespace', metadata: {name: destination}}, argoApplyManager);
	}
	const results: ResourceResult[] = [];
	const ordered = [...manifests.objects].sort((a, b) => weight(a) - weight(b));
	for (const object of ordered) {
		const applied = runtime.apply(object, argoApplyManager);
		results.push(result(object, applied.ok ? 'Synced' : 'SyncFailed', applied.ok ? `${resourceName(object)} serverside-applied` : applied.message));
	}
	if (operation.sync?.prune) {
		for (const extra of compareApp(runtime, name, manifests.objects).extra) {
			runtime.remove(extra);
			results.push(result(extra, 'Pruned', 'pruned'));
		}
	}
	const failed = results.filter(entry => entry.status === 'SyncFailed');
	const message = failed.length > 0 ? `one or more objects failed to apply, reason: ${failed.map(entry => entry.message).join(', ')}` : 'successfully synced (all tasks run)';
	finish(runtime, app, {operation, startedAt, phase: failed.length > 0 ? 'Failed' : 'Succeeded', message, syncResult: {revision: manifests.sha, source, resources: results}});
}

function finish(
	runtime: GitOpsRuntime,
	app: KubeObject,
	outcome: {operation: Operation; startedAt: string; phase: 'Succeeded' | 'Failed' | 'Error'; message: string; syncResult?: {revision: string; source: unknown; resources: ResourceResult[]}},
): void {
	const finishedAt = runtime.timestamp();
	writeApp(runtime, app.metadata.namespace ?? '', app.metadata.name ?? '', (object, status) => {
		delete object['operation'];
		const state: Record<string, unknown> = {operation: outcome.operation, phase: outcome.phase, message: outcome.message, startedAt: outcome.startedAt, finishedAt};
		if (outcome.syncResult) state['syncResult'] = outcome.syncResult;
		status['operationState'] = state;
		if (outcome.phase !== 'Succeeded' || !outcome.syncResult) return;
		const history = (Array.isArray(status['history']) ? status['history'] : []) as Array<{id: number}>;
		const id = history.reduce((max, entry) => Math.max(max, entry.id), -1) + 1;
		const limit = Number(specOf(object).revisionHistoryLimit ?? 10);
		const initiatedBy = outcome.operation.initiatedBy ?? {username: 'admin'};
		const entry = {id, revision: outcome.syncResult.revision, deployStartedAt: outcome.startedAt, deployedAt: finishedAt, source: outcome.syncResult.source, initiatedBy};
		status['history'] = [...history, entry].slice(-limit);
	});
	const revision = outcome.syncResult?.revision ?? '';
	const reason = outcome.phase === 'Succeeded' ? 'OperationCompleted' : 'OperationCompleted';
	runtime.events.record(app, {
		type: outcome.phase === 'Succeeded' ? 'Normal' : 'Warning',
		reason,
		message: outcome.phase === 'Succeeded' ? `Sync operation to ${revision} succeeded` : `Sync operation to ${revision} failed: ${outcome.message}`,
		source: gitopsSources.argo,
	});
}

/** Rewrites the live Application (status and `operation`, through the main resource: no status subresource). */
export function writeApp(runtime: GitOpsRuntime, namespace: string, name: string, change: (object: KubeObject, status: Record<string, unknown>) => void): KubeObject | undefined {
	const current = runtime.get(gitopsKinds.application, namespace, name);
	if (!current) return undefined;
	const next = structuredClone(current);
	const status = structuredClone(statusOf(current)) as Record<string, unknown>;
	change(next, status);
	next['status'] = status;
	return runtime.update(next, argoStatusManager);
}

function result(object: KubeObject, status: ResourceResult['status'], message: string): ResourceResult {
	const {group, version} = splitApiVersion(object.apiVersion);
	return {group, version, kind: object.kind, namespace: object.metadata.namespace ?? '', name: object.metadata.name ?? '', status, message, syncPhase: 'Sync', hookPhase: status === 'SyncFailed' ? 'Failed' : 'Running'};
}

/** `deployment.apps/api`, as kubectl and Argo CD name objects in messages. */
function resourceName(object: KubeObject): string {
	const {group} = splitApiVersion(object.apiVersion);
	return `${object.kind.toLowerCase()}${group ? `.${group}` : ''}/${object.metadata.name ?? ''}`;
}

/** Namespaces, then configuration, then workloads (a rough version of gitops-engine's kind order). */
function weight(object: KubeObject): number {
	const order = ['Namespace', 'ServiceAccount', 'Secret', 'ConfigMap', 'PersistentVolumeClaim', 'Service'];
	const index = order.indexOf(object.kind);
	return index === -1 ? order.length : index;
}
