/**
 * Which source files a run of the built CLI loaded: run it with `node --import module-trace.mjs`, then map each
 * loaded bundle file to the sources its source map names. Split chunks have hashed names, so the map is the
 * robust way to say "the actions code was (not) loaded".
 */
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';

/** The --import argument that turns the trace on (with GITOPS_TUI_MODULE_TRACE set to a file). */
export const moduleTraceImport = pathToFileURL(path.resolve(import.meta.dirname, 'module-trace.mjs')).href;

/** The source files (repo-relative, e.g. source/actions/runner.ts) behind every bundle file listed in `traceFile`. */
export function loadedSources(traceFile: string): string[] {
	return [...new Set(tracedFiles(traceFile).flatMap(sourcesOf))].sort();
}

/**
 * The source files loaded before the first bundle file holding `source` was: Node loads a module before the
 * modules it imports, and the trace lists them in that order, so for `source/commands/tui.ts` this is everything
 * the CLI loaded before the TUI's own modules (the splash path).
 */
export function sourcesLoadedBefore(traceFile: string, source: string): string[] {
	const files = tracedFiles(traceFile);
	const at = files.findIndex(file => sourcesOf(file).includes(source));
	return [...new Set(files.slice(0, at < 0 ? files.length : at).flatMap(sourcesOf))].sort();
}

const repoRoot = path.resolve(import.meta.dirname, '../..');

/** The bundle files the run loaded, in the order it loaded them. */
function tracedFiles(traceFile: string): string[] {
	const urls = existsSync(traceFile) ? readFileSync(traceFile, 'utf8').split('\n').filter(Boolean) : [];
	return [...new Set(urls)].map(url => fileURLToPath(url)).filter(file => existsSync(`${file}.map`));
}

function sourcesOf(file: string): string[] {
	const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as {sources: string[]};
	return map.sources.map(source => path.relative(repoRoot, path.resolve(path.dirname(file), source)));
}
