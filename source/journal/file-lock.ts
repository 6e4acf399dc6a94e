/**
 * A lock file for appends from several processes: created with O_EXCL (only one process can create it), holding
 * who holds it. A lock left by a process that died (same host, its pid gone) or older than `staleMs` is broken;
 * waiting is bounded by `timeoutMs`, then the append fails rather than hang an action.
 */
import {randomBytes} from 'node:crypto';
import {link, open, readFile, rename, stat, unlink} from 'node:fs/promises';
import os from 'node:os';

export type FileLockOptions = {
	/** A lock older than this is taken as left behind (an append holds it for milliseconds). Default 10 s. */
	staleMs?: number;
	/** How long to wait for the lock before failing. Default 15 s. */
	timeoutMs?: number;
};

type Owner = {pid: number; host: string; time: string; nonce: string};

/** Runs `body` holding the lock at `lockPath`, and releases it whatever happens. */
export async function withFileLock<T>(lockPath: string, options: FileLockOptions, body: () => Promise<T>): Promise<T> {
	const nonce = await acquire(lockPath, options.staleMs ?? 10_000, options.timeoutMs ?? 15_000);
	try {
		return await body();
	} finally {
		await release(lockPath, nonce);
	}
}

async function acquire(lockPath: string, staleMs: number, timeoutMs: number): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const owner: Owner = {pid: process.pid, host: os.hostname(), time: new Date().toISOString(), nonce: randomBytes(12).toString('hex')};
		try {
			const handle = await open(lockPath, 'wx', 0o600);
			try {
				await handle.writeFile(JSON.stringify(owner));
			} finally {
				await handle.close();
			}
			return owner.nonce;
		} catch (error) {
			if (codeOf(error) !== 'EEXIST') throw error;
		}
		const holder = await readHolder(lockPath);
		if (holder && isStale(holder, staleMs)) {
			await breakStale(lockPath, holder.text);
			continue;
		}
		if (Date.now() > deadline) {
			const who = holder?.owner ? ` (held by pid ${holder.owner.pid} on ${holder.owner.host} since ${holder.owner.time})` : '';
			throw new Error(`could not lock ${lockPath} within ${timeoutMs} ms${who}`);
		}
		await new Promise(resolve => setTimeout(resolve, 5 + Math.random() * 20));
	}
}

type Holder = {text: string; owner?: Owner; ageMs: number};

async function readHolder(lockPath: string): Promise<Holder | undefined> {
	try {
		const [text, info] = await Promise.all([readFile(lockPath, 'utf8'), stat(lockPath)]);
		let owner: Owner | undefined;
		try {
			owner = JSON.parse(text) as Owner;
		} catch {
			// Created but not yet written (or written by a crash): only its age can make it stale.
		}
		return {text, ...(owner ? {owner} : {}), ageMs: Date.now() - info.mtimeMs};
	} catch (error) {
		if (codeOf(error) === 'ENOENT') return undefined;
		throw error;
	}
}

function isStale(holder: Holder, staleMs: number): boolean {
	if (holder.ageMs > staleMs) return true;
	const owner = holder.owner;
	return owner !== undefined && owner.host === os.hostname() && owner.pid !== process.pid && !isAlive(owner.pid);
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return codeOf(error) === 'EPERM';
	}
}

/**
 * Moves the stale lock aside (a rename succeeds for one process only) and deletes it. Should another process
 * have replaced it in between, the fresh lock we moved is put back (link fails rather than overwrite).
 */
async function breakStale(lockPath: string, staleText: string): Promise<void> {
	const aside = `${lockPath}.stale-${process.pid}-${randomBytes(6).toString('hex')}`;
	try {
		await rename(lockPath, aside);
	} catch (error) {
		if (codeOf(error) === 'ENOENT') return;
		throw error;
	}
	const moved = await readFile(aside, 'utf8').catch(() => staleText);
	if (moved !== staleText) await link(aside, lockPath).catch(() => undefined);
	await unlink(aside).catch(() => undefined);
}

/** Deletes the lock only while it is still ours (a slow holder may have had it broken as stale). */
async function release(lockPath: string, nonce: string): Promise<void> {
	const holder = await readHolder(lockPath).catch(() => undefined);
	if (holder?.owner?.nonce === nonce) await unlink(lockPath).catch(() => undefined);
}

function codeOf(error: unknown): string | undefined {
	return error !== null && typeof error === 'object' && 'code' in error ? String((error as {code: unknown}).code) : undefined;
}
