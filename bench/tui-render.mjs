// What the TUI writes to the terminal, as the terminal receives it: the demo in tmux at 80×24 and 200×50, its pty
// output copied to a file by `tmux pipe-pane`, so every byte counts whoever wrote it. Per size and run: the bytes and
// paints while idle, the bytes of a one-row change (`j`/`k` moving the cursor one row), and paints per second while
// `j`/`k` are pressed 50 times a second. A paint is one synchronized-output block (ESC[?2026h … ESC[?2026l), which both
// Ink's own writer and ours put around each frame. Medians over runs, written to BENCHMARKS.md.
// Usage: node bench/tui-render.mjs [runs=3] [idle seconds=12] (npm run bench:render builds first); with BENCH_BASE_CLI
// set to another build's dist/cli.js, that build is measured too, runs alternating, so both see the same machine load.
import {execFileSync} from 'node:child_process';
import {mkdtemp, readFile, rm, stat} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {median, newSession, writeSection} from './benchmarks-file.mjs';

const runs = Number(process.argv[2] ?? 3);
const idleMs = Number(process.argv[3] ?? 12) * 1000;
const builds = {'this build': path.resolve('dist/cli.js'), ...(process.env.BENCH_BASE_CLI ? {[process.env.BENCH_BASE_LABEL ?? 'base build']: path.resolve(process.env.BENCH_BASE_CLI)} : {})};
const socket = `gitops-tui-bench-render-${process.pid}`;
const tmux = (...args) => execFileSync('tmux', ['-L', socket, ...args], {encoding: 'utf8'});
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
const paintStart = '\u001B[?2026h';

async function waitUntil(condition, what, timeoutMs = 90_000) {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(20);
	}
}

const size = async file => (await stat(file).catch(() => ({size: 0}))).size;
const countPaints = text => text.split(paintStart).length - 1;

/** Waits until the file has not grown for `quietMs` (bounded), and returns its size then. */
async function quietSize(file, quietMs = 400, timeoutMs = 5000) {
	const deadline = Date.now() + timeoutMs;
	let last = await size(file);
	let since = Date.now();
	while (Date.now() - since < quietMs && Date.now() < deadline) {
		await sleep(25);
		const now = await size(file);
		if (now !== last) [last, since] = [now, Date.now()];
	}
	return last;
}

async function slice(file, from, to) {
	return (await readFile(file)).subarray(from, to).toString('latin1');
}

async function measure(cli, columns, rows, home) {
	const name = `render-${process.pid}-${Math.random().toString(16).slice(2, 8)}`;
	const out = path.join(home, `${name}.out`);
	const env = {HOME: home, XDG_STATE_HOME: path.join(home, 'state'), XDG_CACHE_HOME: path.join(home, 'cache'), LANG: 'C.UTF-8', TERM: 'xterm-256color'};
	await newSession(tmux, 'new-session', '-d', '-s', name, '-x', String(columns), '-y', String(rows), ...Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]), `node ${cli} --demo`);
	const screen = () => tmux('capture-pane', '-p', '-e', '-t', name);
	try {
		tmux('pipe-pane', '-o', '-t', name, `cat >> ${out}`);
		await waitUntil(() => ['billing', 'checkout', 'payments', 'shop', 'OutOfSync'].every(text => screen().includes(text)), 'every demo app with its verdict');
		// The demo's controllers settle after the first verdicts: measure from a quiet terminal.
		await quietSize(out, 2000, 30_000);

		const idleFrom = await size(out);
		await sleep(idleMs);
		const idleTo = await size(out);
		const idle = await slice(out, idleFrom, idleTo);

		const oneRow = [];
		for (let i = 0; i < 6; i++) {
			const before = screen();
			const from = await quietSize(out);
			tmux('send-keys', '-t', name, i % 2 ? 'k' : 'j');
			await waitUntil(() => screen() !== before, 'the cursor to move', 10_000);
			oneRow.push((await quietSize(out)) - from);
		}

		const churnFrom = await quietSize(out);
		const started = performance.now();
		for (let i = 0; i < 150; i++) {
			tmux('send-keys', '-t', name, i % 2 ? 'k' : 'j');
			await sleep(Math.max(0, started + (i + 1) * 20 - performance.now()));
		}
		const churnTo = await quietSize(out);
		const seconds = (performance.now() - started) / 1000;
		const churn = await slice(out, churnFrom, churnTo);
		return {
			idleBytes: idleTo - idleFrom,
			idlePaints: countPaints(idle),
			oneRowBytes: median(oneRow),
			churnFps: Math.round((countPaints(churn) / seconds) * 10) / 10,
			churnBytesPerSecond: Math.round((churnTo - churnFrom) / seconds),
		};
	} finally {
		tmux('kill-session', '-t', name);
	}
}

const home = await mkdtemp(path.join(os.tmpdir(), 'gitops-tui-bench-render-'));
const results = {};
try {
	for (const [columns, rows] of [
		[80, 24],
		[200, 50],
	]) {
		for (let run = 1; run <= runs; run++) {
			for (const [build, cli] of Object.entries(builds)) {
				const key = `${columns}×${rows}${build === 'this build' ? '' : `, ${build}`}`;
				results[key] ??= [];
				const result = await measure(cli, columns, rows, home);
				results[key].push(result);
				console.log(`${key} run ${run}/${runs}: ${JSON.stringify(result)}`);
			}
		}
	}
} finally {
	try {
		execFileSync('tmux', ['-L', socket, 'kill-server'], {stdio: 'ignore'});
	} catch {}
	await rm(home, {recursive: true, force: true, maxRetries: 10, retryDelay: 100});
}

if (process.env.BENCH_NO_WRITE) process.exit(0);
const cpus = os.cpus();
const machine = `${os.availableParallelism?.() ?? cpus.length} CPUs (nproc), ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}`;
const pick = (key, field) => median(results[key].map(result => result[field]));
const row = (label, field, target, unit = '') => `| ${label} | ${Object.keys(results).map(key => `${pick(key, field)}${unit}`).join(' | ')} | ${target} |`;
const marker = '## TUI rendering (bench/tui-render.mjs)';
const section = `${marker}

${new Date().toISOString().slice(0, 10)} · ${machine} · load average ${os.loadavg()[0].toFixed(1)} when done · median of ${runs} runs (\`npm run bench:render\`): the demo in tmux 3.3, its pty output copied by \`tmux pipe-pane\`

| measure | ${Object.keys(results).join(' | ')} | target |
|---|${Object.keys(results).map(() => '---|').join('')}---|
${row(`bytes written while idle (${idleMs / 1000} s, after the demo settled)`, 'idleBytes', '0, or one short clock write')}
${row(`paints while idle (${idleMs / 1000} s)`, 'idlePaints', '≤ 1 per clock tick')}
${row('bytes for a one-row change (`j`/`k`, median of 6)', 'oneRowBytes', '≤ 1 KB')}
${row('paints per second while `j`/`k` are pressed 50 times a second (3 s)', 'churnFps', '≤ 10')}
${row('bytes per second under that churn', 'churnBytesPerSecond', '')}

How: Ink renders at most 200 frames a second (\`maxFps\`) into the frame screen (source/commands/frame-screen.ts),
a stand-in stream Ink takes for a pipe, so each write is a whole frame; the frame screen paints only the rows that
changed, and of each row only the cells from the first that changed to the last (domain/row-diff.ts), each reached by
an absolute cursor move, inside one synchronized-output block; frames nobody asked for at most every 100 ms (the
latest frame wins), a key's frame at once (a key pressed within 100 ms of the last one waits as background frames
do, so a held key paints about 10 times a second), and the whole screen after a resize. Ink's own writer, used
before f7e390d, cleared the whole terminal and wrote the whole frame on every update when the frame is as tall as
the terminal (ours always is; its \`incrementalRendering\` option applies only to shorter frames). The idle paint is
the header's clock ("fetched 20s ago"): its changed digits, where the whole row (93 bytes) was written before. Under
churn the cursor goes down and up 50 times a second, so frames sampled 100 ms apart often show the same row and paint
nothing: the figure counts real paints (more than before: Ink, at 60 frames a second, hands over more of the
intermediate frames).

Every run (idle bytes / idle paints / one-row bytes / churn paints per second): ${Object.entries(results)
	.map(([key, list]) => `${key}: ${list.map(r => `${r.idleBytes}/${r.idlePaints}/${r.oneRowBytes}/${r.churnFps}`).join('; ')}`)
	.join(' · ')}.

`;
await writeSection(marker, section);
