/**
 * Argo CD objects as they sit in a cluster: the `default` AppProject and an `Application` with the status
 * the application controller writes (sync, health, resources, history, operationState) as it stood when the
 * demo begins; from then on the simulated application controller (../gitops) writes it.
 */
import {splitApiVersion, type KubeObject} from '../../domain/kube-object.js';
import {rfc3339} from './time.js';

/** Where Argo CD lives. */
export const argoNamespace = 'argocd';
export {argoApplyManager, argoInstanceLabel, argoServerManager, argoStatusManager, argoTrackingAnnotation, trackingId} from '../gitops/marks.js';
/** Argo CD's name for the cluster it runs in. */
export const inClusterServer = 'https://kubernetes.default.svc';

/** The `default` project: any source, any destination. */
export function defaultProject(): KubeObject {
	return {
		apiVersion: 'argoproj.io/v1alpha1',
		kind: 'AppProject',
		metadata: {name: 'default', namespace: argoNamespace},
		spec: {sourceRepos: ['*'], destinations: [{server: '*', namespace: '*'}], clusterResourceWhitelist: [{group: '*', kind: '*'}]},
	};
}

/**
 * An Application of `apps/<name>` into the in-cluster namespace `<name>`, auto-synced with prune but without
 * self-heal: a new commit is synced, drift on the cluster is reported and left alone (Argo CD's default).
 */
export function application(name: string, repoUrl: string): KubeObject {
	return {
		apiVersion: 'argoproj.io/v1alpha1',
		kind: 'Application',
		metadata: {name, namespace: argoNamespace},
		spec: {
			project: 'default',
			source: {repoURL: repoUrl, path: `apps/${name}`, targetRevision: 'main'},
			destination: {server: inClusterServer, namespace: name},
			syncPolicy: {automated: {prune: true, selfHeal: false}, syncOptions: ['CreateNamespace=true', 'ServerSideApply=true']},
		},
	};
}

/** One resource as the controller compared it. */
export type ComparedResource = {object: KubeObject; status: 'Synced' | 'OutOfSync'; health?: 'Healthy' | 'Progressing' | 'Degraded' | 'Missing'};

/** What the Application's status says. */
export type ApplicationStatusInput = {
	name: string;
	repoUrl: string;
	/** The sha `main` resolved to at the last comparison. */
	headSha: string;
	/** Syncs so far (oldest first): the last is the current operation. */
	syncs: Array<{sha: string; startedAt: Date; finishedAt: Date}>;
	resources: readonly ComparedResource[];
	health: 'Healthy' | 'Progressing' | 'Degraded' | 'Missing';
	reconciledAt: Date;
	images: string[];
};

/** The Application's status (written through the main resource: Argo CD's CRD has no status subresource). */
export function applicationStatus(input: ApplicationStatusInput): Record<string, unknown> {
	const source = {repoURL: input.repoUrl, path: `apps/${input.name}`, targetRevision: 'main'};
	const last = input.syncs.at(-1)!;
	const outOfSync = input.resources.some(resource => resource.status === 'OutOfSync');
	const status: Record<string, unknown> = {
		sync: {
			status: outOfSync ? 'OutOfSync' : 'Synced',
			revision: input.headSha,
			comparedTo: {source, destination: {server: inClusterServer, namespace: input.name}},
		},
		health: {status: input.health, lastTransitionTime: rfc3339(input.reconciledAt)},
		resources: input.resources.map(resource => {
			const {group, version} = splitApiVersion(resource.object.apiVersion);
			const entry: Record<string, unknown> = {version, kind: resource.object.kind, namespace: resource.object.metadata.namespace ?? '', name: resource.object.metadata.name, status: resource.status};
			if (group) entry['group'] = group;
			if (resource.health) entry['health'] = {status: resource.health};
			return entry;
		}),
		history: input.syncs.map((sync, index) => ({
			id: index,
			revision: sync.sha,
			deployStartedAt: rfc3339(sync.startedAt),
			deployedAt: rfc3339(sync.finishedAt),
			source,
			initiatedBy: {automated: true},
		})),
		operationState: {
			operation: {initiatedBy: {automated: true}, retry: {limit: 5}, sync: {revision: last.sha, prune: true, syncOptions: ['CreateNamespace=true', 'ServerSideApply=true']}},
			phase: 'Succeeded',
			message: 'successfully synced (all tasks run)',
			startedAt: rfc3339(last.startedAt),
			finishedAt: rfc3339(last.finishedAt),
			syncResult: {
				revision: last.sha,
				source,
				// The last sync applied everything; what is missing now was removed after it.
				resources: input.resources.map(resource => {
						const {group, version} = splitApiVersion(resource.object.apiVersion);
						return {group, version, kind: resource.object.kind, namespace: resource.object.metadata.namespace ?? '', name: resource.object.metadata.name, status: 'Synced', message: `${resource.object.kind.toLowerCase()}/${resource.object.metadata.name} serverside-applied`, syncPhase: 'Sync', hookPhase: 'Running'};
					}),
			},
		},
		reconciledAt: rfc3339(input.reconciledAt),
		sourceType: 'Directory',
		summary: {images: input.images},
		controllerNamespace: argoNamespace,
		conditions: null,
	};
	return status;
}
