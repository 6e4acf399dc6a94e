/**
 * The repository is a boundary (ARCHITECTURE.md, house style 16): whoever can commit to it must not make
 * gitops-tui read a file outside it — an operator's `~/.kube/config` or SSH key shown in a diff. Every path
 * taken from the repository (an app's path, a kustomization's resources, a chart's values files, the settings
 * file) is resolved here: absolute paths are refused, the path must stay inside the root as written and again
 * once symlinks are followed, and only then is it read.
 */
import {open, readdir, realpath, stat} from 'node:fs/promises';
import path from 'node:path';

/** Why a path was refused; `file` is the path as the repository names it, relative to the root. */
export type OutsideRepoError = {kind: 'out-of-bounds' | 'not-found' | 'io'; message: string; file?: string};

/** A path inside the repository: its real location, its name relative to the root, what it is, and the real root. */
export type InsideRepo = {ok: true; real: string; relative: string; kind: 'file' | 'dir' | 'other'; root: string} | {ok: false; error: OutsideRepoError};

export type InsideRepoRequest = {
	/** The repository root (a materialised tree). */
	root: string;
	/** The path as the repository writes it. */
	target: string;
	/** The directory the path is relative to (absolute); default the root. */
	from?: string;
	/** Whether `..` may appear at all (kustomize bases: yes, within the root; an app's own path: no). Default true. */
	parentSegments?: boolean;
	/** What the path is, for messages (`path`, `resource`, `values file`). */
	what?: string;
};

/** Whether candidate is root or below it, comparing paths as written (no file system access). */
export function isInside(root: string, candidate: string): boolean {
	const relative = path.relative(root, candidate);
	return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

/** Resolves a repository path, refusing any that is absolute or leaves the root (as written or through symlinks). */
export async function resolveInsideRepo(request: InsideRepoRequest): Promise<InsideRepo> {
	const what = request.what ?? 'path';
	const named = request.target;
	const refuse = (message: string): InsideRepo => ({ok: false, error: {kind: 'out-of-bounds', message, file: named}});
	if (named.includes('\0')) return refuse(`${what} ${JSON.stringify(named)} is not a valid path`);
	if (path.isAbsolute(named) || /^[a-zA-Z]:[\\/]/.test(named)) return refuse(`${what} ${named} is an absolute path; only paths inside the repository are read`);
	if (request.parentSegments === false && named.split(/[\\/]/).includes('..')) return refuse(`${what} ${named} contains ".."; it must name a directory inside the repository`);
	let root: string;
	try {
		root = await realpath(request.root);
	} catch {
		return {ok: false, error: {kind: 'not-found', message: `the repository tree ${request.root} does not exist`}};
	}
	const from = request.from ?? root;
	const logical = path.resolve(from, named);
	if (!isInside(root, logical) && !isInside(request.root, logical)) return refuse(`${what} ${named} leaves the repository`);
	const relative = relativeName(root, request.root, logical);
	let real: string;
	try {
		real = await realpath(logical);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT' || code === 'ENOTDIR') return {ok: false, error: {kind: 'not-found', message: `${what} ${relative}: no such file or directory in the repository`, file: relative}};
		if (code === 'ELOOP') return refuse(`${what} ${relative} is a symlink loop`);
		return {ok: false, error: {kind: 'io', message: `${what} ${relative}: ${(error as Error).message}`, file: relative}};
	}
	if (!isInside(root, real)) return {ok: false, error: {kind: 'out-of-bounds', message: `${what} ${relative} is a symlink leaving the repository`, file: relative}};
	const info = await stat(real);
	return {ok: true, real, relative, kind: info.isDirectory() ? 'dir' : info.isFile() ? 'file' : 'other', root};
}

/** A file's text, or why it cannot be read: it must be a regular file inside the repository, at most maxBytes. */
export type RepoFileText = {ok: true; text: string; relative: string} | {ok: false; error: OutsideRepoError | {kind: 'too-large'; message: string; file: string}};

/**
 * Reads a repository file: never a symlink out, never a device or FIFO (`/dev/tty` would hang, `/dev/zero` would
 * never end), and never more than maxBytes (bigger is an error, not a truncation).
 */
export async function readRepoFile(request: InsideRepoRequest & {maxBytes: number}): Promise<RepoFileText> {
	const resolved = await resolveInsideRepo(request);
	if (!resolved.ok) return resolved;
	const {relative} = resolved;
	if (resolved.kind !== 'file') return {ok: false, error: {kind: 'out-of-bounds', message: `${relative} is not a regular file`, file: relative}};
	let handle;
	try {
		handle = await open(resolved.real, 'r');
		// Sized from the file, not the cap: a zero-filled buffer of the cap (8 MB for a kustomization) per read cost more
		// than the read, and its external memory drove garbage collections. Read one byte past the size, growing up to one
		// byte past the cap: a file that grew after stat() is still read whole, or caught.
		let buffer = Buffer.allocUnsafe(Math.min((await handle.stat()).size, request.maxBytes) + 1);
		let length = 0;
		for (let read = 1; read > 0; ) {
			({bytesRead: read} = await handle.read(buffer, length, buffer.length - length, length));
			length += read;
			if (length < buffer.length) continue;
			if (buffer.length > request.maxBytes) break;
			const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, request.maxBytes + 1));
			buffer.copy(grown, 0, 0, length);
			buffer = grown;
		}
		if (length > request.maxBytes) return {ok: false, error: {kind: 'too-large', message: `${relative} is larger than ${request.maxBytes} bytes`, file: relative}};
		return {ok: true, text: buffer.subarray(0, length).toString('utf8'), relative};
	} catch (error) {
		return {ok: false, error: {kind: 'io', message: `cannot read ${relative}: ${(error as Error).message}`, file: relative}};
	} finally {
		await handle?.close();
	}
}

/**
 * The first symlink below dir (in name order, dot-entries included, linked directories inside the root walked
 * too) whose target leaves the root, or undefined. For tools that read a whole directory themselves: helm loads
 * every file of a chart, following symlinks. Dangling links read nothing and are left to the tool.
 */
export async function findLinkLeavingRepo(options: {root: string; dir: string; maxEntries?: number}): Promise<OutsideRepoError | undefined> {
	const root = await realpath(options.root);
	let left = options.maxEntries ?? 50_000;
	const visited = new Set<string>();
	const walk = async (logical: string, real: string): Promise<OutsideRepoError | undefined> => {
		if (visited.has(real)) return undefined;
		visited.add(real);
		const entries = (await readdir(real, {withFileTypes: true})).sort((a, b) => (a.name < b.name ? -1 : 1));
		for (const entry of entries) {
			if (--left < 0) return {kind: 'io', message: `${relativeName(root, options.root, options.dir)} holds too many files to check`};
			const full = path.join(logical, entry.name);
			if (entry.isDirectory()) {
				const found = await walk(full, path.join(real, entry.name));
				if (found) return found;
			} else if (entry.isSymbolicLink()) {
				const target = await realpath(path.join(real, entry.name)).catch(() => undefined);
				if (target === undefined) continue;
				const relative = relativeName(root, options.root, full);
				if (!isInside(root, target)) return {kind: 'out-of-bounds', message: `${relative} is a symlink leaving the repository`, file: relative};
				if ((await stat(target)).isDirectory()) {
					const found = await walk(full, target);
					if (found) return found;
				}
			}
		}
		return undefined;
	};
	const start = await realpath(options.dir).catch(() => undefined);
	if (start === undefined || !(await stat(start)).isDirectory()) return undefined;
	if (!isInside(root, start)) return {kind: 'out-of-bounds', message: `${relativeName(root, options.root, options.dir)} leaves the repository`};
	return walk(options.dir, start);
}

function relativeName(root: string, writtenRoot: string, logical: string): string {
	const base = isInside(root, logical) ? root : writtenRoot;
	return path.relative(base, logical).split(path.sep).join('/') || '.';
}
