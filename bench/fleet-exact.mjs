// Exact verdicts for a whole fleet (issue 14): `gitops-tui status --exact -o json --all-contexts` (a server-side
// apply dry-run of every object of every app) against what an operator's script would do without it, `kubectl diff
// --server-side --force-conflicts` of each app's manifests, one app after another. Same worlds as bench/fleet.mjs
// (fleet-fixtures.ts over three sandbox contexts, served by a child process): S (50 apps / 2,000 objects) and M
// (500 / 20,000). Every exact run's verdicts are checked against the generator, the sandboxes' request logs must
// show one dry-run PATCH per object that exists live and no write, and every kubectl run must flag exactly the apps
// it can see differ (exit 1: Drifted or Missing; an Extra object is not in the manifests it is given, so exit 0).
// The kubectl loop runs in as many slices as there are exact runs, one after each, so both see the same machine load
// (the 2 cores are shared). A size may carry a latency (`S@20`): every request is held that many milliseconds in
// the sandbox, as a network round trip to a real apiserver would (kubectl's requests and ours alike).
// BENCH_BASE_CLI=path/to/cli.js also measures another build on the same worlds, alternating (BENCH_BASE_LABEL names it).
// Usage: node bench/fleet-exact.mjs [runs=3] [sizes=S,M]. A kubectl loop taking longer than BENCH_KUBECTL_BUDGET_S
// (600) is cut short: the remaining apps are not run, the figure is extrapolated from those that ran and says so.
import {fork} from 'node:child_process';
import {readdirSync} from 'node:fs';
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {median, writeSection} from './benchmarks-file.mjs';
import {profileShares} from './profile-shares.mjs';
import {bundleChild, environment, timed} from './timed-run.mjs';

const runs = Number(process.argv[2] ?? 3);
const sizes = (process.argv[3] ?? 'S,M').split(',');
const budgetMs = Number(process.env.BENCH_KUBECTL_BUDGET_S ?? 600) * 1000;
const builds = {current: path.resolve('dist/cli.js'), ...(process.env.BENCH_BASE_CLI ? {base: path.resolve(process.env.BENCH_BASE_CLI)} : {})};
const buildLabel = name => (name === 'current' ? 'this build' : (process.env.BENCH_BASE_LABEL ?? `\`${process.env.BENCH_BASE_CLI}\``));
const shapes = {S: {apps: 50, perApp: 40}, M: {apps: 500, perApp: 40}, L: {apps: 2000, perApp: 50}};
const work = await mkdtemp(path.join(os.tmpdir(), 'gitops-tui-bench-exact-'));
const childScript = await bundleChild('bench/fleet-exact-child.ts', work);

/** Asks the world's child a question and waits for its answer of `type`. */
const ask = (child, message, type) => new Promise(resolve => {
	const listen = answer => answer.type === type && (child.off('message', listen), resolve(answer));
	child.on('message', listen);
	child.send(message);
});

/** What exact mode must report for every generated app: only the perturbed resource off, the deployed revision known. */
function wrongVerdicts(document, world) {
	const byName = new Map(document.apps.map(app => [app.name, app]));
	const problems = document.apps.length === world.apps.length ? [] : [`${document.apps.length} apps reported, ${world.apps.length} generated`];
	for (const expected of world.apps) {
		const app = byName.get(expected.name);
		const off = app?.resources.filter(resource => resource.verdict !== 'Synced') ?? [];
		const want = {drifted: ['cm-0', 'Drifted'], missing: ['cm-0', 'Missing'], extra: ['left-over', 'Extra']}[expected.perturbation];
		const engine = expected.engine === 'kustomize' ? 'plain' : expected.engine;
		const why = !app ? 'not reported'
			: app.engine !== engine ? `engine ${app.engine}`
			: app.error ? `error ${app.error}`
			: app.sync !== (want ? 'OutOfSync' : 'Synced') ? `sync ${app.sync}`
			: (want ? off.length !== 1 || off[0].name !== `${expected.name}-${want[0]}` || off[0].verdict !== want[1] : off.length > 0) ? `off: ${JSON.stringify(off.map(r => [r.name, r.verdict]))}`
			: app.revision?.deployed !== world.sha ? 'deployed revision not reported'
			: app.resources.length !== world.perApp + (expected.perturbation === 'extra' ? 1 : 0) ? `${app.resources.length} resources`
			: undefined;
		if (why) problems.push(`${expected.name} (${expected.engine}, ${expected.perturbation ?? 'unperturbed'}): ${why}`);
	}
	return problems;
}

/** One exact `status`, its verdicts checked and its requests counted on the sandboxes. */
async function exactRun(cli, world, child, home, nodeFlags = []) {
	await ask(child, {type: 'count'}, 'counted');
	const run = await timed(process.execPath, [...nodeFlags, cli, 'status', '--exact', '-o', 'json', '--all-contexts', '--kubeconfig', world.kubeconfig, '--repo', world.repo], environment(home));
	const {counts, serverCpuMs} = await ask(child, {type: 'count'}, 'counted');
	let document;
	try {
		document = JSON.parse(run.stdout);
	} catch {
		throw new Error(`status --exact printed no JSON (exit ${run.code}):\n${run.stdout.slice(0, 500)}\n${run.stderr.slice(-1000)}`);
	}
	const problems = wrongVerdicts(document, world);
	// One dry-run per desired object that exists live (a Missing one has nothing to dry-run against), nothing written.
	const dryRuns = world.apps.length * world.perApp - world.apps.filter(app => app.perturbation === 'missing').length;
	if (counts['PATCH dryRun'] !== dryRuns) problems.push(`${counts['PATCH dryRun'] ?? 0} dry-run PATCHes, ${dryRuns} objects live`);
	const writes = Object.entries(counts).filter(([key]) => !key.startsWith('GET') && !key.endsWith('dryRun'));
	if (writes.length > 0) problems.push(`writes reached the sandboxes: ${JSON.stringify(writes)}`);
	if (problems.length > 0) throw new Error(`${problems.length} problems in an exact run, e.g.\n${problems.slice(0, 8).join('\n')}`);
	return {...run, counts, serverCpuMs};
}

/** `kubectl diff` of some apps' manifests, one after another, each exit code checked; stops once `deadline` has passed. */
async function kubectlSlice(world, child, home, apps, deadline) {
	await ask(child, {type: 'count'}, 'counted');
	const started = performance.now();
	let cpuMs = 0;
	let rssMb = 0;
	let done = 0;
	for (const app of apps) {
		if (performance.now() > deadline) break;
		const run = await timed('kubectl', ['diff', '--server-side', '--force-conflicts', `--field-manager=${app.fieldManager}`, '--kubeconfig', world.kubeconfig, '--context', app.context, '-f', app.manifests], environment(home));
		const differs = app.perturbation === 'drifted' || app.perturbation === 'missing';
		if (run.code !== (differs ? 1 : 0)) throw new Error(`kubectl diff ${app.name} (${app.perturbation ?? 'unperturbed'}): exit ${run.code}, expected ${differs ? 1 : 0}\n${run.stdout.slice(0, 800)}\n${run.stderr.slice(0, 800)}`);
		if (differs && !run.stdout.includes(`${app.name}-cm-0`)) throw new Error(`kubectl diff ${app.name}: exit 1 without ${app.name}-cm-0\n${run.stdout.slice(0, 800)}`);
		cpuMs += run.cpuMs;
		rssMb = Math.max(rssMb, run.rssMb);
		done++;
	}
	const {serverCpuMs} = await ask(child, {type: 'count'}, 'counted');
	return {wallMs: performance.now() - started, cpuMs, serverCpuMs, rssMb, done};
}

const results = [];
let profile;
for (const entry of sizes) {
	const [size, latency = '0'] = entry.split('@');
	const latencyMs = Number(latency);
	const shape = shapes[size];
	const dir = await mkdtemp(path.join(work, `${size}-`));
	const child = fork(childScript, [String(shape.apps), String(shape.perApp), dir, String(latencyMs)], {stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: ['--max-old-space-size=8192']});
	const world = await new Promise((resolve, reject) => {
		child.on('message', message => message.type === 'ready' && resolve(message));
		child.on('exit', code => reject(new Error(`the fleet child exited with ${code}`)));
	});
	const home = path.join(dir, 'home');
	// Warm-ups: the first status reads a cold page cache and fills the last-known-good store; the first kubectl fills its discovery cache.
	for (const cli of Object.values(builds)) await exactRun(cli, world, child, home);
	const first = world.apps[0];
	await timed('kubectl', ['diff', '--server-side', '--force-conflicts', `--field-manager=${first.fieldManager}`, '--kubeconfig', world.kubeconfig, '--context', first.context, '-f', first.manifests], environment(home));
	const exact = Object.fromEntries(Object.keys(builds).map(name => [name, []]));
	const slices = [];
	const deadline = performance.now() + budgetMs;
	const sliceSize = Math.ceil(world.apps.length / runs);
	for (let run = 0; run < runs; run++) {
		for (const [name, cli] of Object.entries(builds)) {
			const result = await exactRun(cli, world, child, home);
			exact[name].push(result);
			console.log(`${entry} ${name} status --exact run ${run + 1}/${runs}: ${result.wallMs} ms, CPU ${result.cpuMs} ms (sandboxes ${result.serverCpuMs} ms), ${result.rssMb} MB, verdicts and dry-runs right`);
		}
		slices.push(await kubectlSlice(world, child, home, world.apps.slice(run * sliceSize, (run + 1) * sliceSize), deadline));
		console.log(`${entry} kubectl diff slice ${run + 1}/${runs}: ${slices.at(-1).done} apps in ${Math.round(slices.at(-1).wallMs)} ms, CPU ${slices.at(-1).cpuMs} ms (sandboxes ${slices.at(-1).serverCpuMs} ms), exits right`);
	}
	const done = slices.reduce((sum, slice) => sum + slice.done, 0);
	const scale = world.apps.length / done;
	const sum = key => Math.round(slices.reduce((total, slice) => total + slice[key], 0) * scale);
	const kubectl = {wallMs: sum('wallMs'), cpuMs: sum('cpuMs'), serverCpuMs: sum('serverCpuMs'), rssMb: Math.max(...slices.map(slice => slice.rssMb)), done};
	for (const [name, every] of Object.entries(exact)) results.push({entry, name, size, latencyMs, shape, exact: every, kubectl, dryRuns: every[0].counts['PATCH dryRun']});
	if (entry === sizes.at(-1)) {
		const profileDir = path.join(dir, 'profile');
		await exactRun(builds.current, world, child, home, ['--cpu-prof', `--cpu-prof-dir=${profileDir}`]);
		profile = {entry, shares: profileShares(path.join(profileDir, readdirSync(profileDir)[0]))};
	}
	child.send({type: 'stop'});
}
await rm(work, {recursive: true, force: true});

const cpus = os.cpus();
const machine = `${os.availableParallelism?.() ?? cpus.length} CPUs (nproc), ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}`;
const seconds = ms => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
const rows = results.map(r => {
	const ours = {wallMs: median(r.exact.map(x => x.wallMs)), cpuMs: median(r.exact.map(x => x.cpuMs)), serverCpuMs: median(r.exact.map(x => x.serverCpuMs)), rssMb: median(r.exact.map(x => x.rssMb))};
	const theirs = r.kubectl;
	const sampled = theirs.done < r.shape.apps ? ` (${theirs.done} of ${r.shape.apps} apps run, extrapolated)` : '';
	const ratio = ours.wallMs / theirs.wallMs;
	const latency = r.latencyMs ? `, ${r.latencyMs} ms per request` : '';
	return `| ${r.size}: ${r.shape.apps} apps / ${r.shape.apps * r.shape.perApp} objects${latency} | ${buildLabel(r.name)} | ${seconds(ours.wallMs)} | ${seconds(ours.cpuMs)} / ${seconds(ours.serverCpuMs)} | ${ours.rssMb} MB | ${seconds(theirs.wallMs)}${sampled} | ${seconds(theirs.cpuMs)} / ${seconds(theirs.serverCpuMs)} | ${theirs.rssMb} MB | 1/${(1 / ratio).toFixed(1)} (${r.size === 'M' && !r.latencyMs && r.name === 'current' ? `target ≤ 1/5: ${ratio <= 0.2 ? 'met' : 'missed'}` : 'no target'}) | ${r.exact.map(x => x.wallMs).join(', ')} ms | ${r.dryRuns} |`;
});
// What bounds the figure: CPU per object on both sides of the wire, and whose CPU it is.
const largest = results.filter(r => r.name === 'current' && !r.latencyMs).at(-1);
const delayed = results.filter(r => r.name === 'current' && r.latencyMs).at(-1);
const bounds = (() => {
	if (!largest) return '';
	const ours = {cpuMs: median(largest.exact.map(x => x.cpuMs)), serverCpuMs: median(largest.exact.map(x => x.serverCpuMs)), wallMs: median(largest.exact.map(x => x.wallMs))};
	const theirs = largest.kubectl;
	const perApp = Math.round(theirs.cpuMs / largest.shape.apps);
	const perObject = ((ours.serverCpuMs / largest.dryRuns) * 1000).toFixed(0);
	return `What bounds it at ${largest.size} (${largest.dryRuns} dry-runs): ours is one process, but each object is one HTTPS request
with its own work on both sides: ${seconds(ours.cpuMs)} of CPU here and ${seconds(ours.serverCpuMs)} in the sandboxes (~${perObject} µs per
object, the lists included: parsing each apply body, merging, managed fields, answering), which serve the three clusters from one
Node process, on the same two cores as everything else. kubectl needs ~${perApp} ms of its own CPU per app whatever the app's
size (process start, reading its discovery cache and OpenAPI documents, building the diff) besides the same
requests. Compared as CPU, ours and the sandboxes' against kubectl's and the sandboxes': 1/${((theirs.cpuMs + theirs.serverCpuMs) / (ours.cpuMs + ours.serverCpuMs)).toFixed(1)};
this process's alone against kubectl's: 1/${(theirs.cpuMs / ours.cpuMs).toFixed(1)}. When the machine is quiet the wall time is the
render and list phase (as in \`status\`) plus the dry-runs, which then wait on the sandboxes' one thread (the
profile below: half of this process's time idle); when it is busy (five engineers' builds and tests), both
processes' CPU competes with that load, so the ratio moves with it (every run is listed). A real apiserver answers
on its own cores, away from the operator's machine; what it adds instead is a network round trip per request${delayed ? `,
and there the bound per context decides: with ${delayed.latencyMs} ms per request (${delayed.size}), kubectl waits for each of its requests
in turn (${seconds(delayed.kubectl.wallMs)} for ${delayed.shape.apps} apps) while exact mode keeps 16 per context in flight
(${seconds(median(delayed.exact.map(x => x.wallMs)))})` : ''}.
`;
})();
const profileRows = profile ? profile.shares.filter(row => row.share >= 0.01).map(row => `| ${row.stage} | ${row.ms} ms | ${Math.round(row.share * 100)} % |`) : [];
const marker = '## Fleet exact verdicts (bench/fleet-exact.mjs)';
await writeSection(marker, `${marker}

${new Date().toISOString().slice(0, 10)} · ${machine} · load average ${os.loadavg()[0].toFixed(1)} when done · median of ${runs} exact runs after a warm-up, kubectl once per app in ${runs} slices between them (\`npm run bench:fleet-exact\`)${os.getPriority() ? ` · run at nice ${os.getPriority()}` : ''}

The fleet of \`bench:fleet\` (plain, kustomize, Flux and Argo CD apps, ~6 % perturbed, three sandbox contexts in a
child process). Ours: \`gitops-tui status --exact -o json --all-contexts\`, one process for the whole fleet: every
object of every app that exists live goes through a server-side apply dry-run as its controller applies it. Theirs:
what an operator's script does for the same verdicts, \`kubectl diff --server-side --force-conflicts
--field-manager=M --kubeconfig K --context C -f APP.yaml\` for each app in turn, the app's manifests as its deployer
applies them (its marks added) and M its controller's field manager (gitops-tui, kustomize-controller or
argocd-controller, as exact mode sends; kubectl hides managedFields, so the manager changes no verdict). Wall time
from spawn to exit; CPU (user + sys) and peak RSS from /usr/bin/time (kubectl: CPU summed over the loop, RSS of
its largest run). Every exact run is checked: each app's verdict as generated (Drifted, Missing or Extra ConfigMap
in the perturbed apps, the rest Synced, the deployed revision known), the sandboxes' request logs show one dry-run
PATCH per object live (the last column) and no write. Every kubectl run is checked: exit 1 with the drifted or
missing ConfigMap in its diff for the apps with a Drifted or Missing object, exit 0 for the others (an Extra
object is not in the manifests kubectl is given, so it cannot see it; exact mode reports it).

| fleet | build | status --exact | CPU: ours / sandboxes | peak RSS | kubectl diff × apps | CPU: kubectl / sandboxes | peak RSS | ours / kubectl (wall) | every exact run | dry-runs per exact run |
|---|---|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}

${bounds}
Exact mode's dry-runs are bounded per context across all apps (16 at once, source/engines/dry-run.ts, where the
bound is argued from kube-apiserver's flow control), no longer 4 per app for 4 apps at once over every context.
On this machine it changes little (the sandboxes' one thread is the bound, not the requests in flight); against a
server a round trip away it is what sets the time (the rows with a latency).

${profile ? `Where the CPU time of one \`status --exact\` at ${profile.entry} goes (\`node --cpu-prof\`; bench/profile-shares.mjs):

| stage | time | share |
|---|---|---|
${profileRows.join('\n')}
` : ''}`);
