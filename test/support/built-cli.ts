/**
 * The e2e tests run the bundle, not the sources. A bundle older than the sources (a build that failed, or a
 * checkout after building) runs yesterday's behaviour against today's assertions: the rollback e2e once failed
 * on a missing F prompt that the sources had, because `npm run build` failed and left the old dist/cli.js in place.
 * So the tests refuse to start on a missing or stale bundle, naming the newest source file.
 */
import {existsSync, readdirSync, statSync} from 'node:fs';
import path from 'node:path';

function newestFile(dir: string): {file: string; mtimeMs: number} | undefined {
	let newest: {file: string; mtimeMs: number} | undefined;
	for (const entry of readdirSync(dir, {withFileTypes: true})) {
		const full = path.join(dir, entry.name);
		const found = entry.isDirectory() ? newestFile(full) : {file: full, mtimeMs: statSync(full).mtimeMs};
		if (found && (!newest || found.mtimeMs > newest.mtimeMs)) newest = found;
	}
	return newest;
}

/** Why the bundle at `cli` cannot be trusted for the sources under `sourceDir`, or undefined when it is current. */
export function staleBuildReason(cli: string, sourceDir: string): string | undefined {
	if (!existsSync(cli)) return `${cli} is missing: run npm run build (npm test does)`;
	const built = statSync(cli).mtimeMs;
	const newest = newestFile(sourceDir);
	if (newest && newest.mtimeMs > built) {
		return `${cli} is older than ${path.relative(path.dirname(sourceDir), newest.file)}: run npm run build (and check that it succeeds) before the e2e tests`;
	}
	return undefined;
}
