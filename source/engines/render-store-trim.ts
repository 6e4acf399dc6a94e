/**
 * Keeps the render store's folder under its bound: when its entries add up to more than `maxBytes`, the oldest
 * (by modification time: when each was written) are removed until they fill at most 80 % of it, so the next few
 * runs do not trim again at once. Temporary files left by a process that died mid-write go too, once a minute
 * old. Another process removing the same files meanwhile is no error.
 */
import {readdir, stat, unlink} from 'node:fs/promises';
import path from 'node:path';
import {mapConcurrent} from './concurrency.js';

/** A stale temporary file: older than this, no live writer still owns it. */
const staleTemporaryMs = 60_000;

export async function trimStore(options: {
	dir: string;
	maxBytes: number;
	/** The size of a typical entry (what the caller just wrote): a folder far below the bound is not read further. */
	typicalBytes?: number;
	now?: () => number;
}): Promise<{removed: number}> {
	const now = options.now ?? Date.now;
	let names = await readdir(options.dir).catch(() => [] as string[]);
	// Entries of one fleet are alike in size: with room for twice as many, only leftover temporaries are looked at.
	if (options.typicalBytes !== undefined && names.length * options.typicalBytes * 2 < options.maxBytes) names = names.filter(name => name.endsWith('.tmp'));
	const files = await mapConcurrent(names, 32, async name => {
		const file = path.join(options.dir, name);
		const info = await stat(file).catch(() => undefined);
		return info?.isFile() ? {file, name, bytes: info.size, mtimeMs: info.mtimeMs} : undefined;
	});
	let removed = 0;
	const remove = async (file: string) => {
		await unlink(file).then(() => removed++, () => {});
	};
	const entries: Array<{file: string; bytes: number; mtimeMs: number}> = [];
	for (const found of files) {
		if (!found) continue;
		if (found.name.endsWith('.tmp')) {
			if (now() - found.mtimeMs > staleTemporaryMs) await remove(found.file);
		} else if (found.name.endsWith('.json')) entries.push(found);
	}
	let total = entries.reduce((sum, entry) => sum + entry.bytes, 0);
	if (total <= options.maxBytes) return {removed};
	entries.sort((a, b) => a.mtimeMs - b.mtimeMs);
	for (const entry of entries) {
		if (total <= options.maxBytes * 0.8) break;
		await remove(entry.file);
		total -= entry.bytes;
	}
	return {removed};
}
