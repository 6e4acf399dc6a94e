/**
 * Deploying an app the way its controller would: render the app's folder from the repository at a commit
 * (the project's own renderer over a tree materialised by git), post-process as the controller does, add the
 * controller's marks (Flux labels, Argo CD tracking label and annotation, gitops-tui's label and revision),
 * then server-side apply every object as the controller's field manager, namespaces first.
 */
import {splitApiVersion, type KubeObject} from '../../domain/kube-object.js';
import type {Git} from '../../repo/git-runner.js';
import {isNamespacedKind, renderPath, type RenderTools} from '../../repo/render/index.js';
import {treeAt} from '../../repo/tree-at.js';
import {argoApplyManager, argoInstanceLabel, argoTrackingAnnotation, trackingId} from './argo-objects.js';
import {fluxNameLabel, fluxNamespace, fluxNamespaceLabel, kustomizeManager} from './flux-objects.js';
import type {KubeHttp} from './kube-http.js';

/** gitops-tui's own field manager and marks for plain apps. */
export const plainManager = 'gitops-tui';
export const plainAppLabel = 'gitops-tui.io/app';
export const plainRevisionAnnotation = 'gitops-tui.io/revision';

/** Who deploys an app, and what that changes in its objects. */
export type Deployer =
	| {engine: 'flux'; kustomization: string; targetNamespace: string}
	| {engine: 'argo'; application: string; namespace: string}
	| {engine: 'plain'; app: string; namespace: string};

/** Where the repository's trees come from. */
export type TreeSource = {git: Git; barePath: string; treesDir: string; tools: RenderTools};

/** The app folder at a commit, rendered and post-processed as the deployer would, with its marks. */
export async function renderForDeployer(source: TreeSource, sha: string, appPath: string, deployer: Deployer): Promise<KubeObject[]> {
	const tree = await treeAt({location: {kind: 'clone', source: source.barePath, gitDir: source.barePath, treesDir: source.treesDir}, git: source.git, revision: sha});
	if (!tree.ok) throw new Error(`demo: cannot read the repository at ${sha}: ${tree.error.message}`);
	const rendered = await renderPath({
		root: tree.dir,
		path: appPath,
		tools: source.tools,
		...(deployer.engine === 'flux' ? {flux: {targetNamespace: deployer.targetNamespace}} : {}),
		...(deployer.engine === 'argo' ? {argo: {namespace: deployer.namespace}, recurse: false} : {}),
	});
	if (!rendered.ok) throw new Error(`demo: cannot render ${appPath} at ${sha}: ${rendered.error.message}`);
	return rendered.objects.map(item => mark(item.object, deployer, sha));
}

/** The field manager a deployer applies with. */
export function managerOf(deployer: Deployer): string {
	return deployer.engine === 'flux' ? kustomizeManager : deployer.engine === 'argo' ? argoApplyManager : plainManager;
}

/** A copy of the object with its deployer's namespace default and marks. */
export function mark(object: KubeObject, deployer: Deployer, sha: string): KubeObject {
	const {group} = splitApiVersion(object.apiVersion);
	const metadata = {...object.metadata};
	if (deployer.engine === 'plain' && !metadata.namespace && isNamespacedKind(group, object.kind)) metadata.namespace = deployer.namespace;
	const labels = {...metadata.labels};
	const annotations = {...metadata.annotations};
	switch (deployer.engine) {
		case 'flux':
			labels[fluxNameLabel] = deployer.kustomization;
			labels[fluxNamespaceLabel] = fluxNamespace;
			break;
		case 'argo':
			labels[argoInstanceLabel] = deployer.application;
			annotations[argoTrackingAnnotation] = trackingId(deployer.application, {...object, metadata});
			break;
		case 'plain':
			labels[plainAppLabel] = deployer.app;
			annotations[plainRevisionAnnotation] = sha;
			break;
	}
	metadata.labels = labels;
	if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
	return {...object, metadata};
}

/** Applies the objects (Namespaces first, the rest together); returns what the server stored, in input order. */
export async function applyObjects(client: KubeHttp, objects: readonly KubeObject[], manager: string): Promise<KubeObject[]> {
	const isNamespace = (object: KubeObject) => object.kind === 'Namespace' && object.apiVersion === 'v1';
	const results = new Map<KubeObject, KubeObject>();
	for (const object of objects.filter(isNamespace)) results.set(object, await client.apply(object, manager));
	await Promise.all(
		objects.filter(object => !isNamespace(object)).map(async object => {
			results.set(object, await client.apply(object, manager));
		}),
	);
	return objects.map(object => results.get(object)!);
}
