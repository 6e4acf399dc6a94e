/**
 * `gitops-tui --demo` (or `demo`): the full TUI against the built-in demo world — three sandbox
 * clusters and a generated repo with history — so a new user sees every feature with nothing
 * installed. `:outage on|off` simulates a Git outage. Without a terminal it prints the status once.
 */
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {startDemo} from '../sandbox/demo/index.js';
import type {Command, CommandInput} from './command.js';
import {runStatus} from './status.js';
import {runLiveTui} from './tui.js';

export async function runDemo(input: CommandInput, options: {interactive: boolean}): Promise<number> {
	const workDir = await mkdtemp(path.join(os.tmpdir(), 'gitops-tui-demo-'));
	const demo = await startDemo({workDir});
	const demoInput: CommandInput = {
		...input,
		// The demo's world replaces any kubeconfig and repo of the user's.
		flags: {...input.flags, kubeconfig: demo.kubeconfigPath, allContexts: true, context: [], repo: demo.repoPath},
		io: {...input.io, env: {...input.io.env, KUBECONFIG: demo.kubeconfigPath}},
	};
	try {
		if (!options.interactive) {
			// On stderr: stdout carries the status exactly as `status` prints it (JSON stays parseable).
			input.io.stderr.write(`gitops-tui demo: ${demo.contexts.length} sandbox clusters (${demo.contexts.join(', ')}), repo ${demo.repoPath}\n`);
			return await runStatus(demoInput);
		}
		return await runLiveTui({input: demoInput, simulateOutage: on => demo.simulateOutage(on), recordModeChanges: false});
	} finally {
		await demo.stop();
		await rm(workDir, {recursive: true, force: true});
	}
}

export const demoCommand: Command = {
	name: 'demo',
	summary: 'The TUI against built-in sandbox clusters and a generated demo repo (same as --demo)',
	run: input => runDemo(input, {interactive: Boolean((input.io.stdout as NodeJS.WriteStream).isTTY)}),
};
