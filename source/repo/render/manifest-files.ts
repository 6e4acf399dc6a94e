/**
 * Finding and reading a plain directory's manifest files, within the repository's boundary (inside-repo.ts) at the
 * least file-system cost: a fleet's one-shot `status` lists and reads every app's files, and each call that goes
 * through Node's thread pool costs the main thread more than the read itself. So a directory is listed once with
 * the entries' types; an entry that is a plain file or directory lies where the listing says (its real path is the
 * real directory's path plus its name) and needs no realpath; only a symlink is resolved, by the one boundary rule.
 * A file is opened without following a final symlink, checked to be a regular file within the size limit on the
 * open handle, and only then read: what was checked is what is read.
 */
import {constants} from 'node:fs';
import {open, readdir} from 'node:fs/promises';
import path from 'node:path';
import {resolveInsideRepo} from '../inside-repo.js';
import {formatBytes} from './yaml-parse.js';
import type {RenderError} from './types.js';

/** A manifest file: its path as the repository names it (under the written root) and its real location. */
export type ManifestFile = {logical: string; real: string};

/** File name endings a plain directory reads as manifests. */
const manifestExtensions = new Set(['.yaml', '.yml', '.json']);

export type ListManifestsRequest = {
	/** The real root (symlinks resolved): nothing outside it is listed. */
	root: string;
	/** Where the walk starts, as named under root, and its real location (a directory inside root). */
	logical: string;
	real: string;
	recurse: boolean;
};

/** The manifest files below a directory, in Go's byte order per directory; dot-entries skipped, symlinks kept inside root. */
export async function listManifests(request: ListManifestsRequest): Promise<{ok: true; files: ManifestFile[]} | {ok: false; error: RenderError}> {
	const {root, recurse} = request;
	const files: ManifestFile[] = [];
	const visited = new Set<string>();
	const walk = async (logical: string, real: string): Promise<RenderError | undefined> => {
		if (visited.has(real)) return undefined; // a symlink cycle
		visited.add(real);
		const entries = (await readdir(real, {withFileTypes: true})).filter(entry => !entry.name.startsWith('.')).sort(byteOrder);
		for (const entry of entries) {
			const childLogical = path.join(logical, entry.name);
			let kind: 'file' | 'dir' | 'other' = entry.isDirectory() ? 'dir' : entry.isFile() ? 'file' : 'other';
			let childReal = path.join(real, entry.name);
			if (entry.isSymbolicLink()) {
				const resolved = await resolveInsideRepo({root, target: path.relative(root, childLogical)});
				if (!resolved.ok) return resolved.error;
				({kind, real: childReal} = resolved);
			}
			if (kind === 'dir' && recurse) {
				const error = await walk(childLogical, childReal);
				if (error) return error;
			} else if (kind === 'file' && manifestExtensions.has(path.extname(entry.name).toLowerCase())) {
				files.push({logical: childLogical, real: childReal});
			}
		}
		return undefined;
	};
	const error = await walk(request.logical, request.real);
	return error ? {ok: false, error} : {ok: true, files};
}

/**
 * A manifest file's bytes: refused when it is not a regular file or is larger than maxBytes, judged on the opened
 * handle (the size before a byte is read, so a huge file costs nothing). `relative` names it in errors.
 */
export async function readManifestFile(file: string, relative: string, maxBytes: number): Promise<{ok: true; bytes: Buffer} | {ok: false; error: RenderError}> {
	let handle;
	try {
		// O_NOFOLLOW: the real path has no symlink left, so one appearing here since the listing is refused, not followed.
		// O_NONBLOCK: a FIFO put in a file's place opens at once (and is refused below) instead of waiting for a writer.
		handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
		const info = await handle.stat();
		if (!info.isFile()) return {ok: false, error: {kind: 'out-of-bounds', message: `${relative} is not a regular file`, file: relative}};
		if (info.size > maxBytes) {
			return {ok: false, error: {kind: 'too-large', message: `${relative} is ${formatBytes(info.size)}, above the ${formatBytes(maxBytes)} limit for one manifest file`, file: relative}};
		}
		// One byte more than the size: a file that grew since stat is noticed, and read again in full within the limit.
		const buffer = Buffer.allocUnsafe(info.size + 1);
		const length = await readInto(handle, buffer);
		if (length > info.size) return readGrown(handle, relative, maxBytes);
		return {ok: true, bytes: buffer.subarray(0, length)};
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ELOOP') return {ok: false, error: {kind: 'out-of-bounds', message: `${relative} became a symlink while it was read`, file: relative}};
		return {ok: false, error: {kind: 'io', message: `cannot read ${relative}: ${(error as Error).message}`, file: relative}};
	} finally {
		await handle?.close();
	}
}

type Handle = Awaited<ReturnType<typeof open>>;

/** Fills buffer from the file's start; stops at the end of the file (a short read of a regular file is its end). */
async function readInto(handle: Handle, buffer: Buffer): Promise<number> {
	let length = 0;
	while (length < buffer.length) {
		const wanted = buffer.length - length;
		const {bytesRead} = await handle.read(buffer, length, wanted, length);
		length += bytesRead;
		if (bytesRead < wanted) break;
	}
	return length;
}

/** A file that grew while being read: read again in full, the limit still applied. */
async function readGrown(handle: Handle, relative: string, maxBytes: number): Promise<{ok: true; bytes: Buffer} | {ok: false; error: RenderError}> {
	const buffer = Buffer.allocUnsafe(maxBytes + 1);
	const length = await readInto(handle, buffer);
	if (length > maxBytes) return {ok: false, error: {kind: 'too-large', message: `${relative} is larger than the ${formatBytes(maxBytes)} limit for one manifest file`, file: relative}};
	return {ok: true, bytes: Buffer.from(buffer.subarray(0, length))};
}

/** Go's sort order (bytes), not the locale's: the same order Flux and Argo CD read files in. */
function byteOrder(a: {name: string}, b: {name: string}): number {
	return Buffer.compare(Buffer.from(a.name), Buffer.from(b.name));
}
