/**
 * A Flux Kustomization's own kustomize fields (`spec.patches`, `spec.images`, `spec.components`,
 * `spec.namePrefix`, `spec.nameSuffix`). kustomize-controller writes them into the path's kustomization.yaml
 * (generating one listing the path's manifests when there is none) before `kustomize build`. We never write
 * into the tree: a temporary overlay names the app's directory (or, without a kustomization, its manifests
 * and sub-kustomizations, as Flux's generator lists them) as resources, adds those fields, and is built with
 * kustomize's default load restrictions: the app's manifests are copied into the overlay, and every directory
 * it reaches must be inside the repository (Flux builds with the repository root as its only root,
 * fluxcd/pkg#262). The temporary directory is removed afterwards.
 */
import {mkdir, mkdtemp, readdir, realpath, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {readRepoFile, resolveInsideRepo} from '../inside-repo.js';
import {hasKustomization} from './kustomization-files.js';
import {buildKustomization, maskFailure} from './kustomize.js';
import {checkKustomizationReferences} from './kustomize-references.js';
import type {RenderTools} from './tool-output.js';
import {defaultRenderLimits, type RenderError, type RenderLimits, type RenderResult} from './types.js';

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
	const limits = {...defaultRenderLimits(), ...options.limits};
	const app = await resolveInsideRepo({root: options.root, target: options.path || '.', parentSegments: false});
	if (!app.ok && app.error.kind !== 'not-found') return {ok: false, error: app.error};
	if (!app.ok || app.kind !== 'dir') return {ok: false, error: {kind: 'not-found', message: `path ${options.path} is not a directory in the repository`}};
	const {root, real: appDir} = app;
	const components: string[] = [];
	const componentDirs: string[] = [];
	for (const item of options.fields.components ?? []) {
		const component = await resolveInsideRepo({root, from: appDir, target: item, what: 'component'});
		// A missing component is kustomize's to report; one outside the repository is never handed to it.
		if (!component.ok && component.error.kind !== 'not-found') return {ok: false, error: component.error};
		components.push(component.ok ? component.real : path.resolve(appDir, item));
		if (component.ok) componentDirs.push(component.real);
	}

	let overlay: string;
	try {
		overlay = await realpath(await mkdtemp(path.join(options.tempDir ?? os.tmpdir(), 'gitops-tui-flux-')));
	} catch (error) {
		return {ok: false, error: {kind: 'io', message: `cannot create a temporary overlay for ${options.path}: ${(error as Error).message}`}};
	}

	const label = `${options.path || '.'} (with the Kustomization's patches, images, components, name prefix or suffix)`;
	const rename = (message: string) =>
		message
			.split(`${overlay}/kustomization.yaml`)
			.join(label)
			.split(`${overlay}/`)
			.join(`${options.path ? `${options.path}/` : ''}`)
			.split(overlay)
			.join(label);
	try {
		const listed = (await hasKustomization(appDir)) ? {ok: true as const, entries: [{kind: 'dir' as const, real: appDir, relative: '.'}]} : await generatedResources(root, appDir, '.');
		if (!listed.ok) return listed;
		const dirs = [...listed.entries.filter(entry => entry.kind === 'dir').map(entry => entry.real), ...componentDirs];
		const checked = await checkKustomizationReferences({root, dirs, limits});
		if (!checked.ok) return checked;
		const resources: string[] = [];
		for (const entry of listed.entries) {
			if (entry.kind === 'dir') {
				resources.push(relativeTo(overlay, entry.real));
				continue;
			}
			// Manifests are copied into the overlay, so kustomize's default load restrictions hold for it too.
			const read = await readRepoFile({root, target: path.relative(root, entry.real), maxBytes: limits.maxFileBytes});
			if (!read.ok) return {ok: false, error: read.error};
			await mkdir(path.dirname(path.join(overlay, entry.relative)), {recursive: true});
			await writeFile(path.join(overlay, entry.relative), read.text);
			resources.push(entry.relative);
		}
		const kustomization = overlayKustomization(options.fields, resources, components.map(item => relativeTo(overlay, item)));
		// JSON is YAML: no serialiser quirks in what kustomize reads.
		await writeFile(path.join(overlay, 'kustomization.yaml'), `${JSON.stringify(kustomization, undefined, 2)}\n`);
		// The listed manifests count as resources of the app's directory when looking for Secret values to mask.
		const listedFiles = {dir: appDir, value: {resources: listed.entries.filter(entry => entry.kind === 'file').map(entry => entry.relative)}};
		const built = await buildKustomization({root, path: options.path || '.', dir: overlay, tools: options.tools, limits});
		const result = await maskFailure(built, root, [...checked.visited, listedFiles], limits);
		if (!result.ok) return {ok: false, error: {...result.error, message: rename(result.error.message)}};
		return {...result, notes: result.notes.map(note => ({...note, message: rename(note.message)}))};
	} catch (error) {
		return {ok: false, error: {kind: 'io', message: `cannot prepare the Flux overlay for ${options.path}: ${rename((error as Error).message)}`}};
	} finally {
		await rm(overlay, {recursive: true, force: true});
	}
}

function overlayKustomization(fields: FluxKustomizeFields, resources: string[], components: string[]): Record<string, unknown> {
	const kustomization: Record<string, unknown> = {apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources};
	// kustomize refuses absolute component roots: relative to the overlay, resolved against spec.path as Flux does.
	if (components.length > 0) kustomization.components = components;
	if (fields.patches?.length) kustomization.patches = fields.patches;
	if (fields.images?.length) kustomization.images = fields.images;
	if (fields.namePrefix) kustomization.namePrefix = fields.namePrefix;
	if (fields.nameSuffix) kustomization.nameSuffix = fields.nameSuffix;
	return kustomization;
}

function relativeTo(from: string, to: string): string {
	return path.relative(from, to).split(path.sep).join('/') || '.';
}

type Listed = {kind: 'dir' | 'file'; real: string; relative: string};

/**
 * What Flux's generator lists for a directory without a kustomization: every `*.yaml` and `*.yml` below it,
 * and each subdirectory holding a kustomization as one resource (not descended into). Dot-entries are skipped.
 * Every entry is resolved inside the repository: a symlink leaving it is an error, never followed.
 */
async function generatedResources(root: string, dir: string, relative: string): Promise<{ok: true; entries: Listed[]} | {ok: false; error: RenderError}> {
	const found: Listed[] = [];
	const names = (await readdir(dir)).filter(name => !name.startsWith('.')).sort((a, b) => a.localeCompare(b));
	for (const name of names) {
		const entry = await resolveInsideRepo({root, from: dir, target: name});
		if (!entry.ok) return {ok: false, error: entry.error};
		const entryRelative = relative === '.' ? name : `${relative}/${name}`;
		if (entry.kind === 'dir') {
			if (await hasKustomization(entry.real)) {
				found.push({kind: 'dir', real: entry.real, relative: entryRelative});
			} else {
				const nested = await generatedResources(root, entry.real, entryRelative);
				if (!nested.ok) return nested;
				found.push(...nested.entries);
			}
		} else if (entry.kind === 'file' && /\.ya?ml$/i.test(name)) {
			found.push({kind: 'file', real: entry.real, relative: entryRelative});
		}
	}
	return {ok: true, entries: found};
}
