// Bundles the CLI: start-up matters on bastions (see ARCHITECTURE.md). dist/cli.js is the entry; esbuild splits
// the rest into dist/chunks/ at every dynamic import(), so a command loads only what it needs (commands/index.ts).
import {build} from 'esbuild';
import {chmod, readFile, rm} from 'node:fs/promises';
import {inkFrameCaches} from './ink-frame-caches.mjs';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

// Chunk names carry a content hash: drop the previous build's, so dist/ holds only what cli.js can load.
await rm('dist', {recursive: true, force: true});

await build({
	entryPoints: {cli: 'source/cli.tsx'},
	outdir: 'dist',
	chunkNames: 'chunks/[name]-[hash]',
	splitting: true,
	bundle: true,
	platform: 'node',
	target: 'node20',
	format: 'esm',
	jsx: 'automatic',
	sourcemap: 'linked',
	legalComments: 'none',
	define: {
		'process.env.GITOPS_TUI_VERSION': JSON.stringify(pkg.version),
		// Ink loads react-devtools-core only when DEV is set; keep it out of the bundle.
		'process.env.DEV': '"false"',
		// React and its reconciler pick their production builds; without this both builds are bundled and the
		// development one (twice the size, slower) runs.
		'process.env.NODE_ENV': '"production"',
	},
	plugins: [
		// Ink keeps its per-line text work from one frame to the next (a key's frame redraws mostly the same lines).
		inkFrameCaches,
		{
			// Ink imports react-devtools-core only when DEV=true; it is not installed, so give the bundle an empty stand-in.
			name: 'stub-react-devtools',
			setup(b) {
				b.onResolve({filter: /^react-devtools-core$/}, () => ({path: 'react-devtools-core', namespace: 'stub'}));
				b.onLoad({filter: /.*/, namespace: 'stub'}, () => ({contents: 'export default {initialize() {}, connectToDevTools() {}};', loader: 'js'}));
			},
		},
	],
	banner: {
		// Bundled CommonJS dependencies (client-node) still call require(). Every chunk gets this banner; the shebang
		// is harmless in a chunk (Node skips a first line starting with #! in any module).
		js: "#!/usr/bin/env node\nimport {createRequire as __gtCreateRequire} from 'node:module';const require = __gtCreateRequire(import.meta.url);",
	},
	logLevel: 'warning',
});

// Runnable as it is (`dist/cli.js status`, or on PATH through a symlink), as `npm link` would make it.
await chmod(new URL('../dist/cli.js', import.meta.url), 0o755);
