/**
 * `gitops-tui sandbox`: runs the sandbox Kubernetes API server in the foreground (controllers
 * simulated) until SIGINT/SIGTERM, with a kubeconfig for kubectl and the fault-control endpoint; with
 * `--gitops`, also the simulated Flux and Argo CD controllers (sandbox/gitops), fetching into a temp folder.
 */
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {startSandbox, type Sandbox, type SandboxOptions} from '../sandbox/index.js';
import type {Command, CommandIo} from './command.js';

/** How a sandbox command is started and stopped; the defaults are the real ones. */
export type SandboxRunner = {
	start: (options: SandboxOptions) => Promise<Sandbox>;
	/** Resolves with the signal (or reason) that should stop the sandbox. */
	untilStopped: () => Promise<string>;
};

/** Waits for SIGINT or SIGTERM, removing its listeners once one arrives. */
export function untilSignal(): Promise<string> {
	return new Promise(resolve => {
		const stop = (signal: NodeJS.Signals) => {
			process.off('SIGINT', stop);
			process.off('SIGTERM', stop);
			resolve(signal);
		};
		process.on('SIGINT', stop);
		process.on('SIGTERM', stop);
	});
}

export const defaultRunner: SandboxRunner = {start: startSandbox, untilStopped: untilSignal};

/** The fault-control endpoint, as the help text and the start-up banner document it. */
export const faultHelp = `Fault injection (admin token only; these requests are not in the request log):
  POST /sandbox/v1/faults/close-watches                       end every open watch stream
  POST /sandbox/v1/faults/expire-next-watch                   the next watch gets ERROR 410 Expired
  POST /sandbox/v1/faults/latency?ms=N                        delay every response by N ms (0 turns it off)
  POST /sandbox/v1/faults/fail-next?count=N&code=500|429&retryAfter=S
                                                              fail the next N requests (429 with Retry-After: S)
  POST /sandbox/v1/faults/refuse?ms=N                         stop listening for N ms, then listen again on the same port
  e.g. TOKEN=$(kubectl --kubeconfig FILE config view --raw -o jsonpath='{.users[0].user.token}')
       kubectl --kubeconfig FILE config view --raw -o jsonpath='{.clusters[0].cluster.certificate-authority-data}' | base64 -d > ca.pem
       curl --cacert ca.pem -X POST -H "Authorization: Bearer $TOKEN" 'URL/sandbox/v1/faults/latency?ms=500'`;

/** What `--gitops` starts, as the help text and the start-up banner say it. */
const gitopsHelp = `--gitops also runs the simulated GitOps controllers: Flux's source-controller (GitRepository) and
kustomize-controller (Kustomization), and Argo CD's application controller (Application). They fetch
spec.url with git for real, so point them at a repository this machine can reach (a file:// or git:// URL).`;

/** The text `gitops-tui sandbox` prints about itself. */
export const sandboxHelp = `Usage: gitops-tui sandbox [--port N] [--kubeconfig-out FILE] [--gitops]

Runs a sandbox Kubernetes API server (HTTPS on 127.0.0.1, simulated controllers) until interrupted.
Contexts in the kubeconfig: sandbox (admin, current) and sandbox-viewer (get, list, watch).
${gitopsHelp}

${faultHelp}`;

function flagPort(flags: Record<string, unknown>): number | undefined {
	return typeof flags['port'] === 'number' && Number.isInteger(flags['port']) ? (flags['port'] as number) : undefined;
}

/**
 * Starts a sandbox, writes its kubeconfig (to `kubeconfigOut`, else a temp file removed on exit),
 * prints `banner(sandbox, kubeconfigPath)`, and stops cleanly when told to.
 */
export async function runSandbox(options: {io: CommandIo; flags: Record<string, unknown>; runner: SandboxRunner; banner: (sandbox: Sandbox, kubeconfigPath: string) => string}): Promise<number> {
	const {io, flags, runner} = options;
	const port = flagPort(flags);
	if (flags['port'] !== undefined && port === undefined) {
		io.stderr.write('gitops-tui sandbox: --port must be an integer\n');
		return 2;
	}
	const requested = typeof flags['kubeconfigOut'] === 'string' ? path.resolve(io.cwd, flags['kubeconfigOut']) : undefined;
	const gitops = flags['gitops'] === true;
	const tempDir = requested && !gitops ? undefined : await mkdtemp(path.join(tmpdir(), 'gitops-tui-sandbox-'));
	const kubeconfigPath = requested ?? path.join(tempDir!, 'kubeconfig');
	// The controllers' fetches and trees live in the temp folder, removed on exit; their errors go to stderr.
	const controllers: SandboxOptions['gitops'] = gitops
		? {cacheDir: path.join(tempDir!, 'gitops-cache'), onError: (error, context) => io.stderr.write(`gitops: ${context}: ${error instanceof Error ? error.message : String(error)}\n`)}
		: undefined;
	let sandbox: Sandbox;
	try {
		sandbox = await runner.start({port, simulate: true, ...(controllers ? {gitops: controllers} : {})});
	} catch (error) {
		io.stderr.write(`gitops-tui sandbox: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
		if (tempDir) await rm(tempDir, {recursive: true, force: true});
		return 2;
	}
	try {
		await sandbox.writeKubeconfig(kubeconfigPath);
		io.stdout.write(options.banner(sandbox, kubeconfigPath));
		const reason = await runner.untilStopped();
		io.stdout.write(`\nStopping the sandbox (${reason}).\n`);
		return 0;
	} finally {
		await sandbox.stop();
		if (tempDir) await rm(tempDir, {recursive: true, force: true});
	}
}

function banner(sandbox: Sandbox, kubeconfigPath: string): string {
	return `Sandbox Kubernetes API server listening on ${sandbox.url}
Kubeconfig: ${kubeconfigPath}
  kubectl --kubeconfig ${kubeconfigPath} get namespaces
  kubectl --kubeconfig ${kubeconfigPath} --context sandbox-viewer auth can-i patch deployments
${sandbox.gitops ? `GitOps controllers running: Flux source-controller and kustomize-controller, Argo CD application controller.\n` : ''}
${faultHelp.replace(/URL/g, sandbox.url).replace(/FILE/g, kubeconfigPath)}

Press Ctrl-C to stop.
`;
}

/** Builds the command with its runner injected (tests pass a fake untilStopped). */
export function createSandboxCommand(runner: SandboxRunner = defaultRunner): Command {
	return {
		name: 'sandbox',
		summary: 'Run the sandbox Kubernetes API server (for kubectl and tests); fault controls at /sandbox/v1/faults',
		run: ({flags, io, args}) => {
			if (args[0] === 'help') {
				io.stdout.write(`${sandboxHelp}\n`);
				return Promise.resolve(0);
			}
			return runSandbox({io, flags, runner, banner});
		},
	};
}

export const sandboxCommand: Command = createSandboxCommand();
