/**
 * Renders kept on disk across processes, under the same key as the in-memory cache (render-key.ts: the app's
 * sources and options and the git tree ids of every directory its render reads), prefixed with what made the
 * render: this build of gitops-tui and the kustomize/kubectl/helm binaries it may run (render-identity.ts). A
 * one-shot `status` otherwise reads and parses every app's manifests again; JSON.parse of a kept render is many
 * times cheaper than js-yaml and a kustomize process.
 *
 * Argo CD's repo-server does the same: `manifestCacheKey` in reposerver/cache/cache.go keys generated manifests by
 * the resolved revision, the app source (its repo URL and target revision dropped, superseded by the commit sha),
 * the namespace and the cluster's versions, and a cached entry whose hash does not match its content is a miss. We
 * key by directory tree ids instead of the commit, so a commit touching one app keeps every other app's render.
 *
 * Safety: each entry carries its full key and identity and is used only when both match (a hash collision, a
 * foreign build or a truncated file is a miss, then rewritten); anything unreadable is a miss, never an error.
 * Written to a temporary file (0600, in a 0700 folder) and renamed, so a concurrent reader sees the old entry or
 * the new one, never half of one. Only successful renders holding no Secret and nothing JSON cannot carry are kept
 * (a failure renders again next time, and its message may quote a file). Bounded: past `maxBytes` the oldest
 * entries go.
 */
import {createHash} from 'node:crypto';
import {mkdir, rename, unlink, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {readFileText} from '../journal/read-file-text.js';
import type {DesiredResult} from './desired-state.js';
import {trimStore} from './render-store-trim.js';

export type RenderStore = {
	/** The kept render of this key, or undefined (absent, foreign, damaged or unreadable). */
	read(key: string): Promise<DesiredResult | undefined>;
	/** Keeps a render when it may be kept (see the module); never throws. */
	write(key: string, result: DesiredResult): Promise<void>;
	/** Settles once every write begun so far (and the trim after them) is done. */
	settled(): Promise<void>;
};

export type RenderStoreOptions = {
	/** The folder entries live in (e.g. `<cache>/gitops-tui/renders`); made 0700 on the first write. */
	dir: string;
	/** What made the renders (this build, the render tools): part of every key. */
	identity: () => Promise<string>;
	/** Entries above this total are removed, oldest first; default 200 MB. */
	maxBytes?: number;
};

/** Bumped whenever what a render holds, or how it is written here, changes. */
export const renderStoreFormat = 1;

type Entry = {format: number; identity: string; key: string; rendered: DesiredResult['rendered']; notes: string[]; emptyReason?: string};

/** A store over `dir`; nothing is touched until the first read or write. */
export function createRenderStore(options: RenderStoreOptions): RenderStore {
	const maxBytes = options.maxBytes ?? 200 * 1024 * 1024;
	let identity: Promise<string> | undefined;
	const identityOnce = () => (identity ??= options.identity().catch(() => 'unknown'));
	let made: Promise<unknown> | undefined;
	const pending = new Set<Promise<void>>();
	let written = 0;
	let writtenEntries = 0;
	let trimming: Promise<void> = Promise.resolve();
	const fileOf = async (key: string) => path.join(options.dir, `${createHash('sha256').update(`${await identityOnce()}\0${key}`).digest('hex')}.json`);

	const writeStoredRender = async (key: string, result: DesiredResult): Promise<void> => {
		let body: string;
		try {
			if (!keepable(result)) return;
			// Serialised now, before anything else runs: what is kept is the render as it was made.
			body = JSON.stringify({rendered: result.rendered, notes: result.notes, ...(result.state.ok && result.state.emptyReason ? {emptyReason: result.state.emptyReason} : {})});
		} catch {
			return;
		}
		const file = await fileOf(key);
		// Unique among live writers: the process id and a random part (stores in one process too); `wx` refuses a clash.
		const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
		let created = false;
		try {
			await (made ??= mkdir(options.dir, {recursive: true, mode: 0o700}));
			const text = `{"format":${renderStoreFormat},"identity":${JSON.stringify(await identityOnce())},"key":${JSON.stringify(key)},${body.slice(1)}`;
			await writeFile(temporary, text, {mode: 0o600, flag: 'wx'});
			created = true;
			await rename(temporary, file);
			written += text.length;
			writtenEntries++;
		} catch {
			// A full disk or a read-only cache costs the next run a render, nothing more.
			// Only our own temporary file: a clash means another writer's, which it renames itself.
			if (created) await unlink(temporary).catch(() => {});
		}
	};

	return {
		async read(key) {
			return readStoredRender(await fileOf(key), {key, identity: await identityOnce()});
		},
		write(key, result) {
			const done = writeStoredRender(key, result).finally(() => {
				pending.delete(done);
				// Once the writes of a burst are in, the folder is brought back under its bound (once at a time).
				if (pending.size === 0 && written > 0) {
					const typicalBytes = written / writtenEntries;
					written = 0;
					writtenEntries = 0;
					trimming = trimming.then(() => trimStore({dir: options.dir, maxBytes, typicalBytes})).then(
						() => {},
						() => {},
					);
				}
			});
			pending.add(done);
			return done;
		},
		async settled() {
			while (pending.size > 0) await Promise.all([...pending]);
			await trimming;
		},
	};
}

/** An entry read back, when it is whole and of this key and identity (named: profiles count it). */
async function readStoredRender(file: string, expected: {key: string; identity: string}): Promise<DesiredResult | undefined> {
	try {
		const entry = JSON.parse(await readFileText(file)) as Entry;
		if (entry?.format !== renderStoreFormat || entry.identity !== expected.identity || entry.key !== expected.key) return undefined;
		if (!Array.isArray(entry.rendered) || !Array.isArray(entry.notes) || !entry.notes.every(note => typeof note === 'string')) return undefined;
		if (!entry.rendered.every(item => isPlainObject(item) && isPlainObject(item.object))) return undefined;
		const objects = entry.rendered.map(item => item.object);
		return {state: {ok: true, objects, ...(typeof entry.emptyReason === 'string' && entry.emptyReason ? {emptyReason: entry.emptyReason} : {})}, rendered: entry.rendered, notes: entry.notes};
	} catch {
		return undefined;
	}
}

/**
 * Whether a render may go to disk: rendered without error, no Secret among its objects (their values would land
 * in a file), and only what JSON carries as it is (a YAML timestamp read as a Date, or `.nan`, would come back
 * different).
 */
export function keepable(result: DesiredResult): boolean {
	if (!result.state.ok) return false;
	return result.rendered.every(item => item.object.kind !== 'Secret' && jsonFaithful(item));
}

function jsonFaithful(value: unknown): boolean {
	if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
	if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
	if (Array.isArray(value)) return value.every(jsonFaithful);
	if (!isPlainObject(value)) return false;
	// An undefined property is dropped by JSON and reads back as undefined all the same.
	for (const key in value) if (value[key] !== undefined && !jsonFaithful(value[key])) return false;
	return true;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const prototype = Object.getPrototypeOf(value);
	return prototype === Object.prototype || prototype === null;
}
