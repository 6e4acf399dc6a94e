/**
 * One entry point for desired state: a path in a materialised tree, rendered as the right kind of
 * source (a kustomization, a Helm chart, or a plain directory), then post-processed as the app's
 * controller would (Flux substitution and target namespace, Argo CD destination namespace).
 */
import type {Dirent} from 'node:fs';
import {readdir, stat} from 'node:fs/promises';
import path from 'node:path';
import type {IsNamespaced} from '../../domain/resource-key.js';
import {resolveInsideRepo} from '../inside-repo.js';
import {hasFluxKustomizeFields, renderFluxOverlay, type FluxKustomizeFields} from './flux-overlay.js';
import {renderHelmChart, type HelmRenderOptions} from './helm.js';
import {kustomizationFileNames, renderKustomize} from './kustomize.js';
import {renderPlainDirectory} from './plain.js';
import {applyArgoDestination, applyFluxPostBuild} from './post-process.js';
import type {RenderTools} from './tool-output.js';
import type {RenderLimits, RenderResult} from './types.js';

export type SourceKind = 'directory' | 'kustomize' | 'helm';

export type RenderRequest = {
	/** The materialised tree (see treeAt). */
	root: string;
	/** The app's path inside the tree. */
	path: string;
	/** Default: detected (kustomization file → kustomize, Chart.yaml → helm, else a plain directory). */
	kind?: SourceKind;
	/** Plain directories: descend into subdirectories (default true). */
	recurse?: boolean;
	helm?: Omit<HelmRenderOptions, 'root' | 'path' | 'tools' | 'limits'>;
	/** Flux Kustomization: its kustomize fields (built as an overlay over the path), then post-build. */
	flux?: {variables?: Record<string, unknown>; strict?: boolean; targetNamespace?: string; kustomize?: FluxKustomizeFields};
	/** Where temporary overlays are made; default the OS temp directory. */
	tempDir?: string;
	/** Argo CD Application destination. */
	argo?: {namespace?: string};
	/** The cluster's discovery, when known; a built-in table answers otherwise. */
	isNamespaced?: IsNamespaced;
	tools: RenderTools;
	limits?: Partial<RenderLimits>;
};

/** Which renderer a path needs. */
export async function detectSourceKind(root: string, appPath: string): Promise<SourceKind> {
	return kindOfDirectory(path.resolve(root, appPath));
}

/**
 * A directory's kind from one listing of it, not a failing stat per name looked for (each builds an error object,
 * and a fleet's status asks this of every app). A name that is a symlink is followed, as stat would.
 */
async function kindOfDirectory(dir: string): Promise<SourceKind> {
	let entries: Dirent[];
	try {
		entries = await readdir(dir, {withFileTypes: true});
	} catch {
		return 'directory';
	}
	const byName = new Map(entries.map(entry => [entry.name, entry]));
	const isFile = async (name: string): Promise<boolean> => {
		const entry = byName.get(name);
		if (!entry?.isFile() && !entry?.isSymbolicLink()) return false;
		return entry.isFile() || (await stat(path.join(dir, name)).then(info => info.isFile(), () => false));
	};
	for (const name of kustomizationFileNames) if (await isFile(name)) return 'kustomize';
	if (await isFile('Chart.yaml')) return 'helm';
	return 'directory';
}

/** Renders an app's desired state. A failure is a value naming file and line when known. */
export async function renderPath(request: RenderRequest): Promise<RenderResult> {
	// An app's path (Flux spec.path, Argo CD source.path, a plain app's path) never leaves the repository.
	const inside = await resolveInsideRepo({root: request.root, target: request.path || '.', parentSegments: false});
	if (!inside.ok && inside.error.kind !== 'not-found') return {ok: false, error: inside.error};
	const fluxFields = request.flux?.kustomize;
	const detected = () => (inside.ok ? (inside.kind === 'dir' ? kindOfDirectory(inside.real) : 'directory') : detectSourceKind(request.root, request.path));
	const kind = hasFluxKustomizeFields(fluxFields) ? 'flux-overlay' : (request.kind ?? (await detected()));
	let rendered: RenderResult;
	if (kind === 'flux-overlay') {
		rendered = await renderFluxOverlay({root: request.root, path: request.path, fields: fluxFields!, tools: request.tools, limits: request.limits, tempDir: request.tempDir});
	} else if (kind === 'kustomize') {
		rendered = await renderKustomize({root: request.root, path: request.path, tools: request.tools, limits: request.limits});
	} else if (kind === 'helm') {
		const helm = request.helm ?? {releaseName: path.basename(request.path) || 'release'};
		rendered = await renderHelmChart({...helm, root: request.root, path: request.path, tools: request.tools, limits: request.limits});
	} else {
		rendered = await renderPlainDirectory({root: request.root, path: request.path, recurse: request.recurse, limits: request.limits, ...(inside.ok ? {resolved: inside} : {})});
	}
	if (!rendered.ok) return rendered;
	let objects = rendered.objects;
	if (request.flux) {
		const {kustomize: _fields, ...postBuild} = request.flux;
		const processed = applyFluxPostBuild(objects, {...postBuild, isNamespaced: request.isNamespaced});
		if (!processed.ok) return processed;
		objects = processed.objects;
	}
	if (request.argo) objects = applyArgoDestination(objects, {...request.argo, isNamespaced: request.isNamespaced});
	return {...rendered, objects};
}

export type {RenderTools} from './tool-output.js';
export type {RenderError, RenderErrorKind, RenderLimits, RenderNote, RenderResult, RenderWarning, RenderedObject, SubstitutableScalar} from './types.js';
export {defaultRenderLimits} from './types.js';
export {applyArgoDestination, applyFluxPostBuild} from './post-process.js';
export {hasFluxKustomizeFields, type FluxKustomizeFields} from './flux-overlay.js';
export {isNamespacedKind} from './namespaced-kinds.js';
