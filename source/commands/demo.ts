/**
 * `gitops-tui --demo` (or `demo`): the full TUI against the built-in demo world — three sandbox
 * clusters and a generated repo with history — so a new user sees every feature with nothing
 * installed. `:outage on|off` simulates a Git outage. Without a terminal it prints the status once.
 */
import {rmSync} from 'node:fs';
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {startDemo, type Demo, type DemoOptions} from '../sandbox/demo/index.js';
import type {Command, CommandInput} from './command.js';
import {runStatus} from './status.js';
import {runLiveTui} from './tui.js';

/** Options of runDemo; `start` is the real startDemo unless a test injects a failing one. */
export type RunDemoOptions = {interactive: boolean; start?: (options: DemoOptions) => Promise<Demo>};

/** The exit code of a process ended by a signal, as a shell reports it. */
const signalExitCodes: Record<string, number> = {SIGHUP: 129, SIGINT: 130, SIGTERM: 143};

export async function runDemo(input: CommandInput, options: RunDemoOptions): Promise<number> {
	const workDir = await mkdtemp(path.join(os.tmpdir(), 'gitops-tui-demo-'));
	let demo: Demo | undefined;
	let starting: Promise<Demo> | undefined;
	let cleaning: Promise<void> | undefined;
	// The folder holds the sandboxes' admin tokens: it goes whatever ends the demo. Interrupted while starting, it
	// waits (a while) for the start to be up or to have failed, so what the start began is stopped, not raced by the
	// folder's removal (the exit hooks still kill a git daemon and remove the folder if it never settles).
	const cleanup = () => (cleaning ??= (async () => {
		const running = demo ?? (starting ? await settledWithin(starting, startWaitMs) : undefined);
		await running?.stop();
		await rm(workDir, {recursive: true, force: true});
	})());
	const releaseSignals = cleanupOnSignals(workDir, cleanup);
	try {
		try {
			starting = (options.start ?? startDemo)({workDir});
			demo = await starting;
		} catch (error) {
			// startDemo stops whatever it had started.
			input.io.stderr.write(`gitops-tui demo: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
			return 2;
		}
		const started = demo;
		const demoInput: CommandInput = {
			...input,
			// The demo's world replaces any kubeconfig and repo of the user's.
			flags: {...input.flags, kubeconfig: started.kubeconfigPath, allContexts: true, context: [], repo: started.repoPath},
			io: {...input.io, env: {...input.io.env, KUBECONFIG: started.kubeconfigPath}},
		};
		if (!options.interactive) {
			// On stderr: stdout carries the status exactly as `status` prints it (JSON stays parseable).
			input.io.stderr.write(`gitops-tui demo: ${started.contexts.length} sandbox clusters (${started.contexts.join(', ')}), repo ${started.repoPath}\n`);
			return await runStatus(demoInput);
		}
		// Before the TUI takes the screen (and left on it after): how a second terminal reaches the demo's clusters.
		input.io.stderr.write(
			`gitops-tui demo: kubeconfig ${started.kubeconfigPath}, repo ${started.repoPath} (in another terminal: gitops-tui status --kubeconfig ${started.kubeconfigPath} --all-contexts --repo ${started.repoPath}; :kubeconfig in the TUI says it again)\n`,
		);
		return await runLiveTui({input: demoInput, simulateOutage: on => started.simulateOutage(on), recordModeChanges: false});
	} finally {
		await cleanup();
		releaseSignals();
	}
}

/** How long an interrupted demo waits for its start to settle before it removes the folder anyway. */
const startWaitMs = 10_000;

/** The demo once its start is up; undefined if the start failed or took longer than `ms`. */
async function settledWithin(start: Promise<Demo>, ms: number): Promise<Demo | undefined> {
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<undefined>(resolve => (timer = setTimeout(() => resolve(undefined), ms)));
	try {
		return await Promise.race([start.catch(() => undefined), late]);
	} finally {
		clearTimeout(timer);
	}
}

/**
 * While the demo runs, SIGINT, SIGTERM and SIGHUP stop it (sandboxes, git daemon) and remove its folder before the
 * process ends with the signal's exit code; the TUI, when it runs, restores the terminal on the same signals. If
 * the process ends any other way (a crash), the folder is still removed, synchronously, on exit.
 */
function cleanupOnSignals(workDir: string, cleanup: () => Promise<void>): () => void {
	const handlers = Object.keys(signalExitCodes).map(signal => {
		const handler = () => void cleanup().finally(() => process.exit(signalExitCodes[signal]));
		process.on(signal, handler);
		return [signal, handler] as const;
	});
	const onExit = () => rmSync(workDir, {recursive: true, force: true});
	process.on('exit', onExit);
	return () => {
		for (const [signal, handler] of handlers) process.off(signal, handler);
		process.off('exit', onExit);
	};
}

export const demoCommand: Command = {
	name: 'demo',
	summary: 'The TUI against built-in sandbox clusters and a generated demo repo (same as --demo)',
	run: input => runDemo(input, {interactive: Boolean((input.io.stdout as NodeJS.WriteStream).isTTY)}),
};
