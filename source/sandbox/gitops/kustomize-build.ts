/**
 * kustomize-controller's build: the artifact's tree (materialised from the source's fetched repository at
 * the artifact's revision), spec.path rendered by the project's renderers with the Kustomization's own
 * kustomize fields (patches, images, components, name prefix/suffix), postBuild.substitute and substituteFrom
 * (ConfigMaps and Secrets of the Kustomization's namespace), targetNamespace; Flux's labels on every object.
 */
import {specOf} from '../../domain/health/conditions.js';
import type {KubeObject} from '../../domain/kube-object.js';
import {renderPath, type FluxKustomizeFields} from '../../repo/render/index.js';
import {treeAt} from '../../repo/tree-at.js';
import {mirrorLocation} from './git-mirror.js';
import {withFluxLabels} from './marks.js';
import {gitopsKinds, type GitOpsRuntime} from './runtime.js';

/** Built objects, or why not, with Flux's reason. */
export type BuildOutcome = {ok: true; objects: KubeObject[]} | {ok: false; reason: 'ArtifactFailed' | 'BuildFailed'; message: string};

/** Builds the Kustomization at the source's artifact revision. */
export async function buildKustomization(runtime: GitOpsRuntime, kustomization: KubeObject, source: {namespace: string; name: string; sha: string}): Promise<BuildOutcome> {
	const spec = specOf(kustomization);
	const tree = await treeAt({location: mirrorLocation(runtime.cacheDir, source.namespace, source.name), git: runtime.git, revision: source.sha});
	if (!tree.ok) return {ok: false, reason: 'ArtifactFailed', message: `failed to extract the artifact at ${source.sha}: ${tree.error.message}`};
	const variables = substitutions(runtime, kustomization);
	if (!variables.ok) return {ok: false, reason: 'BuildFailed', message: variables.message};
	const fields: FluxKustomizeFields = {};
	for (const field of ['patches', 'images', 'components', 'namePrefix', 'nameSuffix'] as const) if (spec[field] !== undefined) (fields as Record<string, unknown>)[field] = spec[field];
	const appPath = String(spec.path ?? './').replace(/^\.\/?/, '') || '.';
	const rendered = await renderPath({
		root: tree.dir,
		path: appPath,
		tools: runtime.tools,
		flux: {
			variables: variables.values,
			...(typeof spec.targetNamespace === 'string' ? {targetNamespace: spec.targetNamespace} : {}),
			kustomize: fields,
		},
	});
	if (!rendered.ok) {
		const where = rendered.error.file ? `${rendered.error.file}${rendered.error.line ? `:${rendered.error.line}` : ''}: ` : '';
		return {ok: false, reason: 'BuildFailed', message: `kustomize build failed: ${where}${rendered.error.message}`};
	}
	const owner = {name: kustomization.metadata.name ?? '', namespace: kustomization.metadata.namespace ?? ''};
	return {ok: true, objects: rendered.objects.map(item => withFluxLabels(item.object, owner))};
}

/** postBuild.substitute over the values of postBuild.substituteFrom (later sources win, substitute wins last). */
function substitutions(runtime: GitOpsRuntime, kustomization: KubeObject): {ok: true; values?: Record<string, unknown>} | {ok: false; message: string} {
	const postBuild = specOf(kustomization).postBuild as {substitute?: Record<string, unknown>; substituteFrom?: Array<{kind: string; name: string; optional?: boolean}>} | undefined;
	if (!postBuild) return {ok: true};
	const values: Record<string, unknown> = {};
	for (const reference of postBuild.substituteFrom ?? []) {
		const kind = reference.kind === 'Secret' ? gitopsKinds.secret : gitopsKinds.configMap;
		const found = runtime.get(kind, kustomization.metadata.namespace, reference.name);
		if (!found) {
			if (reference.optional) continue;
			return {ok: false, message: `substitute from '${reference.kind}/${reference.name}' failed: ${reference.kind} "${reference.name}" not found`};
		}
		for (const [key, value] of Object.entries((found['data'] ?? {}) as Record<string, string>)) {
			values[key] = reference.kind === 'Secret' ? Buffer.from(value, 'base64').toString('utf8') : value;
		}
	}
	return {ok: true, values: {...values, ...postBuild.substitute}};
}
