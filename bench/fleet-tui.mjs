// The TUI over a fleet (issue 14), as a person sees it in tmux: the built CLI against the fleet of fleet-fixtures.ts
// (three sandbox contexts in a child process, bench/fleet-tui-child.ts). Per run: launch → first paint (the splash,
// painted before Ink loads) and → first Ink frame (the apps list); launch →
// every app with its verdict (the log's per-run line counts them; the verdicts are checked: exactly the drifted apps
// OutOfSync); CPU and RSS of the TUI while nothing changes (BENCH_IDLE_SECONDS, default 45) and how many apps it
// judged meanwhile; one ConfigMap edited live → its app's row on screen (drift, then back); and key → frame
// (cursor down/up) while other apps' objects change at ~50 events/s. Medians over runs; BENCHMARKS.md section.
// Usage: node bench/fleet-tui.mjs [runs=3] [sizes=S,M] (npm run bench:fleet-tui builds first).
import {execFileSync, fork} from 'node:child_process';
import {existsSync, readFileSync, statSync} from 'node:fs';
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {median, newSession, writeSection} from './benchmarks-file.mjs';
import {bundleChild} from './timed-run.mjs';

const runs = Number(process.argv[2] ?? 3);
const sizes = (process.argv[3] ?? 'S,M').split(',');
const idleSeconds = Number(process.env.BENCH_IDLE_SECONDS ?? 45);
const shapes = {S: {apps: 50, perApp: 40}, M: {apps: 500, perApp: 40}, L: {apps: 2000, perApp: 50}};
// With BENCH_BASE_CLI set to another build's dist/cli.js (BENCH_BASE_LABEL names it), that build runs too, runs
// alternating on the same world, so both see the same machine load.
const builds = {'this build': path.resolve('dist/cli.js'), ...(process.env.BENCH_BASE_CLI ? {[process.env.BENCH_BASE_LABEL ?? 'base build']: path.resolve(process.env.BENCH_BASE_CLI)} : {})};
const target = 'app-9'; // plain, not perturbed, on bench-0 (the filter hides app-0)
const edits = 10;
const keys = 40;
const churnRate = 50;
const tmux = (...args) => execFileSync('tmux', ['-L', `gitops-tui-bench-${process.pid}`, ...args], {encoding: 'utf8'});
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
// BENCH_CPU_PROF_DIR=dir: the TUI runs with --cpu-prof and quits with q at the end of each run, so its profile
// (the whole run: start-up, idle, edits, keys under churn) is written there.
const profileDir = process.env.BENCH_CPU_PROF_DIR ? path.resolve(process.env.BENCH_CPU_PROF_DIR) : undefined;
const clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], {encoding: 'utf8'}).trim()) || 100;

const work = await mkdtemp(path.join(os.tmpdir(), 'gitops-tui-bench-fleet-tui-'));
const childScript = await bundleChild('bench/fleet-tui-child.ts', work);

/** Waits for `probe` to hold, polling every `everyMs`; returns the time it first held. */
async function until(probe, {timeoutMs = 120_000, everyMs = 5, what = 'a condition', screen} = {}) {
	const started = performance.now();
	for (;;) {
		if (probe()) return performance.now();
		if (performance.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}${screen ? `; screen:\n${screen()}` : ''}`);
		await sleep(everyMs);
	}
}

/** The child's next message of a type. */
function next(child, type) {
	return new Promise(resolve => {
		const listener = message => {
			if (message.type !== type) return;
			child.off('message', listener);
			resolve(message);
		};
		child.on('message', listener);
	});
}

/**
 * Frames as they reach the terminal: tmux copies the pane's output to a file (pipe-pane), and a frame has arrived
 * when the file grows (a stat, not a process per poll, so the measuring costs the 2 cores almost nothing); then
 * one capture says whether it is the frame looked for (under churn, other frames arrive too).
 */
function frames(name, file) {
	tmux('pipe-pane', '-o', '-t', name, `cat >> ${file}`);
	const size = () => (existsSync(file) ? statSync(file).size : 0);
	return {
		/** Resolves the time the frame showing `probe` arrived. */
		async until(probe, what, timeoutMs = 30_000) {
			const started = performance.now();
			let seen = size();
			for (;;) {
				if (performance.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}; screen:\n${tmux('capture-pane', '-p', '-t', name)}`);
				const now = size();
				if (now === seen) {
					await sleep(1);
					continue;
				}
				const at = performance.now();
				seen = now;
				// Ink writes a frame in one go; a capture right away shows it (once more a moment later, in case tmux had
				// not drawn all of it yet).
				if (probe(tmux('capture-pane', '-p', '-t', name))) return at;
				await sleep(5);
				if (probe(tmux('capture-pane', '-p', '-t', name))) return at;
			}
		},
	};
}

/** utime + stime (ms) and VmRSS (MB) of a process. */
function usage(pid) {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	const cpuMs = ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
	const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
	return {cpuMs, rssMb: Math.round(rssKb / 1024)};
}

const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)];

async function measure(child, world, shape, cli) {
	const home = await mkdtemp(path.join(work, 'home-'));
	const log = path.join(home, 'state', 'gitops-tui', 'gitops-tui.log');
	const env = {HOME: home, XDG_STATE_HOME: path.join(home, 'state'), XDG_CACHE_HOME: path.join(home, 'cache'), LANG: 'C.UTF-8', TERM: 'xterm-256color'};
	const name = `fleet-${process.pid}-${Math.random().toString(16).slice(2, 8)}`;
	const screen = () => tmux('capture-pane', '-p', '-t', name);
	const quitTui = async pid => {
		tmux('send-keys', '-t', name, 'q');
		await until(() => {
			try {
				process.kill(pid, 0);
				return false;
			} catch {
				return true;
			}
		}, {what: 'the TUI to quit (a profile written)', everyMs: 50});
	};
	const runLines = () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(line => line.includes(' INFO evaluated ')) : []);
	// Launch → first frame, and → every app judged, and judged right: the drifted ones OutOfSync, every other Synced.
	const launch = async ({profile}) => {
		const started = performance.now();
		const logged = runLines().length;
		await newSession(tmux, 'new-session', '-d', '-s', name, '-x', '80', '-y', '24', ...Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]), `exec node ${profile ? `--cpu-prof --cpu-prof-dir=${profileDir} ` : ''}${cli} --kubeconfig ${world.kubeconfig} --all-contexts --repo ${world.repo}`);
		const pid = Number(tmux('display-message', '-p', '-t', name, '#{pane_pid}').trim());
		// The first paint is the splash's header (a build without one paints Ink's first frame first); the first Ink
		// frame has the apps list's column headings, which the splash has not.
		const firstPaintMs = Math.round((await until(() => /^gitops-tui {2}/m.test(screen()), {what: 'the first paint', screen})) - started);
		const inkFrameMs = Math.round((await until(() => /NAME\S*\s+ENGINE/.test(screen()), {what: 'the first Ink frame', screen})) - started);
		const verdicts = `${shape.apps - world.drifted.length} Synced, ${world.drifted.length} OutOfSync`;
		const everyVerdictMs = Math.round((await until(() => runLines().slice(logged).some(line => line.includes(`of ${shape.apps} apps`) && line.endsWith(verdicts)), {everyMs: 20, what: verdicts, screen: () => runLines().slice(-3).join('\n')})) - started);
		return {pid, firstPaintMs, inkFrameMs, everyVerdictMs};
	};
	try {
		const {pid, firstPaintMs, inkFrameMs, everyVerdictMs} = await launch({profile: Boolean(profileDir)});

		// Idle: nothing changes in the clusters or the repository. It starts once no run was logged for 5 s (at most a
		// minute after every verdict), so the tail of start-up is not counted as idle.
		for (let quiet = 0, count = runLines().length, waited = 0; quiet < 5000 && waited < 60_000; waited += 500) {
			await sleep(500);
			quiet = runLines().length === count ? quiet + 500 : 0;
			count = runLines().length;
		}
		const linesBefore = runLines().length;
		const before = usage(pid);
		let peakMb = before.rssMb;
		for (let second = 0; second < idleSeconds; second++) {
			await sleep(1000);
			peakMb = Math.max(peakMb, usage(pid).rssMb);
		}
		const after = usage(pid);
		const idleRuns = runLines().slice(linesBefore);
		const idleJudged = idleRuns.reduce((sum, line) => sum + Number(/evaluated (\d+) of/.exec(line)?.[1] ?? 0), 0);
		const idle = {cpuPercent: Math.round(((after.cpuMs - before.cpuMs) / (idleSeconds * 1000)) * 1000) / 10, rssStartMb: before.rssMb, rssEndMb: after.rssMb, rssPeakMb: peakMb, judged: idleJudged};

		// One object changes: its app's row on screen.
		tmux('send-keys', '-t', name, '/');
		tmux('send-keys', '-t', name, '-l', target);
		const rowOf = text => text.split('\n').find(line => new RegExp(`\\b${target}\\s`).test(line)) ?? '';
		tmux('send-keys', '-t', name, 'Enter');
		await until(() => !screen().includes('app-0 ') && rowOf(screen()).includes('Synced'), {what: 'the filtered row', screen});
		const output = frames(name, path.join(home, 'pane-output'));
		const eventToFrame = [];
		for (let edit = 0; edit < edits; edit++) {
			const drift = edit % 2 === 0;
			const edited = next(child, 'edited');
			const shown = output.until(text => rowOf(text).includes(drift ? 'OutOfSync' : '✓ Synced'), `${target} ${drift ? 'OutOfSync' : 'Synced'}`);
			child.send({type: 'edit', app: target, drift});
			const [{at}, frameAt] = await Promise.all([edited, shown]);
			// The child's wall clock and ours are the same machine's.
			eventToFrame.push(Math.round(frameAt + performance.timeOrigin - at));
			await sleep(300);
		}
		tmux('send-keys', '-t', name, 'Escape');
		await until(() => screen().includes('app-0 '), {what: 'the whole list again', screen});

		// Keys while other apps' objects change at ~50 events/s.
		const churned = next(child, 'churned');
		child.send({type: 'churn', rate: churnRate, ms: keys * 400 + 2000, avoid: target});
		await sleep(1000);
		const pointed = text => /›\s+(app-\d+)/.exec(text)?.[1];
		const keyToFrame = [];
		for (let press = 0; press < keys; press++) {
			const from = pointed(screen());
			const moved = output.until(text => pointed(text) !== from, 'the cursor to move');
			const sent = performance.now();
			tmux('send-keys', '-t', name, press % 2 === 0 ? 'j' : 'k');
			keyToFrame.push(Math.round((await moved) - sent));
			await sleep(300);
		}
		const {count} = await churned;
		// Opened again (an operator's next session): the renders the first one kept on disk are read, not made.
		await quitTui(pid);
		const warm = await launch({profile: false});
		await quitTui(warm.pid);
		return {firstPaintMs, inkFrameMs, everyVerdictMs, warmFirstPaintMs: warm.firstPaintMs, warmInkFrameMs: warm.inkFrameMs, warmVerdictMs: warm.everyVerdictMs, idle, eventToFrame, keyToFrame, churnEvents: count};
	} finally {
		try {
			tmux('kill-session', '-t', name);
		} catch {
			// Gone already: the TUI quit (a profiled run) and its pane closed.
		}
		// The TUI, killed with its session, may still be writing its last log line.
		await rm(home, {recursive: true, force: true, maxRetries: 10, retryDelay: 100});
	}
}

const results = {};
for (const size of sizes) {
	const shape = shapes[size];
	const dir = await mkdtemp(path.join(work, `${size}-`));
	const child = fork(childScript, [String(shape.apps), String(shape.perApp), dir], {stdio: ['ignore', 'inherit', 'inherit', 'ipc']});
	const world = await next(child, 'ready');
	const every = Object.fromEntries(Object.keys(builds).map(build => [build, []]));
	for (let run = 1; run <= runs; run++) for (const [build, cli] of Object.entries(builds)) {
		const result = await measure(child, world, shape, cli);
		every[build].push(result);
		console.log(`${size} ${build} run ${run}/${runs}: first paint ${result.firstPaintMs} ms, first Ink frame ${result.inkFrameMs} ms, every verdict ${result.everyVerdictMs} ms (again: ${result.warmFirstPaintMs}, ${result.warmInkFrameMs}, ${result.warmVerdictMs} ms), idle ${JSON.stringify(result.idle)}, event→frame ${result.eventToFrame.join('/')} ms, key→frame p95 ${percentile(result.keyToFrame, 95)} ms`);
	}
	child.send({type: 'stop'});
	for (const [build, list] of Object.entries(every)) results[Object.keys(builds).length > 1 ? `${size}, ${build}` : size] = {shape, every: list, size};
}
await rm(work, {recursive: true, force: true});

const cpus = os.cpus();
const machine = `${os.availableParallelism?.() ?? cpus.length} CPUs (nproc), ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}`;
const load = os.loadavg()[0].toFixed(1);
const rows = [];
for (const [key, {shape, every, size}] of Object.entries(results)) {
	const of = pick => median(every.map(pick));
	const label = `${size}: ${shape.apps} apps / ${shape.apps * shape.perApp} objects${key === size ? '' : `, ${key.slice(size.length + 2)}`}`;
	const runsOf = pick => every.map(pick).join(', ');
	rows.push(`| ${label} | launch → first paint (the splash: the header, before Ink) | ${of(r => r.firstPaintMs)} ms | ≤ 300 ms | ${runsOf(r => r.firstPaintMs)} |`);
	rows.push(`| ${label} | launch → first Ink frame (the apps list) | ${of(r => r.inkFrameMs)} ms | - | ${runsOf(r => r.inkFrameMs)} |`);
	rows.push(`| ${label} | launch → every app with its verdict (verdicts checked) | ${of(r => r.everyVerdictMs)} ms | M ≤ 3 s | ${runsOf(r => r.everyVerdictMs)} |`);
	rows.push(`| ${label} | opened again → first paint (the splash) | ${of(r => r.warmFirstPaintMs)} ms | ≤ 300 ms | ${runsOf(r => r.warmFirstPaintMs)} |`);
	rows.push(`| ${label} | opened again → first Ink frame (the apps list) | ${of(r => r.warmInkFrameMs)} ms | - | ${runsOf(r => r.warmInkFrameMs)} |`);
	rows.push(`| ${label} | opened again → every app with its verdict (renders kept on disk, verdicts checked) | ${of(r => r.warmVerdictMs)} ms | M ≤ 3 s | ${runsOf(r => r.warmVerdictMs)} |`);
	rows.push(`| ${label} | CPU while idle (${idleSeconds} s) | ${of(r => Math.round(r.idle.cpuPercent * 10)) / 10} % | 0 % | ${runsOf(r => r.idle.cpuPercent)} |`);
	rows.push(`| ${label} | apps judged while idle | ${of(r => r.idle.judged)} | 0 | ${runsOf(r => r.idle.judged)} |`);
	rows.push(`| ${label} | RSS idle: start → end (peak) | ${of(r => r.idle.rssStartMb)} → ${of(r => r.idle.rssEndMb)} MB (${of(r => r.idle.rssPeakMb)}) | flat | ${runsOf(r => `${r.idle.rssStartMb}→${r.idle.rssEndMb}`)} |`);
	rows.push(`| ${label} | one object edited → its row on screen, median / max of ${edits} | ${of(r => median(r.eventToFrame))} / ${of(r => Math.max(...r.eventToFrame))} ms | p99 ≤ 250 ms at M | ${runsOf(r => `${median(r.eventToFrame)}/${Math.max(...r.eventToFrame)}`)} |`);
	rows.push(`| ${label} | key → frame p95 (max) of ${keys}, ~${churnRate} events/s | ${of(r => percentile(r.keyToFrame, 95))} ms (${of(r => Math.max(...r.keyToFrame))}) | ≤ 50 ms | ${runsOf(r => `${percentile(r.keyToFrame, 95)}(${Math.max(...r.keyToFrame)})`)} |`);
}
const marker = '## Fleet TUI (bench/fleet-tui.mjs)';
const section = `${marker}

${new Date().toISOString().slice(0, 10)} · ${machine} · load average ${load} when done · median of ${runs} runs (\`npm run bench:fleet-tui\`)

The built CLI in tmux at 80×24 (frames noticed as the pane's output grows, through \`tmux pipe-pane\`) over the fleet of \`npm run bench:fleet\` (plain,
kustomize, Flux and Argo CD apps, 90 % ConfigMaps, 10 % Services, about 6 % perturbed: drifted, missing or extra) on
three sandbox contexts served from a child process.${Object.keys(builds).length > 1 ? ` The rows of ${Object.keys(builds).slice(1).join(', ')} come
from runs alternating with this build's on the same world (the same machine load).` : ''}
"First paint" is the splash (source/commands/splash.ts): the header the TUI shows while loading (title, contexts,
repository) and what it is doing, painted before Ink, React and client-node load; the ≤ 300 ms target is read against
it, as k9s paints its splash before anything loads. "First Ink frame" is the apps list drawn by Ink, which replaces
the splash whole (what "first frame" measured before the splash; a build without it paints this frame first).
"Every app with its verdict" is when the TUI's log line for a run counts every app, exactly the perturbed ones
OutOfSync and the rest Synced (the frame follows it). Idle is ${idleSeconds} s after that (not 2 minutes: the 2 cores are
shared; nothing in the clusters or repository changes, and the repository's fetch loop keeps running). The edit is
one ConfigMap of \`${target}\` changed in its sandbox (drift, then back), timed from the write to its row changing on
screen (filtered to that app). Keys are \`j\`/\`k\` moving the cursor while the child writes labels Git does not
set on other apps' ConfigMaps at ~${churnRate}/s (each one a watch event the TUI judges an app for), timed from
\`tmux send-keys\` (a process start, part of each figure) to the frame with the cursor moved reaching the pane.

| fleet | measure | median | target | every run |
|---|---|---|---|---|
${rows.join('\n')}

What bounds the figures that miss their targets (CPU profiles of the TUI, \`node --cpu-prof\`; \`BENCH_CPU_PROF_DIR\`
makes this script write one per run):

- **First paint and first Ink frame**: before the splash, Node's own start (\`node -e 0\` takes 130–410 ms on this
  machine at a load average of ~10) and the CLI's entry (dist/cli.js: meow, whose bundled package.json helpers run
  at load, and the command list); then the splash chunk (its one library is js-yaml, for the user settings and the
  kubeconfig's context names) enters the alternate screen and paints. In a start-up timeline (process uptime, one
  context and a local repository, load average ~6) the entry ran at ~200 ms and the splash was painted at ~230–260 ms.
  The first Ink frame follows: the TUI's modules (Ink, React, yoga's WebAssembly, client-node: ~110 ms compiling and
  ~110 ms evaluating in a start-up profile; loaded at ~400 ms in that timeline), the session (kubeconfig, repository:
  40–110 ms there, ~190 ms in the TUI's log at M) and the first render, cold (React ~70 ms, yoga's layout ~60 ms,
  Ink's output ~85 ms in a profile; string-width compiles its emoji regular expression on the first text outside
  ASCII, 30–100 ms alone), at ~600 ms. That frame carries the snapshot the fleet has at once (contexts connecting,
  the repository), so no empty header comes between the splash and the list. Loading the TUI with the global fetch
  hidden took out undici, which yoga's loader pulled in (~70–80 ms). Node 20 has no module compile cache
  (\`module.enableCompileCache\` and \`NODE_COMPILE_CACHE\` came with Node 22.1), and its start-up snapshot
  (\`--build-snapshot\`) takes one CommonJS script, not this ESM bundle with its dynamic imports (not tried). Tried
  and dropped: one render off screen while the session opens, to pay the render's one-time costs during its waits
  (the session waits too little: it was only delayed by the ~100 ms render). Left to try: starting the session's
  git and kubeconfig reads before the TUI's modules load, so they overlap the compiling.
- **Every verdict at M**: opened again (the renders the first session kept on disk, engines/render-store.ts) it meets
  the target: what is left is listing and judging 20,000 objects against the sandboxes on the same two cores, as warm
  \`status\` at M (\`bench:fleet\`) shows. The first launch renders 500 apps first (reading and parsing 20,000 YAML
  objects, a kustomize process per kustomize app), decorates and judges them, while the three sandboxes, in the child
  process on the same two cores, serve the 20,000-object lists; every app is judged once. That run renders as cold
  \`status\` does (source/live/run-renders.ts, engines/render-lanes.ts: the kustomize processes in a lane of their own,
  started first, 16 plain folders at once beside them; it rendered two apps at a time before, waiting on each
  process, 2.3 s of its profile idle: 11.1 s fell to 6.6 s at a load average of 2–3), so what bounds it is what bounds
  cold \`status\` at M: the CPU of rendering on two cores (see "Fleet status": ~7 s of CPU in the process and its
  kustomize children, and the sandbox's lists, for a 3 s target). "Opened again" includes starting tmux's server again
  (the first session's exit ended it): compare it with the first launch only loosely.
- **Edit → frame**: watch delivery, a 30 ms quiet period (under churn twice the last run's time, counted from its
  end: source/live/run-pacing.ts), the run (the changed kind's index is now handed on with the changed objects
  re-filed, engines/live-index.ts: reading an app's live objects fell from 17 % to 3 % of the TUI's CPU under churn
  at M), a snapshot (at most 4 a second), Ink's render of the whole frame, and the paint (a background frame waits
  until 100 ms after the last paint).
- **Key → frame under churn**: a key's frame is rendered in the turn of the event loop that reads the key (the
  store updates synchronously and React renders in a microtask; runs yield between apps, so a key waits at most
  for the one app being judged or the snapshot being published) and painted at once (before, it could wait twice up
  to 100 ms: Ink's 10 frames a second, then the frame screen's interval). Most of that frame was Ink turning it into
  text whole: every line split into styled characters and measured grapheme by grapheme, with caches that lived one
  frame. The bundle now keeps them across frames (scripts/ink-frame-caches.mjs), the body clips rows only
  vertically (no line sliced per frame), the apps list renders only the rows that changed (ui/app-row-line.tsx)
  and Ink paces its renders at 200 a second (a key's render waited up to 17 ms behind a background one): Ink's
  output fell from ~13 % to ~3 % of the TUI's CPU under churn at M, React's from ~3 % to ~2 %; a key's whole
  render at 80×24 over 500 apps takes ~5 ms of CPU (~8 ms before). What is left: the runs judging the churned apps
  (~9 %), the snapshots (~3 %), \`tmux send-keys\` starting a process per key, and the machine's load (above).
- **Idle CPU**: 0.1–0.2 %: the header's clock renders once a second (React, Ink's layout, the paint of its changed
  digits); no app is judged.

Before issue 14's work (the same fleet at M): 22 s to the first full set of verdicts, then with nothing changing a
re-evaluation of the whole fleet every 60 s (~14 s of CPU each), RSS growing to ~850 MiB, key → frame p95 145 ms
(max 677 ms). Measured on the build of 03fb943. Before this round's latency work (865fd3b, alternating with it at a
load average of 6–11): key → frame p95 403 ms at S and 298 ms at M, edit → row median 84 and 126 ms.
`;
await writeSection(marker, section);
