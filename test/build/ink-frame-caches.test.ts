/**
 * The bundle's patch to Ink (scripts/ink-frame-caches.mjs: Ink keeps its per-line text work from one frame to the
 * next) changes no frame: the same screen rendered through many frames, bundled with and without the patch, writes
 * the same bytes; and a patch whose line Ink no longer has fails the build instead of leaving Ink uncached.
 */
import {execFileSync} from 'node:child_process';
import {mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {stripVTControlCharacters} from 'node:util';
import {build, type Plugin, type PluginBuild} from 'esbuild';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {inkFrameCaches} from '../../scripts/ink-frame-caches.mjs';

let work: string;
beforeAll(async () => {
	work = await mkdtemp(path.join(os.tmpdir(), 'gitops-tui-ink-caches-'));
});
afterAll(async () => rm(work, {recursive: true, force: true}));

/** Ink imports react-devtools-core only with DEV set; it is not installed (as in scripts/build.mjs). */
const devtoolsStub: Plugin = {
	name: 'stub-react-devtools',
	setup(b: PluginBuild) {
		b.onResolve({filter: /^react-devtools-core$/}, () => ({path: 'react-devtools-core', namespace: 'stub'}));
		b.onLoad({filter: /.*/, namespace: 'stub'}, () => ({contents: 'export default {initialize() {}, connectToDevTools() {}};', loader: 'js'}));
	},
};

async function bundle(outfile: string, plugins: Plugin[]) {
	await build({
		entryPoints: ['test/support/ink-frames-entry.tsx'],
		outfile,
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		jsx: 'automatic',
		define: {'process.env.DEV': '"false"', 'process.env.NODE_ENV': '"production"'},
		banner: {js: "import {createRequire as __r} from 'node:module';const require = __r(import.meta.url);"},
		logLevel: 'silent',
		plugins: [...plugins, devtoolsStub],
	});
	return outfile;
}

const framesOf = (script: string) =>
	execFileSync(process.execPath, [script], {encoding: 'utf8', env: {...process.env, FORCE_COLOR: '3'}})
		.trim()
		.split('\n')
		.map(line => JSON.parse(line) as string);

describe('Ink frame caches in the bundle', () => {
	it('writes the same frames as Ink without them, through cursor moves, colours, wide characters and clipping', async () => {
		const patched = await bundle(path.join(work, 'patched.mjs'), [inkFrameCaches]);
		const plain = await bundle(path.join(work, 'plain.mjs'), []);
		expect(await readFile(patched, 'utf8')).toContain('keptOutputCaches()');
		expect(await readFile(plain, 'utf8')).not.toContain('keptOutputCaches()');

		const frames = framesOf(patched);
		expect(frames).toEqual(framesOf(plain));
		expect(frames.length).toBeGreaterThanOrEqual(150);
		expect(frames[0]).toContain('\u001B[');
		// Real frames: coloured, the cursor on different rows, the list clipped to its 6 rows (the later names never show).
		const text = frames.map(frame => stripVTControlCharacters(frame));
		expect(text[0]).toContain('› web ');
		expect(text[2]).toContain('› ワーカー ');
		expect(text[2]).toContain('search-indexer-with-a-very-long-name-…');
		expect(text.some(frame => frame.includes('≠ OutOfSync'))).toBe(true);
		expect(text[0]).toContain('  queue ');
		expect(text.join('')).not.toContain('cache');
		// The last state drawn is the last one rendered (Ink may end with a bare newline as it unmounts).
		expect(text.findLast(frame => frame.trim() !== '')).toContain('t120');
	}, 60_000);

	it('fails the build when Ink no longer has the line a patch replaces', async () => {
		const fake = path.join(work, 'node_modules', 'ink', 'build');
		await mkdir(fake, {recursive: true});
		await writeFile(path.join(fake, 'output.js'), 'export default class Output { caches = new SomethingElse(); }\n');
		await writeFile(path.join(work, 'entry.js'), "import Output from './node_modules/ink/build/output.js';\nconsole.log(Output);\n");
		await expect(build({entryPoints: [path.join(work, 'entry.js')], bundle: true, write: false, logLevel: 'silent', plugins: [inkFrameCaches]})).rejects.toThrow(/no longer has "    caches = new OutputCaches\(\);"/);
	});
});
