/**
 * Renders kept on disk across processes, over a real repository and real kustomize: a fresh store over the same
 * folder (a new process) serves the very render a cold one made, provenance included; a changed file or another
 * build misses; damaged, foreign and unreadable entries are misses, never errors, and are rewritten; writers racing
 * on one entry (in one process, and in several) never give a reader half of it; the folder stays under its bound;
 * failures and Secrets never land on disk (a canary value is looked for in every file).
 */
import {chmodSync, existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync} from 'node:fs';
import {execFile} from 'node:child_process';
import path from 'node:path';
import {build} from 'esbuild';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {renderApp} from '../../source/engines/desired-state.js';
import type {AppDefinition} from '../../source/engines/engine.js';
import {createRenderCache, renderAppCached} from '../../source/engines/render-cache.js';
import {renderKeyOf} from '../../source/engines/render-key.js';
import {createRenderStore, type RenderStore} from '../../source/engines/render-store.js';
import {renderIdentity} from '../../source/engines/render-identity.js';
import {commitFiles} from '../support/repo-helpers.js';
import {configMapYaml, plainAppAt, renderWorld} from '../support/render-world.js';

const canary = 'CANARY-RENDER-STORE-9f41';
const world = renderWorld('gitops-tui-render-store-');
const {temp, env, work, tools, head} = world;
const configMap = configMapYaml;
const app = (name: string, appPath: string) => plainAppAt(name, appPath);
let storeCount = 0;

/** A store over its own folder (or `dir`), as a fresh process would open it. */
function storeAt(dir = path.join(temp.dir, `store-${++storeCount}`), more: {build?: string; maxBytes?: number} = {}): {store: RenderStore; dir: string} {
	const store = createRenderStore({dir, identity: () => renderIdentity({build: more.build ?? 'test-build', tools}), ...(more.maxBytes ? {maxBytes: more.maxBytes} : {})});
	return {store, dir};
}

/** Renders through a fresh in-memory cache over `store`: what one process does; says whether it rendered. */
async function renderThrough(store: RenderStore, definition: AppDefinition) {
	const {tree, index} = await head();
	let rendered = false;
	const result = await renderAppCached(definition, {tree, tools, index, cache: createRenderCache({store}), onRender: () => (rendered = true)});
	await store.settled();
	return {result, rendered, key: (await renderKeyOf(definition, {tree, index}))!};
}

function filesUnder(dir: string): string[] {
	return existsSync(dir) ? readdirSync(dir).map(name => path.join(dir, name)) : [];
}

beforeAll(async () => {
	await world.open({
		'base/cm.yaml': configMap('shared', '1'),
		'base/kustomization.yaml': 'resources:\n  - cm.yaml\n',
		'apps/k/kustomization.yaml': 'resources:\n  - ../../base\n  - own.yaml\n',
		'apps/k/own.yaml': configMap('own', '1'),
		'apps/plain/a.yaml': `# first\n${configMap('a', '1')}---\n${configMap('b', 'yes')}`,
		'apps/plain/b.yaml': `${configMap('c', '3')}---\nnot: kubernetes\n`,
		'apps/secret/cm.yaml': configMap('visible', '1'),
		'apps/secret/secret.yaml': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: ${canary}\n`,
		'apps/generated/kustomization.yaml': `secretGenerator:\n  - name: db\n    literals: [password=${canary}]\n`,
		'apps/broken/cm.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata: [${canary}\n`,
	});
});
afterAll(() => temp.cleanup());

describe('the render store', () => {
	it('serves a fresh process the render a cold one made: the same objects, files, lines and notes', async () => {
		const {dir} = storeAt();
		for (const definition of [app('plain', 'apps/plain'), app('k', 'apps/k')]) {
			const cold = await renderThrough(storeAt(dir).store, definition);
			expect(cold.rendered).toBe(true);
			const warm = await renderThrough(storeAt(dir).store, definition);
			expect(warm.rendered).toBe(false);
			expect(warm.result).toEqual(cold.result);
			// The objects the state lists are the rendered ones, as a render makes them.
			expect(warm.result.state.ok && warm.result.state.objects[0]).toBe(warm.result.rendered[0]!.object);
		}
		const plain = await renderThrough(storeAt(dir).store, app('plain', 'apps/plain'));
		expect(plain.result.rendered.map(item => `${item.file}:${item.line}`)).toEqual(['apps/plain/a.yaml:2', 'apps/plain/a.yaml:9', 'apps/plain/b.yaml:1']);
		expect(plain.result.notes.join('\n')).toContain('apps/plain/b.yaml');
		// Owner-only: a folder of 0700, files of 0600.
		expect(statSync(dir).mode & 0o777).toBe(0o700);
		for (const file of filesUnder(dir)) expect(statSync(file).mode & 0o777).toBe(0o600);
	});

	it('misses when a file the render reads changed, and when another build made the entry', async () => {
		const {dir} = storeAt();
		const definition = app('k', 'apps/k');
		await renderThrough(storeAt(dir).store, definition);
		expect((await renderThrough(storeAt(dir, {build: 'another-build'}).store, definition)).rendered).toBe(true);
		commitFiles(work, env, {'base/cm.yaml': configMap('shared', '2')}, {message: 'base moves', date: '2026-01-02T00:00:00Z'});
		const after = await renderThrough(storeAt(dir).store, definition);
		expect(after.rendered).toBe(true);
		expect(JSON.stringify(after.result.rendered)).toContain('"value":"2"');
		expect((await renderThrough(storeAt(dir).store, definition)).rendered).toBe(false);
	});

	it('takes a damaged, truncated, foreign or unreadable entry for a miss, and writes it anew', async () => {
		const definition = app('plain', 'apps/plain');
		const {dir} = storeAt();
		const cold = await renderThrough(storeAt(dir).store, definition);
		const [file] = filesUnder(dir);
		const whole = readFileSync(file!, 'utf8');
		const damages = [whole.slice(0, whole.length / 2), 'not json', '', JSON.stringify({...JSON.parse(whole), format: 999}), JSON.stringify({...JSON.parse(whole), key: 'another'}), JSON.stringify({...JSON.parse(whole), rendered: 'x'})];
		for (const damaged of damages) {
			writeFileSync(file!, damaged);
			const again = await renderThrough(storeAt(dir).store, definition);
			expect(again.rendered).toBe(true);
			expect(again.result).toEqual(cold.result);
			expect(readFileSync(file!, 'utf8')).toBe(whole);
		}
		chmodSync(file!, 0o000);
		const unreadable = await renderThrough(storeAt(dir).store, definition);
		expect(unreadable.result).toEqual(cold.result);
		chmodSync(file!, 0o600);
		// A cache folder that cannot be made (a file stands there): renders go on, nothing is kept, nothing throws.
		const blocked = path.join(temp.dir, 'blocked');
		writeFileSync(blocked, 'a file');
		const through = await renderThrough(storeAt(path.join(blocked, 'renders')).store, definition);
		expect(through.result).toEqual(cold.result);
	});

	it('never gives a reader half an entry while writers race on it', async () => {
		const definition = app('plain', 'apps/plain');
		const {dir} = storeAt();
		const {tree, index} = await head();
		const result = await renderApp(definition, {tree, tools});
		const key = (await renderKeyOf(definition, {tree, index}))!;
		const writers = Array.from({length: 6}, () => storeAt(dir).store);
		const reader = storeAt(dir).store;
		let reads = 0;
		let writing = true;
		const readLoop = (async () => {
			while (writing) {
				const read = await reader.read(key);
				if (read) expect(read).toEqual(result);
				reads++;
			}
		})();
		await Promise.all(writers.flatMap(writer => Array.from({length: 10}, () => writer.write(key, result))));
		writing = false;
		await readLoop;
		expect(reads).toBeGreaterThan(0);
		expect(await reader.read(key)).toEqual(result);
		// Only the entry: every temporary file was renamed into place.
		expect(filesUnder(dir).map(file => path.basename(file)).filter(name => name.endsWith('.tmp'))).toEqual([]);
	});

	it('keeps the render as it was when written, whatever its caller does with the objects afterwards', async () => {
		const {tree, index} = await head();
		const definition = app('plain', 'apps/plain');
		const result = await renderApp(definition, {tree, tools});
		const before = structuredClone(result);
		const key = (await renderKeyOf(definition, {tree, index}))!;
		const {store, dir} = storeAt();
		const writing = store.write(key, result);
		result.rendered[0]!.object.metadata.name = 'changed-after-the-write';
		await writing;
		expect(await storeAt(dir).store.read(key)).toEqual(before);
	});

	it('never gives a reader half an entry while processes race to write it', async () => {
		const {tree} = await head();
		const result = await renderApp(app('plain', 'apps/plain'), {tree, tools});
		const dir = path.join(temp.dir, 'raced-by-processes');
		const worker = path.join(temp.dir, 'render-store-worker.mjs');
		await build({entryPoints: [path.resolve(import.meta.dirname, 'render-store-worker.ts')], bundle: true, platform: 'node', format: 'esm', outfile: worker, logLevel: 'silent'});
		// Each process writes a whole render of its own (a note names it): a read is one of them, whole, or nothing.
		const variants = ['a', 'b', 'c'].map(name => ({...result, notes: [...result.notes, `written by ${name}`]}));
		const runs = variants.map((variant, index) => {
			const file = path.join(temp.dir, `variant-${index}.json`);
			writeFileSync(file, JSON.stringify(variant));
			return new Promise<{code: number; stderr: string}>(resolve => {
				execFile(process.execPath, [worker, dir, 'the-key', file, '40'], (error, _stdout, stderr) => resolve({code: error ? 1 : 0, stderr}));
			});
		});
		const reader = createRenderStore({dir, identity: async () => 'worker-test-identity'});
		let done = false;
		const finished = Promise.all(runs).finally(() => (done = true));
		let found = 0;
		while (!done) {
			const read = await reader.read('the-key');
			if (read) {
				found++;
				expect(variants).toContainEqual(read);
			}
		}
		expect(await finished).toEqual([{code: 0, stderr: ''}, {code: 0, stderr: ''}, {code: 0, stderr: ''}]);
		expect(found).toBeGreaterThan(0);
		expect(variants).toContainEqual(await reader.read('the-key'));
		expect(readdirSync(dir).filter(name => name.endsWith('.tmp'))).toEqual([]);
	}, 60_000);

	it('stays under its bound, the oldest entries going first', async () => {
		const {tree} = await head();
		const result = await renderApp(app('plain', 'apps/plain'), {tree, tools});
		const size = JSON.stringify(result).length;
		const {store, dir} = storeAt(undefined, {maxBytes: size * 5});
		await store.write('key-first', result);
		// A temporary file a process that died mid-write left, two minutes ago; and one being written now.
		const stale = path.join(dir, 'abc.json.999.x.tmp');
		const live = path.join(dir, 'abc.json.998.y.tmp');
		writeFileSync(stale, '{"half');
		writeFileSync(live, '{"half');
		utimesSync(stale, new Date(Date.now() - 120_000), new Date(Date.now() - 120_000));
		for (let i = 0; i < 12; i++) {
			await store.write(`key-${i}`, result);
			await store.settled();
		}
		const total = filesUnder(dir).filter(file => file.endsWith('.json')).reduce((sum, file) => sum + statSync(file).size, 0);
		expect(total).toBeLessThanOrEqual(size * 5 * 1.1);
		expect(await store.read('key-11')).toEqual(result);
		expect(await store.read('key-0')).toBeUndefined();
		expect([existsSync(stale), existsSync(live)]).toEqual([false, true]);
	});

	it('keeps no failed render and no render holding a Secret: the canary is in no file', async () => {
		const {store, dir} = storeAt();
		for (const definition of [app('secret', 'apps/secret'), app('generated', 'apps/generated'), app('broken', 'apps/broken')]) {
			const first = await renderThrough(store, definition);
			const second = await renderThrough(storeAt(dir).store, definition);
			expect(second.rendered).toBe(true);
			expect(second.result).toEqual(first.result);
		}
		const secret = await renderThrough(store, app('secret', 'apps/secret'));
		expect(secret.result.state.ok).toBe(true);
		expect((await renderThrough(store, app('broken', 'apps/broken'))).result.state.ok).toBe(false);
		for (const file of filesUnder(dir)) expect(readFileSync(file, 'utf8')).not.toContain(canary);
		expect(filesUnder(dir)).toEqual([]);
	});
});
