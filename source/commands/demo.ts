/**
 * `gitops-tui demo` (and `--demo`): for now, starts the sandbox cluster with simulated controllers
 * and explains how to point kubectl at it; the full TUI demo comes later.
 */
import type {Sandbox} from '../sandbox/index.js';
import type {Command} from './command.js';
import {defaultRunner, runSandbox, type SandboxRunner} from './sandbox.js';

function banner(sandbox: Sandbox, kubeconfigPath: string): string {
	return `gitops-tui demo: the sandbox cluster is running at ${sandbox.url}.

Point kubectl at it:
  export KUBECONFIG=${kubeconfigPath}
  kubectl get namespaces
  kubectl --context sandbox-viewer get pods -A     (read-only user)

The full TUI demo (Flux, Argo CD and plain apps from a generated repo) comes in a later release.
Press Ctrl-C to stop.
`;
}

/** Builds the demo command with its runner injected (tests pass a fake untilStopped). */
export function createDemoCommand(runner: SandboxRunner = defaultRunner): Command {
	return {
		name: 'demo',
		summary: 'Start the built-in sandbox cluster (the same as --demo)',
		run: ({flags, io}) => runSandbox({io, flags, runner, banner}),
	};
}

export const demoCommand: Command = createDemoCommand();
