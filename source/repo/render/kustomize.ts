/**
 * A kustomization, built by `kustomize build` when it is on PATH, else `kubectl kustomize` (kubectl is on
 * most bastions), with a time limit and an output cap. kustomize keeps its default load restrictions and
 * everything the kustomization reaches must be inside the repository (kustomize-references.ts). When the
 * build fails on broken YAML, the file kustomize names is re-read with our parser so the error carries a
 * precise file and line.
 */
import {readdir, readFile} from 'node:fs/promises';
import path from 'node:path';
import {resolveInsideRepo} from '../inside-repo.js';
import {maskSecretValues} from '../../domain/secret-text.js';
import {checkKustomizationReferences, type VisitedKustomization} from './kustomize-references.js';
import {kustomizeSecretValues} from './kustomize-secrets.js';
import {readToolOutput, toolFailureKind, toolMessage, type RenderTools} from './tool-output.js';
import {defaultRenderLimits, type RenderError, type RenderLimits, type RenderResult} from './types.js';
import {parseYamlDocuments} from './yaml-parse.js';

export type KustomizeRenderOptions = {
	/** The materialised tree; messages name files relative to it. */
	root: string;
	/** The kustomization directory relative to root. */
	path: string;
	tools: RenderTools;
	limits?: Partial<RenderLimits>;
};

export {kustomizationFileNames} from './kustomization-files.js';

/** Builds the kustomization, once everything it names is known to be inside the repository. */
export async function renderKustomize(options: KustomizeRenderOptions): Promise<RenderResult> {
	const limits = {...defaultRenderLimits(), ...options.limits};
	const dir = await resolveInsideRepo({root: options.root, target: options.path || '.', what: 'kustomization'});
	if (!dir.ok) return {ok: false, error: dir.error};
	const checked = await checkKustomizationReferences({root: options.root, dirs: [dir.real], limits});
	if (!checked.ok) return checked;
	// kustomize names files by their real paths: messages are made relative to the real root.
	const built = await buildKustomization({...options, root: dir.root, dir: dir.real});
	return maskFailure(built, dir.root, checked.visited, limits);
}

/** A failed build's message with every Secret value the kustomizations hold masked (kustomize may quote one). */
export async function maskFailure(result: RenderResult, root: string, visited: readonly VisitedKustomization[], limits: RenderLimits): Promise<RenderResult> {
	if (result.ok) return result;
	const values = await kustomizeSecretValues(root, visited, limits);
	return {ok: false, error: {...result.error, message: maskSecretValues(result.error.message, values)}};
}

/**
 * Runs kustomize on a kustomization whose references were checked (renderKustomize, or the Flux overlay for
 * its own). kustomize's default load restrictor stays: never `LoadRestrictionsNone`.
 */
export async function buildKustomization(options: KustomizeRenderOptions & {dir: string}): Promise<RenderResult> {
	const limits = {...defaultRenderLimits(), ...options.limits};
	const {dir} = options;
	const kustomize = await options.tools.findBinary('kustomize');
	const kubectl = kustomize ? undefined : await options.tools.findBinary('kubectl');
	if (!kustomize && !kubectl) {
		return {ok: false, error: {kind: 'kustomize-missing', message: `neither kustomize nor kubectl is installed; cannot build the kustomization at ${options.path}`}};
	}
	const command = kustomize ?? kubectl!;
	const args = kustomize ? ['build', dir] : ['kustomize', dir];
	const what = `${kustomize ? 'kustomize build' : 'kubectl kustomize'} ${options.path}`;
	const result = await options.tools.run({
		command,
		args,
		cwd: dir,
		env: options.tools.env,
		timeoutMs: limits.toolTimeoutMs,
		maxOutputBytes: limits.maxOutputBytes,
	});
	if (!result.ok) {
		const message = toolMessage(result.error, options.root);
		const located = await locateYamlError(message, options.root, limits);
		if (located) return {ok: false, error: located};
		return {ok: false, error: {kind: toolFailureKind(result.error, 'kustomize'), message: `${what}: ${message}`}};
	}
	const output = readToolOutput(result.stdout, what, limits);
	if (!output.ok) return output;
	const {objects, notes, warnings} = output.collected;
	if (objects.length === 0) notes.push({kind: 'empty-render', message: `${what}: the kustomization produced no objects`});
	return {ok: true, objects, notes, warnings};
}

/**
 * kustomize reports broken YAML as `... yaml: line 5: ... in File: d.yaml` (a name relative to some
 * kustomization). Files with that name in the tree are parsed by us; the first that fails gives the
 * precise file, line and reason.
 */
async function locateYamlError(message: string, root: string, limits: RenderLimits): Promise<RenderError | undefined> {
	if (!/yaml/i.test(message)) return undefined;
	const named = /in File: (\S+)/.exec(message)?.[1] ?? /accumulating resources from '([^']+\.ya?ml)'/.exec(message)?.[1];
	if (!named) return undefined;
	const base = path.basename(named);
	for (const file of await findFiles(root, base, 2000)) {
		const relative = path.relative(root, file);
		let text: string;
		try {
			text = await readFile(file, 'utf8');
		} catch {
			continue;
		}
		const parsed = parseYamlDocuments(text, {file: relative, maxBytes: limits.maxFileBytes, maxExpandedNodes: limits.maxExpandedNodes});
		if (!parsed.ok) return parsed.error;
	}
	return undefined;
}

/** Files named `base` under root (dot-directories skipped), visiting at most `budget` directory entries. */
async function findFiles(root: string, base: string, budget: number): Promise<string[]> {
	const found: string[] = [];
	const queue = [root];
	let seen = 0;
	while (queue.length > 0 && seen < budget) {
		const dir = queue.shift()!;
		let entries;
		try {
			entries = await readdir(dir, {withFileTypes: true});
		} catch {
			continue;
		}
		for (const entry of entries) {
			if (++seen > budget) break;
			if (entry.name.startsWith('.')) continue;
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) queue.push(full);
			else if (entry.isFile() && entry.name === base) found.push(full);
		}
	}
	return found.sort();
}
