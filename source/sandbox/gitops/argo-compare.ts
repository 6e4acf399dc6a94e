/**
 * The application controller's comparison: each desired object against live by a server-side apply dry run
 * as `argocd-controller` (Argo CD's server-side diff), so server defaults and other managers' fields are not
 * drift; live objects tracked by the app that Git no longer has are OutOfSync and require pruning. Health per
 * object by the project's health rules (as gitops-engine's), the app's the worst of them.
 */
import {exactCompare} from '../../domain/exact-compare.js';
import {ownersOf, summariseManagedFields} from '../../domain/field-paths.js';
import {healthOf, worstHealth, type HealthStatus} from '../../domain/health/index.js';
import {argoIgnoreRules, isFieldIgnored, rulesForKey} from '../../domain/ignore-rules.js';
import {splitApiVersion, type KubeObject} from '../../domain/kube-object.js';
import type {KindRef} from '../controllers/kinds.js';
import {argoApplyManager, argoInstanceLabel, argoTrackingAnnotation} from './marks.js';
import type {GitOpsRuntime} from './runtime.js';

/** One entry of status.resources. */
export type ResourceStatus = {
	group?: string;
	version: string;
	kind: string;
	namespace: string;
	name: string;
	status: 'Synced' | 'OutOfSync';
	health?: {status: HealthStatus; message?: string};
	requiresPruning?: boolean;
};

/** A comparison: per-resource statuses, the app's sync and health, and the live objects to prune. */
export type Comparison = {resources: ResourceStatus[]; sync: 'Synced' | 'OutOfSync'; health: HealthStatus; extra: KubeObject[]};

/** Kinds searched for objects the app tracks besides those Git names (what Argo CD's cluster cache watches). */
const trackedKinds: KindRef[] = [
	{apiVersion: 'v1', kind: 'ConfigMap'},
	{apiVersion: 'v1', kind: 'Secret'},
	{apiVersion: 'v1', kind: 'Service'},
	{apiVersion: 'v1', kind: 'ServiceAccount'},
	{apiVersion: 'apps/v1', kind: 'Deployment'},
	{apiVersion: 'apps/v1', kind: 'StatefulSet'},
	{apiVersion: 'apps/v1', kind: 'DaemonSet'},
	{apiVersion: 'batch/v1', kind: 'Job'},
	{apiVersion: 'batch/v1', kind: 'CronJob'},
	{apiVersion: 'networking.k8s.io/v1', kind: 'Ingress'},
	{apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler'},
];

/**
 * Compares desired objects with the cluster; differences the Application's ignoreDifferences name (JSON
 * pointers, simple jq paths, fields owned by managedFieldsManagers) do not count.
 */
export function compareApp(runtime: GitOpsRuntime, app: string, desired: readonly KubeObject[], ignoreDifferences?: unknown): Comparison {
	const rules = argoIgnoreRules(ignoreDifferences);
	const resources: ResourceStatus[] = [];
	const seen = new Set<string>();
	for (const object of desired) {
		seen.add(identity(object));
		const live = liveOf(runtime, object);
		if (!live) {
			resources.push({...refOf(object), status: 'OutOfSync', health: {status: 'Missing'}});
			continue;
		}
		const dryRun = runtime.apply(object, argoApplyManager, {dryRun: true});
		const status = !dryRun.ok || differs(live, dryRun.object, rulesForKey(rules, keyOf(object))) ? 'OutOfSync' : 'Synced';
		resources.push(withHealth({...refOf(object), status}, live));
	}
	const extra: KubeObject[] = [];
	const kinds = new Map<string, KindRef>(trackedKinds.map(kind => [`${kind.apiVersion}/${kind.kind}`, kind]));
	for (const object of desired) kinds.set(`${object.apiVersion}/${object.kind}`, {apiVersion: object.apiVersion, kind: object.kind});
	for (const kind of kinds.values()) {
		for (const live of runtime.list(kind)) {
			if (seen.has(identity(live)) || !trackedBy(live, app)) continue;
			extra.push(live);
			resources.push(withHealth({...refOf(live), status: 'OutOfSync', requiresPruning: true}, live));
		}
	}
	resources.sort((a, b) => order(a).localeCompare(order(b)));
	const healths = resources.flatMap(resource => (resource.health ? [resource.health.status] : []));
	return {
		resources,
		sync: resources.some(resource => resource.status === 'OutOfSync') ? 'OutOfSync' : 'Synced',
		health: healths.length > 0 ? worstHealth(healths) : 'Healthy',
		extra,
	};
}

/** Whether Argo CD's tracking marks name this app (annotation first, as tracking method annotation+label). */
export function trackedBy(object: KubeObject, app: string): boolean {
	const annotation = object.metadata.annotations?.[argoTrackingAnnotation];
	if (annotation !== undefined) return annotation.startsWith(`${app}:`);
	return object.metadata.labels?.[argoInstanceLabel] === app;
}

/** The app an object is tracked by, if any. */
export function trackingApp(object: KubeObject): string | undefined {
	const annotation = object.metadata.annotations?.[argoTrackingAnnotation];
	if (annotation !== undefined) return annotation.split(':')[0];
	return object.metadata.labels?.[argoInstanceLabel];
}

export function liveOf(runtime: GitOpsRuntime, object: KubeObject): KubeObject | undefined {
	const type = runtime.objects.resourceType(object.apiVersion, object.kind);
	if (!type) return undefined;
	return runtime.objects.get(type, type.namespaced ? object.metadata.namespace : undefined, object.metadata.name ?? '');
}

/** Whether the dry-run result differs from live in a field no ignore rule hides. */
function differs(live: KubeObject, dryRun: KubeObject, rules: ReturnType<typeof argoIgnoreRules>): boolean {
	const managers = summariseManagedFields(live.metadata.managedFields);
	return exactCompare(live, dryRun).some(path => !isFieldIgnored(path, rules, {objects: [live, dryRun], owners: ownersOf(managers, path).map(owner => owner.manager)}));
}

function keyOf(object: KubeObject): {group: string; version: string; kind: string; namespace: string; name: string} {
	const {group, version} = splitApiVersion(object.apiVersion);
	return {group, version, kind: object.kind, namespace: object.metadata.namespace ?? '', name: object.metadata.name ?? ''};
}

function withHealth(resource: ResourceStatus, live: KubeObject): ResourceStatus {
	const health = healthOf(live);
	if (!health) return resource;
	return {...resource, health: health.message ? {status: health.status, message: health.message} : {status: health.status}};
}

function refOf(object: KubeObject): Omit<ResourceStatus, 'status'> {
	const {group, version} = splitApiVersion(object.apiVersion);
	return {...(group ? {group} : {}), version, kind: object.kind, namespace: object.metadata.namespace ?? '', name: object.metadata.name ?? ''};
}

function identity(object: KubeObject): string {
	return `${splitApiVersion(object.apiVersion).group}/${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}`;
}

function order(resource: ResourceStatus): string {
	return `${resource.group ?? ''}/${resource.kind}/${resource.namespace}/${resource.name}`;
}
