/**
 * A Flux Kustomization's own kustomize fields (`spec.patches`, `spec.images`, `spec.components`,
 * `spec.namePrefix`, `spec.nameSuffix`). kustomize-controller writes them into the path's kustomization.yaml
 * (generating one listing the path's manifests when there is none) before `kustomize build`. We never write
 * into the tree: a temporary overlay names the app's directory (or, without a kustomization, its manifests
 * and sub-kustomizations, as Flux's generator lists them) as resources, adds those fields, and is built with
 * `LoadRestrictionsNone` (as Flux builds). The temporary directory is removed afterwards.
 */
import {mkdtemp, readdir, realpath, rm, stat, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {kustomizationFileNames, renderKustomize} from './kustomize.js';
import type {RenderTools} from './tool-output.js';
import type {RenderLimits, RenderResult} from './types.js';

/** The kustomize fields of a Flux Kustomization's spec, as the CRD shapes them. */
export type FluxKustomizeFields = {
	patches?: Array<{patch: string; target?: Record<string, string>}>;
	images?: Array<{name: string; newName?: string; newTag?: string; digest?: string}>;
	/** Relative to the Kustomization's `spec.path`. */
	components?: string[];
	namePrefix?: string;
	nameSuffix?: string;
};

export type FluxOverlayOptions = {
	/** The materialised tree; messages name files relative to it. */
	root: string;
	/** The app's directory relative to root. */
	path: string;
	fields: FluxKustomizeFields;
	tools: RenderTools;
	limits?: Partial<RenderLimits>;
	/** Where the overlay's temporary directory is made; default the OS temp directory. */
	tempDir?: string;
};

/** Whether any field needs an overlay (empty lists and strings change nothing). */
export function hasFluxKustomizeFields(fields: FluxKustomizeFields | undefined): fields is FluxKustomizeFields {
	if (!fields) return false;
	return Boolean(fields.patches?.length || fields.images?.length || fields.components?.length || fields.namePrefix || fields.nameSuffix);
}

/** Builds the app's directory with the Kustomization's kustomize fields on top. */
export async function renderFluxOverlay(options: FluxOverlayOptions): Promise<RenderResult> {
	let appDir: string;
	try {
		appDir = await realpath(path.resolve(options.root, options.path));
		if (!(await stat(appDir)).isDirectory()) throw new Error('not a directory');
	} catch {
		return {ok: false, error: {kind: 'not-found', message: `path ${options.path} is not a directory in the repository`}};
	}

	let overlay: string;
	try {
		overlay = await realpath(await mkdtemp(path.join(options.tempDir ?? os.tmpdir(), 'gitops-tui-flux-')));
	} catch (error) {
		return {ok: false, error: {kind: 'io', message: `cannot create a temporary overlay for ${options.path}: ${(error as Error).message}`}};
	}

	try {
		const resources = (await hasKustomization(appDir)) ? [appDir] : await generatedResources(appDir);
		const kustomization = overlayKustomization(options.fields, resources.map(item => relativeTo(overlay, item)), appDir, overlay);
		// JSON is YAML: no serialiser quirks in what kustomize reads.
		await writeFile(path.join(overlay, 'kustomization.yaml'), `${JSON.stringify(kustomization, undefined, 2)}\n`);
		const overlayPath = path.relative(options.root, overlay);
		const result = await renderKustomize({root: options.root, path: overlayPath, tools: options.tools, limits: options.limits, loadRestrictor: 'none'});
		const label = `${options.path || '.'} (with the Kustomization's patches, images, components, name prefix or suffix)`;
		const rename = (message: string) => message.split(overlay).join(label).split(overlayPath).join(label);
		if (!result.ok) return {ok: false, error: {...result.error, message: rename(result.error.message)}};
		return {...result, notes: result.notes.map(note => ({...note, message: rename(note.message)}))};
	} catch (error) {
		return {ok: false, error: {kind: 'io', message: `cannot prepare the Flux overlay for ${options.path}: ${(error as Error).message}`}};
	} finally {
		await rm(overlay, {recursive: true, force: true});
	}
}

function overlayKustomization(fields: FluxKustomizeFields, resources: string[], appDir: string, overlay: string): Record<string, unknown> {
	const kustomization: Record<string, unknown> = {apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources};
	// kustomize refuses absolute component roots: relative to the overlay, resolved against spec.path as Flux does.
	if (fields.components?.length) kustomization.components = fields.components.map(item => relativeTo(overlay, path.resolve(appDir, item)));
	if (fields.patches?.length) kustomization.patches = fields.patches;
	if (fields.images?.length) kustomization.images = fields.images;
	if (fields.namePrefix) kustomization.namePrefix = fields.namePrefix;
	if (fields.nameSuffix) kustomization.nameSuffix = fields.nameSuffix;
	return kustomization;
}

function relativeTo(from: string, to: string): string {
	return path.relative(from, to).split(path.sep).join('/') || '.';
}

async function hasKustomization(dir: string): Promise<boolean> {
	for (const name of kustomizationFileNames) {
		try {
			if ((await stat(path.join(dir, name))).isFile()) return true;
		} catch {
			// Not this name.
		}
	}
	return false;
}

/**
 * What Flux's generator lists for a directory without a kustomization: every `*.yaml` and `*.yml` below it,
 * and each subdirectory holding a kustomization as one resource (not descended into). Dot-entries are skipped.
 */
async function generatedResources(dir: string): Promise<string[]> {
	const found: string[] = [];
	const entries = (await readdir(dir, {withFileTypes: true})).sort((a, b) => a.name.localeCompare(b.name));
	for (const entry of entries) {
		if (entry.name.startsWith('.')) continue;
		const full = path.join(dir, entry.name);
		const isDir = entry.isDirectory() || (entry.isSymbolicLink() && (await stat(full).then(s => s.isDirectory(), () => false)));
		if (isDir) {
			if (await hasKustomization(full)) found.push(full);
			else found.push(...(await generatedResources(full)));
		} else if (/\.ya?ml$/i.test(entry.name)) {
			found.push(full);
		}
	}
	return found;
}
