/**
 * A plain directory of manifests: every `*.yaml`, `*.yml` and `*.json` (recursively by default, in sorted
 * order), each file possibly holding several documents. Dot-files and dot-directories (`.git`,
 * `.github`, `.gitops-tui.yaml`) are not manifests and are skipped. Symlinks are followed only while
 * they stay inside the tree: one pointing outside is an error, as Argo CD and Flux treat it.
 */
import path from 'node:path';
import {resolveInsideRepo, type InsideRepo} from '../inside-repo.js';
import {collectObjects} from './documents.js';
import {listManifests, readManifestFile, type ManifestFile} from './manifest-files.js';
import {parseYamlDocuments} from './yaml-parse.js';
import {defaultRenderLimits, type RenderError, type RenderLimits, type RenderNote, type RenderResult, type RenderWarning, type RenderedObject} from './types.js';

export type PlainRenderOptions = {
	/** The materialised tree; files are named relative to it, and symlinks may not leave it. */
	root: string;
	/** The app's directory (or a single manifest file) relative to root. */
	path: string;
	/** Descend into subdirectories; default true (Argo CD's `directory.recurse` defaults to false). */
	recurse?: boolean;
	limits?: Partial<RenderLimits>;
	/** The path as resolveInsideRepo already resolved it for this root (renderPath did): not resolved twice. */
	resolved?: Extract<InsideRepo, {ok: true}>;
};

/** Renders a plain directory. */
export async function renderPlainDirectory(options: PlainRenderOptions): Promise<RenderResult> {
	const limits = {...defaultRenderLimits(), ...options.limits};
	const start = options.resolved ?? (await resolveInsideRepo({root: options.root, target: options.path || '.'}));
	if (!start.ok) return fail(start.error.kind === 'not-found' && start.error.file === undefined ? {kind: 'not-found', message: `the tree ${options.root} does not exist`} : start.error);
	const {root} = start;
	const logical = path.resolve(root, options.path);
	let files: ManifestFile[];
	if (start.kind === 'file') files = [{logical, real: start.real}];
	else if (start.kind === 'dir') {
		const listed = await listManifests({root, logical, real: start.real, recurse: options.recurse ?? true});
		if (!listed.ok) return listed;
		files = listed.files;
	} else return fail({kind: 'out-of-bounds', message: `${start.relative} is neither a directory nor a regular file`, file: start.relative});
	const objects: RenderedObject[] = [];
	const notes: RenderNote[] = [];
	const warnings: RenderWarning[] = [];
	for (const file of files) {
		const relative = path.relative(root, file.logical) || path.basename(file.logical);
		const read = await readManifestFile(file.real, relative, limits.maxFileBytes);
		if (!read.ok) return read;
		const text = decodeUtf8(read.bytes, relative);
		if (typeof text !== 'string') return fail(text);
		const json = file.logical.toLowerCase().endsWith('.json');
		const parsed = parseYamlDocuments(text, {file: relative, maxBytes: limits.maxFileBytes, maxExpandedNodes: limits.maxExpandedNodes, json, yaml11Warnings: !json});
		if (!parsed.ok) return parsed;
		const collected = collectObjects(parsed.documents, relative);
		if (collected.error) return fail(collected.error);
		objects.push(...collected.objects);
		notes.push(...collected.notes);
		warnings.push(...collected.warnings);
	}
	if (objects.length === 0) {
		notes.push({kind: 'empty-render', message: `${options.path || '.'}: no Kubernetes objects found (${files.length} manifest file${files.length === 1 ? '' : 's'})`});
	}
	return {ok: true, objects, notes, warnings};
}

/**
 * The file as UTF-8 text, or an error naming its first line that is not UTF-8: decoding with replacement
 * characters would compare values nobody wrote and report drift that is not there.
 */
function decodeUtf8(bytes: Buffer, relative: string): string | RenderError {
	try {
		return new TextDecoder('utf-8', {fatal: true}).decode(bytes);
	} catch {
		let line = 1;
		for (let start = 0; start <= bytes.length; line++) {
			const end = bytes.indexOf(0x0a, start) === -1 ? bytes.length : bytes.indexOf(0x0a, start);
			try {
				new TextDecoder('utf-8', {fatal: true}).decode(bytes.subarray(start, end));
			} catch {
				break;
			}
			start = end + 1;
		}
		return {kind: 'yaml', message: `${relative}:${line}: not valid UTF-8 (Kubernetes manifests are UTF-8 text)`, file: relative, line};
	}
}

function fail(error: RenderError): RenderResult {
	return {ok: false, error};
}
