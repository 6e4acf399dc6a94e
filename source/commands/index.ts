import type {Command} from './command.js';
import type {SplashActivity} from './splash.js';
import {runSplashed} from './splashed-run.js';
import {withoutGlobalFetch} from './without-global-fetch.js';

/**
 * Every subcommand, in the order --help lists them. Each module loads only when its command runs (esbuild splits
 * the bundle at these imports), so `--version`, `--help` and a read-only `status` never load the TUI, the sandbox
 * or the mutating action code. The summaries are repeated here so --help needs no module;
 * test/commands/command-index.test.ts keeps them equal to each module's own.
 */
export const commands: LazyCommand[] = [
	// The TUI's modules load with the global fetch hidden: Ink's layout engine then skips undici (without-global-fetch.ts),
	// after its splash is painted in a terminal (splashed-run.ts).
	lazy('tui', 'Open the full-screen TUI (the default when run in a terminal)', async () => (await withoutGlobalFetch(async () => import('./tui.js'))).tuiCommand, 'session'),
	lazy('demo', 'The TUI against built-in sandbox clusters and a generated demo repo (same as --demo)', async () => (await withoutGlobalFetch(async () => import('./demo.js'))).demoCommand, 'demo'),
	lazy('status', 'Every app: sync (ours and its controller\'s), health, revision, auto-sync, drifted fields', async () => (await import('./status.js')).statusCommand),
	lazy('diff', 'Show how one app\'s live objects differ from Git (exact by default; --fast)', async () => (await import('./diff.js')).diffCommand),
	lazy('contexts', 'List kubeconfig contexts with reachability, server version and identity', async () => (await import('./contexts.js')).contextsCommand),
	lazy('reconcile', 'Reconcile an app now (Flux requestedAt, Argo CD sync, plain: apply HEAD); waits up to --timeout', async () => (await import('./reconcile.js')).reconcileCommand),
	lazy('suspend', 'Pause an app\'s auto-sync: suspend APP --reason TEXT [--until 2h|RFC3339]', async () => (await import('./suspend.js')).suspendCommand),
	lazy('resume', 'Resume an app\'s auto-sync (restores exactly what suspend saved); resume --expired for every pause past --until', async () => (await import('./resume.js')).resumeCommand),
	lazy('rollback', 'Put an older revision back, from the local clone (works with Git down): rollback APP [--to REV]', async () => (await import('./rollback.js')).rollbackCommand),
	lazy('journal', 'The actions taken (journal [APP]); journal verify [--head HASH] checks the hash chain', async () => (await import('./journal.js')).journalCommand),
	lazy('audit', 'Write an evidence bundle (evidence.json, evidence.md) from a read-only run: fleet, journal, requests sent', async () => (await import('./audit.js')).auditCommand),
	lazy('sandbox', 'Run the sandbox Kubernetes API server (for kubectl and tests); fault controls at /sandbox/v1/faults', async () => (await import('./sandbox.js')).sandboxCommand),
];

/** A command whose module loads when it runs; `load` is that module's own command. */
export type LazyCommand = Command & {load: () => Promise<Command>};

/** `splash`: the TUI's commands paint their first frame before their module loads (splashed-run.ts). */
function lazy(name: string, summary: string, load: () => Promise<Command>, splash?: SplashActivity): LazyCommand {
	return {name, summary, load, run: async input => (splash ? runSplashed(input, splash, load) : (await load()).run(input))};
}

export function findCommand(name: string): Command | undefined {
	return commands.find(c => c.name === name);
}

