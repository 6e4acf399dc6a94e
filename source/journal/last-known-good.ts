/**
 * The last-known-good store, `$XDG_STATE_HOME/gitops-tui/last-known-good/`: whenever an evaluation sees an app
 * Synced and Healthy at a revision, its rendered manifests are kept, so a rollback can put that revision back
 * even when the clone cannot render it (not fetched, another repository, a chart repository down).
 *
 * Content-addressed: `objects/<sha256>.json` holds the manifests (canonical JSON, so the same manifests are stored
 * once), `apps/<key>.json` lists the revisions kept for one app (newest last, at most `keep`). Secret objects are
 * never stored (their values would sit in clear on disk): they are left out and named in the entry.
 */
import {randomBytes} from 'node:crypto';
import {mkdir, rename, writeFile} from 'node:fs/promises';
import path from 'node:path';
import type {KubeObject} from '../domain/kube-object.js';
import {canonicalJson, sha256Hex} from './canonical-json.js';
import {readFileText} from './read-file-text.js';

/** Which app an entry belongs to. */
export type LastKnownGoodApp = {engine: string; context: string; namespace: string; app: string};

/** One kept revision of an app. */
export type LastKnownGoodRecord = {
	revision: string;
	digest: string;
	savedAt: string;
	objects: number;
	skippedSecrets: string[];
	/**
	 * SHA-256 of the manifests' plain JSON.stringify text: equal text means equal manifests, so a run seeing what
	 * is already kept skips canonical JSON (which costs more than the rest of keeping at fleet scale).
	 */
	quick?: string;
};

/** A kept revision with its manifests. */
export type LastKnownGoodEntry = LastKnownGoodRecord & {manifests: KubeObject[]};

/** The store. */
export type LastKnownGoodStore = {
	readonly dir: string;
	/** Keeps the manifests of an app at a revision (Secrets left out); the same revision twice is stored once. */
	keep(app: LastKnownGoodApp, revision: string, objects: readonly KubeObject[]): Promise<LastKnownGoodRecord>;
	/** The revisions kept for an app, oldest first. */
	records(app: LastKnownGoodApp): Promise<LastKnownGoodRecord[]>;
	/** The manifests kept at a revision (a full sha, or a prefix of at least 7 characters). */
	find(app: LastKnownGoodApp, revision: string): Promise<LastKnownGoodEntry | undefined>;
};

/** `$XDG_STATE_HOME/gitops-tui/last-known-good`, else `~/.local/state/gitops-tui/last-known-good`. */
export function lastKnownGoodDir(env: NodeJS.ProcessEnv, home: string): string {
	return path.join(env['XDG_STATE_HOME'] || path.join(home, '.local', 'state'), 'gitops-tui', 'last-known-good');
}

/** Opens (lazily creates) the store under `dir`; `keep` bounds the revisions kept per app (default 20). */
export function openLastKnownGood(options: {dir: string; now: () => Date; keep?: number}): LastKnownGoodStore {
	const limit = options.keep ?? 20;
	const indexFile = (app: LastKnownGoodApp) => {
		const key = JSON.stringify([app.engine, app.context, app.namespace, app.app]);
		// Readable and unique: sanitised names can collide, the hash of the exact key cannot.
		return path.join(options.dir, 'apps', `${safeName(`${app.engine}_${app.context}_${app.app}`)}-${sha256Hex(key).slice(0, 12)}.json`);
	};
	const objectFile = (digest: string) => path.join(options.dir, 'objects', `${digest}.json`);

	const records = async (app: LastKnownGoodApp): Promise<LastKnownGoodRecord[]> => {
		try {
			const parsed = JSON.parse(await readFileText(indexFile(app))) as {records?: LastKnownGoodRecord[]};
			return Array.isArray(parsed.records) ? parsed.records : [];
		} catch {
			return [];
		}
	};

	return {
		dir: options.dir,
		records,
		async keep(app, revision, objects) {
			const skippedSecrets = objects.filter(isSecretObject).map(object => `${object.metadata.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata.name ?? ''}`);
			const kept = objects.filter(object => !isSecretObject(object));
			const quick = sha256Hex(JSON.stringify(kept));
			const existing = await records(app);
			// `status` keeps every good app on every run: what is already stored is neither hashed nor written again.
			const seen = existing.find(record => record.revision === revision && record.quick === quick);
			const stored = seen && (await readText(objectFile(seen.digest)));
			if (seen && stored !== undefined && sha256Hex(stored) === seen.digest) return seen;
			const text = canonicalJson(kept);
			const digest = sha256Hex(text);
			if ((await readText(objectFile(digest))) !== text) await writeAtomically(objectFile(digest), text);
			const same = existing.find(record => record.revision === revision && record.digest === digest && record.quick === quick);
			if (same) return same;
			const record: LastKnownGoodRecord = {revision, digest, savedAt: options.now().toISOString(), objects: kept.length, skippedSecrets, quick};
			const next = [...existing.filter(entry => entry.revision !== revision), record].slice(-limit);
			await writeAtomically(indexFile(app), `${JSON.stringify({app, records: next}, null, 2)}\n`);
			return record;
		},
		async find(app, revision) {
			if (revision.length < 7) return undefined;
			const record = (await records(app)).reverse().find(entry => entry.revision.startsWith(revision));
			if (!record) return undefined;
			try {
				const text = await readFileText(objectFile(record.digest));
				// A stored file edited since is not what was seen healthy: refuse it rather than apply it.
				if (sha256Hex(text) !== record.digest) return undefined;
				return {...record, manifests: JSON.parse(text) as KubeObject[]};
			} catch {
				return undefined;
			}
		},
	};
}

function isSecretObject(object: KubeObject): boolean {
	return object.kind === 'Secret' && (object.apiVersion === 'v1' || object.apiVersion === '/v1');
}

/** Names from cluster content become file names: anything but [A-Za-z0-9._-] is replaced, so no path escapes the store. */
function safeName(name: string): string {
	return name.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^\.+/, '-');
}

async function readText(file: string): Promise<string | undefined> {
	try {
		return await readFileText(file);
	} catch {
		return undefined;
	}
}

async function writeAtomically(file: string, text: string): Promise<void> {
	await mkdir(path.dirname(file), {recursive: true, mode: 0o700});
	const temporary = `${file}.tmp-${randomBytes(4).toString('hex')}`;
	await writeFile(temporary, text, {mode: 0o600});
	await rename(temporary, file);
}
