/**
 * The order apps are rendered in: those whose render is a process (a kustomization, a Helm chart, a Flux overlay)
 * first. Starting a process from Node costs the main thread a fork of its whole heap, which grows as rendered
 * objects pile up, and a process started first runs while this process parses the plain directories' YAML
 * instead of holding the end of the evaluation. Only the order changes, never what is rendered.
 */
import {readdir} from 'node:fs/promises';
import {resolveInsideRepo} from '../repo/inside-repo.js';
import {hasFluxKustomizeFields} from '../repo/render/index.js';
import {kustomizationFileNames} from '../repo/render/kustomization-files.js';
import {mapConcurrent} from './concurrency.js';
import type {DesiredTree} from './desired-state.js';
import type {AppDefinition} from './engine.js';

/** The files that make a folder a kustomization or a Helm chart (what the renderer's detection looks for). */
const processFiles = [...kustomizationFileNames, 'Chart.yaml'];

/**
 * Indexes into `apps`: process renders first, each group in its given order. `known[i]`, when set, says already
 * whether app i's render is a process (its render key looked: render-key.ts), so its folder is not listed again.
 */
export async function renderOrder(apps: readonly AppDefinition[], tree: DesiredTree, known: ReadonlyArray<boolean | undefined> = []): Promise<number[]> {
	const {processes, others} = await renderGroups(apps, tree, known);
	return [...processes, ...others];
}

/** Indexes into `apps`: the process renders, and the others, each in the given order. */
export async function renderGroups(apps: readonly AppDefinition[], tree: DesiredTree, known: ReadonlyArray<boolean | undefined> = []): Promise<{processes: number[]; others: number[]}> {
	const indexes = apps.map((_, index) => index);
	if (!tree.ok) return {processes: [], others: indexes};
	const processes = await mapConcurrent(apps, 32, async (app, index) => {
		if (known[index] !== undefined) return known[index];
		const [source] = app.sources;
		if (!source) return false;
		if (source.kind === 'helm' || source.kind === 'kustomize' || hasFluxKustomizeFields(source.flux?.kustomize)) return true;
		if (source.kind === 'directory') return false;
		// The repository's one boundary rule first, as the renderer applies it: nothing outside is even looked at.
		const inside = await resolveInsideRepo({root: tree.dir, target: source.path || '.', parentSegments: false});
		if (!inside.ok || inside.kind !== 'dir') return false;
		// One listing of the folder, not a failing stat per name the renderer looks for (each builds an error).
		const names = new Set(await readdir(inside.real).catch(() => []));
		return processFiles.some(name => names.has(name));
	});
	return {processes: indexes.filter(index => processes[index]), others: indexes.filter(index => !processes[index])};
}
