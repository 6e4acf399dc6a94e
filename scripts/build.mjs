// Bundles the CLI into one file: start-up matters on bastions (see ARCHITECTURE.md).
import {build} from 'esbuild';
import {readFile} from 'node:fs/promises';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

await build({
	entryPoints: ['source/cli.tsx'],
	outfile: 'dist/cli.js',
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
		// Bundled CommonJS dependencies (client-node) still call require().
		js: "#!/usr/bin/env node\nimport {createRequire as __gtCreateRequire} from 'node:module';const require = __gtCreateRequire(import.meta.url);",
	},
	logLevel: 'warning',
});
