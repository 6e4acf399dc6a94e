/**
 * Flux objects as they sit in a cluster: the `GitRepository` source-controller fetches and the
 * `Kustomization`s kustomize-controller applies, with the statuses those controllers write (conditions,
 * artifact, `main@sha1:<sha>` revisions, the inventory of applied objects) as they stood when the demo
 * begins; from then on the simulated controllers (../gitops) write them.
 */
import {createHash} from 'node:crypto';
import type {KubeObject} from '../../domain/kube-object.js';
import {fluxRevision, inventoryEntry} from '../gitops/marks.js';
import {rfc3339} from './time.js';

/** Where Flux lives. */
export const fluxNamespace = 'flux-system';
/** The GitRepository every demo Kustomization reads. */
export const fluxSourceName = 'fleet';
export {fluxNameLabel, fluxNamespaceLabel, fluxRevision, inventoryEntry, kustomizeManager, kustomizeStatusManager, sourceStatusManager} from '../gitops/marks.js';

/** The GitRepository `flux-system/fleet`. */
export function gitRepository(url: string, interval: string): KubeObject {
	return {
		apiVersion: 'source.toolkit.fluxcd.io/v1',
		kind: 'GitRepository',
		metadata: {name: fluxSourceName, namespace: fluxNamespace},
		spec: {interval, url, ref: {branch: 'main'}, timeout: '60s'},
	};
}

/** The status of a GitRepository that fetched `sha` at `fetchedAt` (Ready since `readySince`, by default then too). */
export function gitRepositoryReady(sha: string, fetchedAt: Date, readySince: Date = fetchedAt): Record<string, unknown> {
	const revision = fluxRevision(sha);
	const message = `stored artifact for revision '${revision}'`;
	const time = rfc3339(readySince);
	return {
		observedGeneration: 1,
		conditions: [
			{type: 'Ready', status: 'True', reason: 'Succeeded', message, observedGeneration: 1, lastTransitionTime: time},
			{type: 'ArtifactInStorage', status: 'True', reason: 'Succeeded', message, observedGeneration: 1, lastTransitionTime: rfc3339(fetchedAt)},
		],
		artifact: artifact(sha, fetchedAt),
	};
}

function artifact(sha: string, fetchedAt: Date): Record<string, unknown> {
	const file = `gitrepository/${fluxNamespace}/${fluxSourceName}/${sha}.tar.gz`;
	return {
		digest: `sha256:${createHash('sha256').update(sha).digest('hex')}`,
		lastUpdateTime: rfc3339(fetchedAt),
		path: file,
		revision: fluxRevision(sha),
		size: 4096 + (parseInt(sha.slice(0, 4), 16) % 4096),
		url: `http://source-controller.${fluxNamespace}.svc.cluster.local./${file}`,
	};
}

/** A Kustomization of `./apps/<app>` from the fleet source into `targetNamespace`, reconciled every `interval`. */
export function kustomization(app: string, targetNamespace: string, interval = '10m'): KubeObject {
	return {
		apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
		kind: 'Kustomization',
		metadata: {name: app, namespace: fluxNamespace},
		spec: {
			interval,
			path: `./apps/${app}`,
			prune: true,
			sourceRef: {kind: 'GitRepository', name: fluxSourceName},
			targetNamespace,
			timeout: '3m',
			wait: false,
		},
	};
}

/** The status of a Kustomization that applied `applied` (oldest first; the last is current) with these objects. */
export function kustomizationStatus(options: {applied: Array<{sha: string; at: Date}>; generation: number; objects: readonly KubeObject[]}): Record<string, unknown> {
	const current = options.applied.at(-1)!;
	const revision = fluxRevision(current.sha);
	const entries = options.objects.map(inventoryEntry).sort((a, b) => a.id.localeCompare(b.id));
	const digest = `sha256:${createHash('sha256').update(entries.map(entry => entry.id).join('\n')).digest('hex')}`;
	return {
		observedGeneration: options.generation,
		lastAppliedRevision: revision,
		lastAttemptedRevision: revision,
		conditions: [
			{
				type: 'Ready',
				status: 'True',
				reason: 'ReconciliationSucceeded',
				message: `Applied revision: ${revision}`,
				observedGeneration: options.generation,
				lastTransitionTime: rfc3339(current.at),
			},
		],
		inventory: {entries},
		history: options.applied
			.map((entry, index) => ({
				digest: index === options.applied.length - 1 ? digest : `sha256:${createHash('sha256').update(entry.sha).digest('hex')}`,
				firstReconciled: rfc3339(entry.at),
				lastReconciled: rfc3339(entry.at),
				lastReconciledDuration: '1.4s',
				lastReconciledStatus: 'ReconciliationSucceeded',
				totalReconciliations: 1,
				metadata: {revision: fluxRevision(entry.sha)},
			}))
			.reverse(),
	};
}
