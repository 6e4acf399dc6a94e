// What the fleet benchmarks share: a child script bundled for Node, and a command timed by /usr/bin/time (wall time
// here, CPU and peak RSS as the kernel counted them, children waited for included).
import {spawn} from 'node:child_process';
import {existsSync} from 'node:fs';
import path from 'node:path';
import {build} from 'esbuild';

const timeBinary = '/usr/bin/time';

/** Bundles a TypeScript child (a sandbox world) into `work`; the path of the bundle. */
export async function bundleChild(entry, work) {
	const outfile = path.join(work, `${path.basename(entry, '.ts')}.mjs`);
	await build({
		entryPoints: [entry], outfile, bundle: true, platform: 'node', target: 'node20', format: 'esm', logLevel: 'warning',
		banner: {js: "import {createRequire as __req} from 'node:module';const require = __req(import.meta.url);"},
	});
	return outfile;
}

/** A benchmarked command's environment: a HOME of its own, cache and state inside it (nothing of the user's). */
export const environment = home => ({PATH: process.env.PATH, HOME: home, XDG_CACHE_HOME: path.join(home, 'cache'), XDG_STATE_HOME: path.join(home, 'state')});

/** Runs a command under /usr/bin/time: wall ms, CPU ms (user + sys), peak RSS MB, exit code and output. */
export function timed(command, args, env) {
	if (!existsSync(timeBinary)) throw new Error(`${timeBinary} is needed to read the CPU and peak RSS of each run`);
	return new Promise((resolve, reject) => {
		const started = performance.now();
		const child = spawn(timeBinary, ['-f', 'peak-rss-kb %M cpu-s %U %S', command, ...args], {env});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', chunk => (stdout += chunk));
		child.stderr.on('data', chunk => (stderr += chunk));
		child.on('error', reject);
		child.on('close', code => {
			const wallMs = Math.round(performance.now() - started);
			const usage = /peak-rss-kb (\d+) cpu-s ([\d.]+) ([\d.]+)/.exec(stderr);
			if (!usage) return reject(new Error(`${command}: no usage from ${timeBinary}\n${stderr.slice(-500)}`));
			resolve({wallMs, cpuMs: Math.round((Number(usage[2]) + Number(usage[3])) * 1000), rssMb: Math.round(Number(usage[1]) / 1024), code, stdout, stderr});
		});
	});
}
