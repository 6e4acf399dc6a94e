/**
 * What an app's render depends on, as one string: its sources with every render option (kind, helm values,
 * Flux variables, target namespace, patches, images, components, Argo CD's namespace) and the content of every
 * directory the render reads, as git tree ids. Two evaluations with the same key render the same objects, so
 * the TUI keeps a render across commits that touched other apps.
 *
 * Which directories a render reads: a plain directory its path; a kustomization every kustomization it reaches
 * (bases, components, resources that are directories: kustomize confines files to each kustomization's own
 * directory); anything else (a Helm chart, whose values files and file:// dependencies may sit anywhere) and any
 * path holding a symbolic link (which may lead anywhere in the repository) the whole tree. Reading a few
 * kustomization files costs far less than one kustomize process.
 */
import {realpath} from 'node:fs/promises';
import path from 'node:path';
import {defaultRenderLimits, detectSourceKind, hasFluxKustomizeFields} from '../repo/render/index.js';
import {checkKustomizationReferences} from '../repo/render/kustomize-references.js';
import {directoryId, hasSymlinkUnder, type TreeIndex} from '../repo/tree-index.js';
import type {AppDefinition, AppSource} from './engine.js';

export type RenderKeyOptions = {
	/** The materialised tree the app is rendered from. */
	tree: {sha: string; dir: string};
	/** Directory ids of that commit; without one, the commit itself is the content (every commit renders anew). */
	index?: TreeIndex;
};

/**
 * The key of an app's render; undefined when it must not be kept: its variables are read from the cluster
 * (Flux `substituteFrom`), which changes without a commit.
 */
export async function renderKeyOf(app: AppDefinition, options: RenderKeyOptions): Promise<string | undefined> {
	return (await renderKeyDetail(app, options)).key;
}

/**
 * The key, and whether the app's render is a process (kustomize, helm: its first source's kind, as the key's
 * reading found it; undefined when not looked at), so the render order need not list the app's folder again.
 */
export async function renderKeyDetail(app: AppDefinition, options: RenderKeyOptions): Promise<{key: string | undefined; process?: boolean}> {
	if (app.sources.some(source => source.flux?.substituteFrom?.length)) return {key: undefined};
	const contents = await Promise.all(app.sources.map(source => sourceContent(source, options)));
	const key = JSON.stringify([app.sources, app.sourceProblem ?? '', contents.map(content => content.text)]);
	const kind = contents[0]?.kind;
	return kind === undefined ? {key} : {key, process: kind !== 'directory'};
}

async function sourceContent(source: AppSource, options: RenderKeyOptions): Promise<{text: string; kind?: string}> {
	const {index, tree} = options;
	if (!index || index.commit !== tree.sha) return {text: `commit:${tree.sha}`};
	const whole = `tree:${directoryId(index, '')}`;
	// The repository's boundary before any listing: a path that is no directory of the commit (absent, outside the
	// repository, or reached through a symbolic link) is not looked at here; its render may read anything of the tree.
	if (!isCommitDirectory(index, source.path || '.')) return {text: whole, kind: hasFluxKustomizeFields(source.flux?.kustomize) ? 'kustomize' : (source.kind ?? 'directory')};
	const {dirs, kind} = await directoriesRead(source, tree.dir);
	if (dirs === 'whole' || dirs.some(dir => hasSymlinkUnder(index, dir))) return {text: whole, kind};
	return {text: dirs.map(dir => `${dir}=${directoryId(index, dir)}`).join(','), kind};
}

/** Whether `dir` is a directory of the index's commit, reached from the root through directories only. */
function isCommitDirectory(index: TreeIndex, dir: string): boolean {
	return !path.isAbsolute(dir) && !dir.split(/[\\/]/).includes('..') && directoryId(index, dir) !== 'absent';
}

/** The repository directories (relative, `/`-separated) a source's render reads, or the whole tree; and its kind. */
async function directoriesRead(source: AppSource, root: string): Promise<{dirs: string[] | 'whole'; kind: string}> {
	const appPath = source.path || '.';
	const overlay = hasFluxKustomizeFields(source.flux?.kustomize);
	const kind = overlay ? 'kustomize' : (source.kind ?? (await detectSourceKind(root, appPath)));
	return {dirs: await kustomizeDirectories(kind, appPath, root, overlay ? (source.flux?.kustomize?.components ?? []) : []), kind};
}

async function kustomizeDirectories(kind: string, appPath: string, root: string, components: readonly string[]): Promise<string[] | 'whole'> {
	if (kind === 'directory') return [appPath];
	if (kind !== 'kustomize') return 'whole';
	let realRoot: string;
	const starts: string[] = [];
	try {
		realRoot = await realpath(root);
		// Components are relative to the app's path, as in kustomize-controller.
		for (const dir of ['.', ...components]) starts.push(await realpath(path.resolve(realRoot, appPath, dir)));
	} catch {
		// A path that does not exist: its directory's id says so, and changes when it appears.
		return [appPath];
	}
	if (starts.some(dir => dir !== realRoot && !dir.startsWith(`${realRoot}${path.sep}`))) return 'whole';
	const checked = await checkKustomizationReferences({root: realRoot, dirs: starts, limits: defaultRenderLimits()});
	if (!checked.ok) return 'whole';
	return [...new Set([appPath, ...checked.visited.map(visit => path.relative(realRoot, visit.dir).split(path.sep).join('/'))])];
}
