// An esbuild plugin for the CLI's bundle: Ink keeps what it works out about a frame's text lines from one frame to
// the next. Ink 6 turns every frame into text whole (ink/build/output.js): each line is split into styled
// characters (ansi-tokenize) and measured (string-width, grapheme by grapheme), and each text node is measured again
// as it is written (render-node-to-output.js). Its caches for that live one frame: a new Output per render. In the
// TUI a key or a changed verdict moves one or two rows of the 24 or 50 on screen, so almost every line is one the
// frame before had: with the caches kept across frames, Ink's render of the apps list at 80×24 (500 apps, colours on)
// fell from ~6.4 to ~2.0 ms at best and from ~11 to ~2.3 ms in the median on a loaded machine (that text work was
// most of a key's frame in the profile under churn at M). The functions cached are pure (a
// string in, its width or its styled characters out, read-only after), so a frame is the same text either way.
// The caches are bounded: dropped whole when they hold more than `keptLines` lines' styled characters (about 6 KB
// each at 80 columns, 16 KB at 200: at most ~2.5–6.5 MB; 8 screens of 50 lines, while a frame needs one screen's
// worth and the clock adds a line a second) or `keptWidths` widths (a number per line or character).
//
// Each patch fails the build if Ink's source no longer has the line it replaces, so an Ink upgrade that moved it
// is noticed, not silently left uncached.
import {readFile} from 'node:fs/promises';

const keptLines = 400;
const keptWidths = 5000;

const patches = [
	{
		file: /[\\/]ink[\\/]build[\\/]output\.js$/,
		replace: '    caches = new OutputCaches();',
		with: '    caches = keptOutputCaches();',
		append: `
let keptCaches = new OutputCaches();
function keptOutputCaches() {
	if (keptCaches.styledChars.size > ${keptLines} || keptCaches.widths.size + keptCaches.blockWidths.size > ${keptWidths}) keptCaches = new OutputCaches();
	return keptCaches;
}
`,
	},
	{
		file: /[\\/]ink[\\/]build[\\/]render-node-to-output\.js$/,
		replace: 'const currentWidth = widestLine(text);',
		with: 'const currentWidth = keptWidestLine(text);',
		append: `
let keptLineWidths = new Map();
function keptWidestLine(text) {
	let width = keptLineWidths.get(text);
	if (width === undefined) {
		if (keptLineWidths.size > ${keptWidths}) keptLineWidths = new Map();
		width = widestLine(text);
		keptLineWidths.set(text, width);
	}
	return width;
}
`,
	},
];

/** The plugin: patches Ink's output.js and render-node-to-output.js as esbuild loads them. */
export const inkFrameCaches = {
	name: 'ink-frame-caches',
	setup(build) {
		for (const patch of patches) {
			build.onLoad({filter: patch.file}, async args => {
				const source = await readFile(args.path, 'utf8');
				if (!source.includes(patch.replace)) throw new Error(`ink-frame-caches: ${args.path} no longer has "${patch.replace}" (Ink upgraded?): update scripts/ink-frame-caches.mjs`);
				return {contents: source.replace(patch.replace, patch.with) + patch.append, loader: 'js'};
			});
		}
	},
};
