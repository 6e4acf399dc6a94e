/**
 * How the deployment controller writes ReplicaSets: the new one (named by template hash, labelled,
 * annotated with revision and replica counts), scaling with ScalingReplicaSet events, revision bookkeeping.
 */
import type {KubeObject} from '../../domain/kube-object.js';
import {type DeploymentSpec, deploymentSpec, desiredReplicas, maxSurge, specReplicas} from './deployment-math.js';
import {sources} from './events.js';
import {kinds} from './kinds.js';
import {controllerRef} from './owners.js';
import type {Runtime} from './runtime.js';
import {podTemplateHashLabel, templateHash} from './template-hash.js';

/** Annotations the deployment controller keeps on ReplicaSets (and the Deployment). */
export const annotations = {
	revision: 'deployment.kubernetes.io/revision',
	revisionHistory: 'deployment.kubernetes.io/revision-history',
	desiredReplicas: 'deployment.kubernetes.io/desired-replicas',
	maxReplicas: 'deployment.kubernetes.io/max-replicas',
} as const;

// Deployment annotations not copied to ReplicaSets (skipCopyAnnotation).
const notCopied = new Set<string>([...Object.values(annotations), 'kubectl.kubernetes.io/last-applied-configuration', 'deprecated.deployment.rollback.to']);

/** The revision a ReplicaSet carries (0 when none). */
export function revisionOf(object: KubeObject): number {
	return Number.parseInt(object.metadata.annotations?.[annotations.revision] ?? '0', 10) || 0;
}

/** Creates the ReplicaSet for the Deployment's current template, scaled as the strategy allows. */
export function createNewReplicaSet(runtime: Runtime, deployment: KubeObject, revision: number, replicas: number): KubeObject | undefined {
	const spec = deploymentSpec(deployment);
	const collisionCount = (deployment.status as {collisionCount?: number} | undefined)?.collisionCount ?? 0;
	const hash = templateHash(spec.template, collisionCount);
	const template = structuredClone(spec.template ?? {});
	template.metadata = {...template.metadata, labels: {...template.metadata?.labels, [podTemplateHashLabel]: hash}};
	const replicaSetSpec: Record<string, unknown> = {
		replicas,
		selector: {...spec.selector, matchLabels: {...spec.selector?.matchLabels, [podTemplateHashLabel]: hash}},
		template,
	};
	if (spec.minReadySeconds) replicaSetSpec.minReadySeconds = spec.minReadySeconds;
	const copied = Object.fromEntries(Object.entries(deployment.metadata.annotations ?? {}).filter(([key]) => !notCopied.has(key)));
	const created = runtime.create({
		apiVersion: 'apps/v1',
		kind: 'ReplicaSet',
		metadata: {
			name: `${deployment.metadata.name}-${hash}`,
			namespace: deployment.metadata.namespace,
			labels: {...template.metadata.labels},
			annotations: {...copied, ...replicaAnnotations(spec), [annotations.revision]: String(revision)},
			ownerReferences: [controllerRef(deployment)],
		},
		spec: replicaSetSpec,
	}, sources.deployment.manager);
	if (created && replicas > 0) {
		runtime.events.record(deployment, {type: 'Normal', reason: 'ScalingReplicaSet', message: `Scaled up replica set ${created.metadata.name} to ${replicas}`, source: sources.deployment});
	}
	return created;
}

/** Scales a ReplicaSet (and refreshes its replica annotations); true when the size changed. */
export function scaleReplicaSet(runtime: Runtime, deployment: KubeObject, replicaSet: KubeObject, replicas: number): boolean {
	const fresh = runtime.get(kinds.replicaSet, replicaSet.metadata.namespace, replicaSet.metadata.name ?? '');
	if (!fresh) return false;
	const from = specReplicas(fresh);
	const wanted = replicaAnnotations(deploymentSpec(deployment));
	const current = fresh.metadata.annotations ?? {};
	const annotationsChange = Object.entries(wanted).some(([key, value]) => current[key] !== value);
	if (from === replicas && !annotationsChange) return false;
	const written = runtime.update({
		...fresh,
		metadata: {...fresh.metadata, annotations: {...current, ...wanted}},
		spec: {...(fresh.spec as object), replicas},
	}, sources.deployment.manager);
	if (!written || from === replicas) return false;
	const direction = replicas > from ? 'up' : 'down';
	runtime.events.record(deployment, {type: 'Normal', reason: 'ScalingReplicaSet', message: `Scaled ${direction} replica set ${fresh.metadata.name} to ${replicas} from ${from}`, source: sources.deployment});
	return true;
}

/**
 * Gives a ReplicaSet the next revision when its template becomes current again (a rollback reuses the old
 * ReplicaSet), recording the revisions it had before.
 */
export function syncRevision(runtime: Runtime, replicaSet: KubeObject, revision: number): KubeObject {
	const current = revisionOf(replicaSet);
	if (current >= revision) return replicaSet;
	const previous = replicaSet.metadata.annotations ?? {};
	const next: Record<string, string> = {...previous, [annotations.revision]: String(revision)};
	if (current > 0) next[annotations.revisionHistory] = [previous[annotations.revisionHistory], String(current)].filter(Boolean).join(',');
	return runtime.update({...replicaSet, metadata: {...replicaSet.metadata, annotations: next}}, sources.deployment.manager) ?? replicaSet;
}

function replicaAnnotations(spec: DeploymentSpec): Record<string, string> {
	const replicas = desiredReplicas(spec);
	return {[annotations.desiredReplicas]: String(replicas), [annotations.maxReplicas]: String(replicas + maxSurge(spec))};
}
