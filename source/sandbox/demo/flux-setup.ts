/**
 * Flux on a demo cluster: the `fleet` GitRepository with source-controller's status, and Kustomizations
 * applied as kustomize-controller applies them, with the status and inventory it writes; optionally paused
 * through gitops-tui (`spec.suspend` plus who, why and since when).
 */
import type {KubeObject} from '../../domain/kube-object.js';
import {applyObjects, managerOf, renderForDeployer, plainManager, type Deployer} from './deploy.js';
import {fluxNamespace, gitRepository, gitRepositoryReady, kustomization, kustomizationStatus, kustomizeStatusManager, sourceStatusManager} from './flux-objects.js';
import {rfc3339} from './time.js';
import {refOf, type ClusterSetup} from './world.js';

/** Who installed Flux's own objects (the platform team, with kubectl). */
const installManager = 'kubectl';

/** gitops-tui's pause annotations (see engines/pause-annotations.ts). */
export const pauseAnnotations = {by: 'gitops-tui.io/paused-by', reason: 'gitops-tui.io/pause-reason', at: 'gitops-tui.io/paused-at'} as const;

/**
 * Installs the GitRepository as source-controller left it after fetching `sha` at `fetchedAt`; the simulated
 * source-controller takes over from there, next fetching one `interval` after that.
 */
export async function installFluxSource(setup: ClusterSetup, options: {sha: string; fetchedAt: Date; interval: string}): Promise<void> {
	const {client, world} = setup;
	await client.apply({apiVersion: 'v1', kind: 'Namespace', metadata: {name: fluxNamespace}}, installManager);
	const source = await client.apply(gitRepository(world.remoteUrl, options.interval), installManager);
	await client.mergePatch(refOf(source), {status: gitRepositoryReady(options.sha, options.fetchedAt)}, sourceStatusManager, {subresource: 'status'});
}

/** What a Kustomization deploys and how it stands. */
export type FluxAppOptions = {
	app: string;
	targetNamespace: string;
	/** Revisions applied, oldest first; the last is what is live. */
	applied: Array<{sha: string; at: Date}>;
	/** Paused with gitops-tui after the last apply. */
	pause?: {by: string; reason: string; at: Date};
	/** spec.interval: how often kustomize-controller re-applies (and so undoes drift). */
	interval: string;
};

/** Creates the Kustomization, applies its objects at the last revision, writes its status; returns the objects applied. */
export async function deployFluxApp(setup: ClusterSetup, options: FluxAppOptions): Promise<KubeObject[]> {
	const {client, world} = setup;
	const object = await client.apply(kustomization(options.app, options.targetNamespace, options.interval), installManager);
	const deployer: Deployer = {engine: 'flux', kustomization: options.app, targetNamespace: options.targetNamespace};
	const current = options.applied.at(-1)!;
	const desired = await renderForDeployer(world.trees, current.sha, `apps/${options.app}`, deployer);
	const applied = await applyObjects(client, desired, managerOf(deployer));
	const status = kustomizationStatus({applied: options.applied, generation: object.metadata.generation ?? 1, objects: applied});
	await client.mergePatch(refOf(object), {status}, kustomizeStatusManager, {subresource: 'status'});
	if (options.pause) {
		// A suspended Kustomization is not reconciled: its status (and observedGeneration) stay as they were.
		const annotations = {[pauseAnnotations.by]: options.pause.by, [pauseAnnotations.reason]: options.pause.reason, [pauseAnnotations.at]: rfc3339(options.pause.at)};
		await client.mergePatch(refOf(object), {metadata: {annotations}, spec: {suspend: true}}, plainManager);
	}
	setup.log(`demo: ${setup.name}: Flux Kustomization ${options.app} applied ${applied.length} objects at ${current.sha.slice(0, 7)}${options.pause ? ' (paused)' : ''}`);
	return applied;
}
