/**
 * A plain directory of manifests: every `*.yaml`, `*.yml` and `*.json` (recursively by default, in sorted
 * order), each file possibly holding several documents. Dot-files and dot-directories (`.git`,
 * `.github`, `.gitops-tui.yaml`) are not manifests and are skipped. Symlinks are followed only while
 * they stay inside the tree: one pointing outside is an error, as Argo CD and Flux treat it.
 */
import {readFile, readdir, realpath, stat} from 'node:fs/promises';
import path from 'node:path';
import {isInside, resolveInsideRepo} from '../inside-repo.js';
import {collectObjects} from './documents.js';
import {formatBytes, parseYamlDocuments} from './yaml-parse.js';
import {defaultRenderLimits, type RenderError, type RenderLimits, type RenderNote, type RenderResult, type RenderWarning, type RenderedObject} from './types.js';

export type PlainRenderOptions = {
	/** The materialised tree; files are named relative to it, and symlinks may not leave it. */
	root: string;
	/** The app's directory (or a single manifest file) relative to root. */
	path: string;
	/** Descend into subdirectories; default true (Argo CD's `directory.recurse` defaults to false). */
	recurse?: boolean;
	limits?: Partial<RenderLimits>;
};

const manifestExtensions = new Set(['.yaml', '.yml', '.json']);

/** Renders a plain directory. */
export async function renderPlainDirectory(options: PlainRenderOptions): Promise<RenderResult> {
	const limits = {...defaultRenderLimits(), ...options.limits};
	let root: string;
	try {
		root = await realpath(options.root);
	} catch {
		return fail({kind: 'not-found', message: `the tree ${options.root} does not exist`});
	}
	const start = path.resolve(root, options.path);
	if (!isInside(root, start)) return fail({kind: 'out-of-bounds', message: `path ${options.path} leaves the repository`});
	const files = await listManifests(root, start, options.recurse ?? true);
	if (!files.ok) return files;
	const objects: RenderedObject[] = [];
	const notes: RenderNote[] = [];
	const warnings: RenderWarning[] = [];
	for (const file of files.files) {
		const relative = path.relative(root, file.logical) || path.basename(file.logical);
		const size = (await stat(file.real)).size;
		if (size > limits.maxFileBytes) {
			return fail({kind: 'too-large', message: `${relative} is ${formatBytes(size)}, above the ${formatBytes(limits.maxFileBytes)} limit for one manifest file`, file: relative});
		}
		let bytes: Buffer;
		try {
			bytes = await readFile(file.real);
		} catch (error) {
			return fail({kind: 'io', message: `cannot read ${relative}: ${(error as Error).message}`, file: relative});
		}
		const text = decodeUtf8(bytes, relative);
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
		notes.push({kind: 'empty-render', message: `${options.path || '.'}: no Kubernetes objects found (${files.files.length} manifest file${files.files.length === 1 ? '' : 's'})`});
	}
	return {ok: true, objects, notes, warnings};
}

type ManifestFile = {logical: string; real: string};

/** The manifest files under start, in sorted order; symlinks resolved and kept inside root. */
async function listManifests(
	root: string,
	start: string,
	recurse: boolean,
): Promise<{ok: true; files: ManifestFile[]} | {ok: false; error: RenderError}> {
	const files: ManifestFile[] = [];
	const visited = new Set<string>();
	const startInfo = await resolveEntry(root, start);
	if (!startInfo.ok) return startInfo;
	if (startInfo.kind === 'file') return {ok: true, files: [{logical: start, real: startInfo.real}]};
	const walk = async (logical: string, real: string): Promise<RenderError | undefined> => {
		if (visited.has(real)) return undefined; // a symlink cycle
		visited.add(real);
		const names = (await readdir(real)).filter(name => !name.startsWith('.')).sort(byteOrder);
		for (const name of names) {
			const entry = await resolveEntry(root, path.join(logical, name));
			if (!entry.ok) return entry.error;
			if (entry.kind === 'dir') {
				if (recurse) {
					const error = await walk(path.join(logical, name), entry.real);
					if (error) return error;
				}
			} else if (entry.kind === 'file' && manifestExtensions.has(path.extname(name).toLowerCase())) {
				files.push({logical: path.join(logical, name), real: entry.real});
			}
		}
		return undefined;
	};
	const error = await walk(start, startInfo.real);
	return error ? {ok: false, error} : {ok: true, files};
}

type Entry = {ok: true; kind: 'file' | 'dir' | 'other'; real: string} | {ok: false; error: RenderError};

/** An entry of the walk, resolved by the repository's one boundary rule. */
async function resolveEntry(root: string, logical: string): Promise<Entry> {
	const resolved = await resolveInsideRepo({root, target: path.relative(root, logical) || '.'});
	return resolved.ok ? {ok: true, kind: resolved.kind, real: resolved.real} : resolved;
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

/** Go's sort order (bytes), not the locale's: the same order Flux and Argo CD read files in. */
function byteOrder(a: string, b: string): number {
	return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function fail(error: RenderError): RenderResult {
	return {ok: false, error};
}
