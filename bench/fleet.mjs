// Fleet-scale `status` and `diff APP` (issue 14). Generates S (50 apps / 2,000 objects), M (500 / 20,000) and, when
// asked, L (2,000 / 100,000) fleets of plain, kustomize, Flux and Argo CD apps over three sandbox contexts (served
// by a child process), runs the built CLI's `status -o json --all-contexts` several times per size, and writes the
// medians of wall time, CPU and peak RSS to BENCHMARKS.md. Every run's verdicts are checked against the generator
// (bench/fleet-fixtures.ts): exactly the perturbed apps are OutOfSync, with exactly their Drifted, Missing or Extra
// resource, and every app reports the revision it was deployed at — speed is never bought with truth. Then one
// `diff APP` (a drifted plain app, exact) runs side by side with `kubectl diff --server-side` of the same manifests,
// alternating, and the ratio of the medians is reported. One more `status` at the largest size runs under
// --cpu-prof, cold and warm, and its profiles say where the time goes. `status` keeps renders on disk (the user's
// cache folder): each size is measured cold (that folder emptied before the run: every app rendered, and its
// render written) and warm (renders kept by the run before: only what changed is rendered), alternating.
// Usage: node bench/fleet.mjs [runs=5] [sizes=S,M]. L takes minutes to seed and run: ask for it (`S,M,L`).
// BENCH_BASE_CLI=path/to/cli.js also measures another build (an older one, say) on the same worlds, runs
// alternating, so both see the same machine load; its figures go alongside, named BENCH_BASE_LABEL.
import {fork} from 'node:child_process';
import {readdirSync} from 'node:fs';
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {median, writeSection} from './benchmarks-file.mjs';
import {profileShares} from './profile-shares.mjs';
import {bundleChild, environment, timed} from './timed-run.mjs';

const runs = Number(process.argv[2] ?? 5);
const sizes = (process.argv[3] ?? 'S,M').split(',');
const builds = {current: path.resolve('dist/cli.js'), ...(process.env.BENCH_BASE_CLI ? {base: path.resolve(process.env.BENCH_BASE_CLI)} : {})};
const baseLabel = process.env.BENCH_BASE_LABEL ?? `\`${process.env.BENCH_BASE_CLI}\``;
const shapes = {S: {apps: 50, perApp: 40, target: 1000}, M: {apps: 500, perApp: 40, target: 3000}, L: {apps: 2000, perApp: 50, target: 10_000}};
const rssTargets = {M: 400, L: 1200};
const work = await mkdtemp(path.join(os.tmpdir(), 'gitops-tui-bench-fleet-'));
const childScript = await bundleChild('bench/fleet-child.ts', work);

/** One `status -o json` run, its verdicts checked; `cold` empties the kept renders first. */
async function statusRun(cli, world, home, nodeFlags = [], {cold = false} = {}) {
	if (cold) await rm(path.join(environment(home).XDG_CACHE_HOME, 'gitops-tui', 'renders'), {recursive: true, force: true});
	const run = await timed(process.execPath, [...nodeFlags, cli, 'status', '-o', 'json', '--all-contexts', '--kubeconfig', world.kubeconfig, '--repo', world.repo], environment(home));
	let document;
	try {
		document = JSON.parse(run.stdout);
	} catch {
		throw new Error(`status printed no JSON:\n${run.stdout.slice(0, 500)}\n${run.stderr}`);
	}
	return {...run, wrong: wrongVerdicts(document, world)};
}

/** What each generated app must show: its engine, our verdict and the controller's, the one perturbed resource, its revision. */
function wrongVerdicts(document, world) {
	const seen = new Map(document.apps.map(app => [app.name, app]));
	const problems = [];
	if (document.apps.length !== world.apps.length) problems.push(`${document.apps.length} apps reported, ${world.apps.length} generated`);
	for (const expected of world.apps) {
		const app = seen.get(expected.name);
		const fail = why => problems.push(`${expected.name} (${expected.engine}${expected.perturbation ? `, ${expected.perturbation}` : ''}): ${why} — ${JSON.stringify(app ? {sync: app.sync, controllerSync: app.controllerSync, revision: app.revision, error: app.error, off: app.resources.filter(r => r.verdict !== 'Synced')} : 'missing')}`);
		if (!app) {
			fail('not reported');
			continue;
		}
		const engine = expected.engine === 'kustomize' ? 'plain' : expected.engine;
		const controllerSync = {plain: 'Unknown', flux: 'Synced', argo: expected.perturbation ? 'OutOfSync' : 'Synced'}[engine];
		const off = app.resources.filter(resource => resource.verdict !== 'Synced');
		const want = {drifted: [`${expected.name}-cm-0`, 'Drifted'], missing: [`${expected.name}-cm-0`, 'Missing'], extra: [`${expected.name}-left-over`, 'Extra']}[expected.perturbation];
		if (app.engine !== engine) fail(`engine ${app.engine}, not ${engine}`);
		else if (app.error) fail('has an error');
		else if (app.sync !== (want ? 'OutOfSync' : 'Synced')) fail(`sync ${app.sync}`);
		else if (app.controllerSync !== controllerSync) fail(`controller sync ${app.controllerSync}, not ${controllerSync}`);
		else if (want ? off.length !== 1 || off[0].kind !== 'ConfigMap' || off[0].name !== want[0] || off[0].verdict !== want[1] : off.length > 0) fail('wrong resources off');
		else if (app.revision?.deployed !== world.sha || app.revision?.behind !== 0) fail('deployed revision not reported');
		else if (app.resources.length !== world.perApp + (expected.perturbation === 'extra' ? 1 : 0)) fail(`${app.resources.length} resources`);
	}
	return problems;
}

/** One `diff APP` of ours, or `kubectl diff --server-side` of the same manifests, on the drifted app. */
async function diffRun(tool, world, home) {
	const {app, context, manifests} = world.diff;
	const run =
		tool === 'kubectl'
			? await timed('kubectl', ['diff', '--server-side', '--force-conflicts', '--field-manager=gitops-tui', '--kubeconfig', world.kubeconfig, '--context', context, '-f', manifests], environment(home))
			: await timed(process.execPath, [tool, 'diff', app, '--context', context, '--kubeconfig', world.kubeconfig, '--repo', world.repo], environment(home));
	// Both must find the one drifted ConfigMap and exit 1 (differences), or the comparison is meaningless.
	if (run.code !== 1 || !run.stdout.includes(`${app}-cm-0`) || !run.stdout.includes('LOG_LEVEL')) throw new Error(`${tool} diff ${app}: exit ${run.code}\n${run.stdout.slice(0, 800)}\n${run.stderr.slice(0, 800)}`);
	return run;
}

const results = [];
const diffs = [];
let profile;
for (const size of sizes) {
	const shape = shapes[size];
	const dir = await mkdtemp(path.join(work, `${size}-`));
	const seeding = performance.now();
	const child = fork(childScript, [String(shape.apps), String(shape.perApp), dir], {stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: ['--max-old-space-size=8192']});
	const world = await new Promise((resolve, reject) => {
		child.on('message', message => message.type === 'ready' && resolve(message));
		child.on('exit', code => reject(new Error(`the fleet child exited with ${code}`)));
	});
	const perturbed = world.apps.filter(app => app.perturbation).length;
	console.log(`${size}: ${world.apps.length} apps, ${perturbed} perturbed, served after ${Math.round((performance.now() - seeding) / 1000)} s`);
	// This build cold, then warm; an older build (which may keep nothing) as it is.
	const variants = [{name: 'current-cold', build: 'current', cold: true}, {name: 'current-warm', build: 'current'}, ...(builds.base ? [{name: 'base', build: 'base', cold: true}] : [])];
	const measured = Object.fromEntries(variants.map(({name}) => [name, []]));
	// One warm-up run each (the first reads a cold page cache and fills the last-known-good store).
	for (let run = 0; run <= runs; run++) {
		for (const {name, build: buildName, cold} of variants) {
			const result = await statusRun(builds[buildName], world, path.join(dir, `home-${buildName}`), [], {cold});
			if (result.wrong.length > 0) throw new Error(`${size} (${name}): ${result.wrong.length} wrong verdicts, e.g.\n${result.wrong.slice(0, 5).join('\n')}`);
			if (run > 0) measured[name].push(result);
			console.log(`${size} ${name} status run ${run}/${runs}${run === 0 ? ' (warm-up)' : ''}: ${result.wallMs} ms, CPU ${result.cpuMs} ms, ${result.rssMb} MB, verdicts right`);
		}
	}
	for (const [name, every] of Object.entries(measured)) {
		results.push({size, name, shape, wallMs: median(every.map(r => r.wallMs)), cpuMs: median(every.map(r => r.cpuMs)), rssMb: median(every.map(r => r.rssMb)), every, perturbed, engines: countEngines(world.apps)});
	}

	const diffTimes = Object.fromEntries(['kubectl', ...Object.keys(builds)].map(name => [name, []]));
	for (let run = 0; run <= Math.max(runs, 5); run++) {
		for (const name of Object.keys(diffTimes)) {
			const result = await diffRun(name === 'kubectl' ? 'kubectl' : builds[name], world, path.join(dir, `home-${name}`));
			if (run > 0) diffTimes[name].push(result.wallMs);
		}
	}
	const kubectlMs = median(diffTimes.kubectl);
	for (const name of Object.keys(builds)) diffs.push({size, name, ms: median(diffTimes[name]), kubectlMs, every: diffTimes[name], kubectlEvery: diffTimes.kubectl});
	console.log(`${size} diff ${world.diff.app}: ${diffs.filter(d => d.size === size).map(d => `${d.name} ${d.ms} ms`).join(', ')}, kubectl ${kubectlMs} ms`);

	if (size === sizes.at(-1)) {
		profile = {size};
		for (const mode of ['cold', 'warm']) {
			const profileDir = path.join(dir, `profile-${mode}`);
			await statusRun(builds.current, world, path.join(dir, 'home-current'), ['--cpu-prof', `--cpu-prof-dir=${profileDir}`], {cold: mode === 'cold'});
			profile[mode] = profileShares(path.join(profileDir, readdirSync(profileDir)[0]));
		}
	}
	child.send({type: 'stop'});
}
await rm(work, {recursive: true, force: true});

function countEngines(apps) {
	const counts = {};
	for (const app of apps) counts[app.engine] = (counts[app.engine] ?? 0) + 1;
	return counts;
}

const cpus = os.cpus();
const machine = `${os.availableParallelism?.() ?? cpus.length} CPUs (nproc), ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}`;
const load = os.loadavg()[0].toFixed(1);
const buildLabel = name => ({current: 'this build', 'current-cold': 'this build, cold (no kept renders)', 'current-warm': 'this build, warm (renders kept)'})[name] ?? baseLabel;
const seconds = ms => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
const statusRows = results.map(r => {
	const rssTarget = rssTargets[r.size];
	const met = r.wallMs <= r.shape.target ? 'met' : 'missed';
	return `| ${r.size}: ${r.shape.apps} apps / ${r.shape.apps * r.shape.perApp} objects | ${buildLabel(r.name)} | ${seconds(r.wallMs)} | ≤ ${seconds(r.shape.target)} (${met}) | ${seconds(r.cpuMs)} | ${r.rssMb} MB${rssTarget ? ` (≤ ${rssTarget} MB)` : ''} | ${r.every.map(x => x.wallMs).join(', ')} ms | ${r.perturbed} |`;
});
const diffRows = diffs.map(d => `| ${d.size} | ${buildLabel(d.name)} | ${d.ms} ms | ${d.kubectlMs} ms | ${(d.ms / d.kubectlMs).toFixed(1)}× (target ≤ 2×) | ${d.every.join(', ')} / ${d.kubectlEvery.join(', ')} ms |`);
const mix = results[0] ? Object.entries(results.at(-1).engines).map(([engine, count]) => `${count} ${engine}`).join(', ') : '';
const profileRows = profile
	? profile.cold.filter(row => row.share >= 0.01 || profile.warm.some(warm => warm.stage === row.stage && warm.share >= 0.01)).map(row => {
			const warm = profile.warm.find(other => other.stage === row.stage) ?? {ms: 0, share: 0};
			return `| ${row.stage} | ${row.ms} ms | ${Math.round(row.share * 100)} % | ${warm.ms} ms | ${Math.round(warm.share * 100)} % |`;
		})
	: [];
// A missed target says what bounds it: the CPU the CLI alone needs against the wall time asked for, and the stages that spend it.
const missed = results.filter(r => r.name.startsWith('current') && r.wallMs > r.shape.target);
const busiest = profile ? profile.warm.filter(row => !/^idle|^starting/.test(row.stage)).slice(0, 3).map(row => `${row.stage} ${Math.round(row.share * 100)} %`).join(', ') : '';
const bounds = missed.length === 0 ? 'Every status target is met on this run.' : `Missed: ${missed.map(r => `${r.size} ${r.name === 'current-cold' ? 'cold' : 'warm'} (${seconds(r.wallMs)} for ≤ ${seconds(r.shape.target)}; the CLI alone needs ${seconds(r.cpuMs)} of CPU, ${(r.cpuMs / r.shape.target).toFixed(1)}× the target's wall time on one core, while the sandbox serving the lists (a page costs its own objects, as from an apiserver's watch cache) and the machine's other work share the two cores)`).join('; ')}. What bounds it is CPU in this process${busiest ? `, warm most of it in ${busiest} (profile below)` : ''}: cold, rendering reads and parses every app's manifests and starts one kustomize process per kustomize app; warm, kept renders are read instead, and listing parses and projects every live object of a dozen kinds; garbage collection follows the allocations of both.`;
const marker = '## Fleet status (bench/fleet.mjs)';
const section = `${marker}

${new Date().toISOString().slice(0, 10)} · ${machine} · load average ${load} when done · median of ${runs} runs after a warm-up (\`npm run bench:fleet\`; L with \`npm run bench:fleet -- ${runs} S,M,L\`)

Plain apps, plain apps rendered by kustomize (a \`kubectl kustomize\` process each), Flux Kustomizations (with their
GitRepository) and Argo CD Applications (tracking annotation, resource list), 90 % ConfigMaps and 10 % Services each,
over three sandbox contexts served from a child process (${mix} at the largest size). \`gitops-tui status -o json
--all-contexts\` of the built CLI: wall time from spawn to exit, CPU (user + sys) and peak RSS from /usr/bin/time.
Every run's verdicts are checked against the generator: each perturbed app (every 20th, and every 5th kustomize
app) is OutOfSync with exactly its one Drifted (edited live), Missing (deleted) or Extra (left over, with the app's
marks) ConfigMap, every other app Synced, each with its controller's verdict and the revision it was deployed at
(0 behind), a plain app with an Extra object included. Cold: the kept renders emptied before the run (every app
rendered, its render written); warm: renders kept by the run before (the repository did not change). With BENCH_BASE_CLI set, a second build runs on the same
worlds, alternating, so both see the same machine load (the 2 cores are shared: read the load average before
comparing with the targets; CPU moves far less with the load than wall time).

| fleet | build | status wall time | target | CPU | peak RSS | every run (wall) | perturbed apps |
|---|---|---|---|---|---|---|---|
${statusRows.join('\n')}

${bounds}

\`gitops-tui diff APP --context C\` (exact: a server-side apply dry-run per object) of one drifted plain app, and
\`kubectl diff --server-side --force-conflicts --field-manager=gitops-tui -f\` of the same app's manifests as
gitops-tui applies them, alternating on the same world; both must report the drifted ConfigMap. \`diff\` reads only
the app's own objects (label selectors and names) and the app objects of its name, so it costs about the same
whatever the fleet's size.

| fleet | build | diff APP | kubectl diff | ratio | every run (ours / kubectl) |
|---|---|---|---|---|---|
${diffRows.join('\n')}
${profile ? `
Where the CPU time of one \`status\` at ${profile.size} goes, cold and warm (\`node --cpu-prof\`, each sample counted to the innermost stage on its stack; bench/profile-shares.mjs):

| stage | cold | share | warm | share |
|---|---|---|---|---|
${profileRows.join('\n')}
` : ''}
`;
await writeSection(marker, section);
