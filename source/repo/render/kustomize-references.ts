/**
 * The repository root as kustomize's only allowed root, as Flux builds (fluxcd/pkg#262: its file system refuses
 * any path outside the source's root). kustomize's own default (`LoadRestrictionsRootOnly`, which we keep)
 * confines *files* to each kustomization's directory, symlinks followed, but lets a kustomization use any
 * *directory* as a base, component or resource: `resources: [../../../../home/me/x]` or a symlinked directory
 * would build from outside the repository. So before kustomize runs, every kustomization reachable from the app
 * is read (inside the repository only) and every local path it names is checked with resolveInsideRepo.
 * A path that does not exist locally is left to kustomize (a remote base, or its own "not found").
 */
import path from 'node:path';
import {resolveInsideRepo, readRepoFile} from '../inside-repo.js';
import {kustomizationFileNames} from './kustomization-files.js';
import type {RenderError, RenderLimits} from './types.js';
import {parseYamlDocuments} from './yaml-parse.js';

/** A kustomization read on the way: its directory (real path) and its parsed content. */
export type VisitedKustomization = {dir: string; value: unknown};

/** Checks the kustomizations at dirs (real paths inside root) and everything they reach; returns those it read. */
export async function checkKustomizationReferences(options: {
	root: string;
	dirs: string[];
	limits: RenderLimits;
}): Promise<{ok: true; visited: VisitedKustomization[]} | {ok: false; error: RenderError}> {
	const queue = [...options.dirs];
	const seen = new Set<string>();
	const visited: VisitedKustomization[] = [];
	while (queue.length > 0) {
		const dir = queue.shift()!;
		if (seen.has(dir)) continue;
		seen.add(dir);
		const kustomization = await readKustomization(options.root, dir, options.limits);
		if (!kustomization.ok) return kustomization;
		visited.push({dir, value: kustomization.value});
		for (const reference of pathReferences(kustomization.value)) {
			const resolved = await resolveInsideRepo({root: options.root, from: dir, target: reference, what: `${kustomization.file} names`});
			if (resolved.ok) {
				if (resolved.kind === 'dir') queue.push(resolved.real);
			} else if (resolved.error.kind !== 'not-found') {
				return {ok: false, error: {...resolved.error, file: kustomization.file}};
			}
		}
	}
	return {ok: true, visited};
}

async function readKustomization(root: string, dir: string, limits: RenderLimits): Promise<{ok: true; value: unknown; file: string} | {ok: false; error: RenderError}> {
	for (const name of kustomizationFileNames) {
		const read = await readRepoFile({root, from: dir, target: name, maxBytes: limits.maxFileBytes, what: 'kustomization'});
		if (!read.ok && read.error.kind === 'not-found') continue;
		if (!read.ok) return {ok: false, error: read.error};
		const parsed = parseYamlDocuments(read.text, {file: read.relative, maxBytes: limits.maxFileBytes, maxExpandedNodes: limits.maxExpandedNodes, yaml11Warnings: false});
		if (!parsed.ok) return parsed;
		return {ok: true, value: parsed.documents[0]?.value, file: read.relative};
	}
	// No kustomization here (a plain directory resource): kustomize says so itself if it minds.
	return {ok: true, value: undefined, file: path.basename(dir)};
}

/** Fields holding a list of paths (or inline YAML, which is skipped). */
const pathLists = ['resources', 'bases', 'components', 'crds', 'configurations', 'generators', 'transformers', 'validators', 'patchesStrategicMerge'];
/** Lists of objects with a `path`. */
const objectsWithPath = ['patches', 'patchesJson6902', 'replacements'];

/** Every local path a kustomization names: its bases, resources, patches, generator files and the like. */
export function pathReferences(kustomization: unknown): string[] {
	if (!isRecord(kustomization)) return [];
	const found: string[] = [];
	const add = (value: unknown) => {
		// Inline YAML (a patch, a generator's config) names no file.
		if (typeof value === 'string' && value.trim() !== '' && !value.includes('\n')) found.push(value.trim());
	};
	for (const field of pathLists) for (const item of list(kustomization[field])) add(item);
	for (const field of objectsWithPath) for (const item of list(kustomization[field])) if (isRecord(item)) add(item.path);
	for (const field of ['configMapGenerator', 'secretGenerator']) {
		for (const generator of list(kustomization[field])) {
			if (!isRecord(generator)) continue;
			// `files` entries may be `key=path`.
			for (const file of list(generator.files)) if (typeof file === 'string') add(file.includes('=') ? file.slice(file.indexOf('=') + 1) : file);
			for (const env of list(generator.envs)) add(env);
			add(generator.env);
		}
	}
	if (isRecord(kustomization.openapi)) add(kustomization.openapi.path);
	if (isRecord(kustomization.helmGlobals)) {
		add(kustomization.helmGlobals.chartHome);
		add(kustomization.helmGlobals.configHome);
	}
	for (const chart of list(kustomization.helmCharts)) {
		if (!isRecord(chart)) continue;
		add(chart.valuesFile);
		for (const file of list(chart.additionalValuesFiles)) add(file);
	}
	return found;
}

function list(value: unknown): unknown[] {
	return Array.isArray(value) ? value : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
