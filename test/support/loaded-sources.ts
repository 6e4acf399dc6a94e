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
	const urls = existsSync(traceFile) ? readFileSync(traceFile, 'utf8').split('\n').filter(Boolean) : [];
	const repoRoot = path.resolve(import.meta.dirname, '../..');
	const sources = new Set<string>();
	for (const url of new Set(urls)) {
		const file = fileURLToPath(url);
		if (!existsSync(`${file}.map`)) continue;
		const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as {sources: string[]};
		for (const source of map.sources) sources.add(path.relative(repoRoot, path.resolve(path.dirname(file), source)));
	}
	return [...sources].sort();
}
