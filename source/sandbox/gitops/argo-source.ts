/**
 * What Argo CD's repo server does for the application controller: fetch the Application's repoURL (into the
 * sandbox's cache), resolve targetRevision (branch, tag or sha; `HEAD` is the default branch), and render the
 * path at that commit with the project's renderers (a plain directory, non-recursive unless
 * `directory.recurse`, or a kustomization), namespaced objects defaulting to the destination namespace; every
 * object carries Argo CD's tracking marks.
 */
import {createHash} from 'node:crypto';
import {specOf} from '../../domain/health/conditions.js';
import type {KubeObject} from '../../domain/kube-object.js';
import {detectSourceKind, renderPath} from '../../repo/render/index.js';
import {treeAt} from '../../repo/tree-at.js';
import {durationMs} from './durations.js';
import {fetchAndResolve, mirrorLocation} from './git-mirror.js';
import {withArgoTracking} from './marks.js';
import type {GitOpsRuntime} from './runtime.js';

/** The source block of an Application. */
export type ArgoSource = {repoURL: string; path?: string; targetRevision?: string; directory?: {recurse?: boolean}};

/** Desired objects at a resolved sha, or the repo server's error. */
export type ArgoManifests = {ok: true; sha: string; objects: KubeObject[]; sourceType: 'Directory' | 'Kustomize'} | {ok: false; message: string};

/** The Application's single source (spec.source, or the first of spec.sources). */
export function sourceOf(app: KubeObject): ArgoSource {
	const spec = specOf(app);
	return ((spec.source ?? spec.sources?.[0] ?? {repoURL: ''}) as ArgoSource);
}

/** The destination namespace. */
export function destinationNamespace(app: KubeObject): string | undefined {
	const namespace = (specOf(app).destination as {namespace?: string} | undefined)?.namespace;
	return namespace || undefined;
}

/** Fetches and renders the Application's source at `revision` (default: its targetRevision). */
export async function generateManifests(runtime: GitOpsRuntime, app: KubeObject, revision?: string): Promise<ArgoManifests> {
	const source = sourceOf(app);
	const location = mirrorLocation(runtime.cacheDir, 'argocd-repo-server', createHash('sha256').update(source.repoURL).digest('hex').slice(0, 16));
	const wanted = revision || source.targetRevision || 'HEAD';
	const candidates = wanted === 'HEAD' ? ['main', 'master'] : [wanted];
	let fetched: Awaited<ReturnType<typeof fetchAndResolve>> = {ok: false, message: 'no revision'};
	for (const candidate of candidates) {
		fetched = await fetchAndResolve({git: runtime.git, location, url: source.repoURL, ref: {name: candidate}, timeoutMs: durationMs('60s', 60_000)});
		if (fetched.ok || !fetched.message.includes("couldn't find")) break;
	}
	if (!fetched.ok) return {ok: false, message: `Failed to load target state: failed to generate manifest for source 1 of 1: rpc error: code = Unknown desc = failed to list refs: ${fetched.message}`};
	const tree = await treeAt({location, git: runtime.git, revision: fetched.sha});
	if (!tree.ok) return {ok: false, message: `Failed to load target state: ${tree.error.message}`};
	const namespace = destinationNamespace(app);
	const rendered = await renderPath({
		root: tree.dir,
		path: (source.path ?? '.').replace(/^\.\/?/, '') || '.',
		tools: runtime.tools,
		recurse: source.directory?.recurse ?? false,
		argo: namespace ? {namespace} : {},
	});
	if (!rendered.ok) {
		const where = rendered.error.file ? `${rendered.error.file}${rendered.error.line ? `:${rendered.error.line}` : ''}: ` : '';
		return {ok: false, message: `Failed to load target state: failed to generate manifest for source 1 of 1: rpc error: code = Unknown desc = ${where}${rendered.error.message}`};
	}
	const name = app.metadata.name ?? '';
	const sourceType = rendered.objects.length > 0 && (await isKustomize(tree.dir, source.path)) ? 'Kustomize' : 'Directory';
	return {ok: true, sha: fetched.sha, objects: rendered.objects.map(item => withArgoTracking(item.object, name)), sourceType};
}

async function isKustomize(root: string, appPath: string | undefined): Promise<boolean> {
	return (await detectSourceKind(root, (appPath ?? '.').replace(/^\.\/?/, '') || '.')) === 'kustomize';
}
