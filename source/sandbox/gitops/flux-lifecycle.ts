/**
 * kustomize-controller's checks around a reconcile: dependsOn (each dependency must exist, be Ready at its
 * generation and, when it reads the same source, have applied the source's current revision), and its
 * finalizer: a Kustomization carries `finalizers.fluxcd.io`, and when deleted with spec.prune its inventory is
 * garbage-collected before the finalizer is removed.
 */
import {specOf, statusOf} from '../../domain/health/conditions.js';
import type {KubeObject} from '../../domain/kube-object.js';
import {conditionsIn} from './conditions.js';
import {pruneStale} from './flux-prune.js';
import {kustomizeManager} from './marks.js';
import {gitopsKinds, type GitOpsRuntime} from './runtime.js';

/** Flux's finalizer on the objects its controllers own. */
export const fluxFinalizer = 'finalizers.fluxcd.io';

/** Why the dependencies hold the reconcile back (Flux's message), or undefined when they are ready. */
export function dependencyProblem(runtime: GitOpsRuntime, kustomization: KubeObject, sourceRevision: string): string | undefined {
	const own = specOf(kustomization).sourceRef ?? {};
	for (const reference of (specOf(kustomization).dependsOn ?? []) as Array<{name: string; namespace?: string}>) {
		const namespace = reference.namespace || (kustomization.metadata.namespace ?? '');
		const name = `${namespace}/${reference.name}`;
		const dependency = runtime.get(gitopsKinds.kustomization, namespace, reference.name);
		if (!dependency) return `dependency '${name}' not found`;
		const status = statusOf(dependency);
		const ready = conditionsIn(status).find(condition => condition.type === 'Ready');
		if (status.observedGeneration !== dependency.metadata.generation || ready?.status !== 'True') return `dependency '${name}' is not ready`;
		const theirs = specOf(dependency).sourceRef ?? {};
		const sameSource = theirs.kind === own.kind && theirs.name === own.name && (theirs.namespace || namespace) === (own.namespace || kustomization.metadata.namespace);
		if (sameSource && status.lastAppliedRevision !== sourceRevision) return `dependency '${name}' revision is not up to date`;
	}
	return undefined;
}

/** Adds the finalizer if missing; returns the stored object. */
export function ensureFinalizer(runtime: GitOpsRuntime, kustomization: KubeObject): KubeObject {
	const finalizers = kustomization.metadata.finalizers ?? [];
	if (finalizers.includes(fluxFinalizer)) return kustomization;
	return runtime.update({...kustomization, metadata: {...kustomization.metadata, finalizers: [...finalizers, fluxFinalizer]}}, kustomizeManager) ?? kustomization;
}

/** The deletion: with spec.prune (and not suspended), every inventory object goes; then the finalizer. */
export function finalizeDeletion(runtime: GitOpsRuntime, kustomization: KubeObject): void {
	const spec = specOf(kustomization);
	if (spec.prune === true && spec.suspend !== true) pruneStale(runtime, (statusOf(kustomization).inventory?.entries ?? []) as Array<{id: string; v: string}>);
	const finalizers = (kustomization.metadata.finalizers ?? []).filter(finalizer => finalizer !== fluxFinalizer);
	runtime.update({...kustomization, metadata: {...kustomization.metadata, finalizers}}, kustomizeManager);
}
