/**
 * The command-line entry: parses flags, builds the real dependencies and hands over to a command.
 * This is the only module that reads argv and the environment.
 */
// First, before Ink loads (see the module).
import './interactive-terminal.js';
import meow from 'meow';
import {commands, findCommand} from './commands/index.js';
import type {CommandIo} from './commands/command.js';

const version = process.env.GITOPS_TUI_VERSION ?? '0.0.0-dev';

// `gitops-tui status | head`: the reader is gone. Stop quietly, as a command killed by SIGPIPE does (exit 141). An
// action (`reconcile --yes | head -1`) is not cut off between its writes and its journal entry: it runs to its end
// with its output dropped, then exits 141.
let pipeClosed = false;
let finishOnClosedPipe = false;
for (const stream of [process.stdout, process.stderr]) {
	stream.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code !== 'EPIPE' && !(pipeClosed && error.code === 'ERR_STREAM_DESTROYED')) throw error;
		pipeClosed = true;
		// The error may come after the command returned its code (its last write failed): 141 still.
		process.exitCode = 141;
		if (!finishOnClosedPipe) process.exit(141);
	});
}
const actionCommands = new Set(['reconcile', 'suspend', 'resume', 'rollback']);

const help = `
  Usage
    $ gitops-tui [command] [options]

  Commands
${commands.map(c => `    ${c.name.padEnd(10)} ${c.summary}`).join('\n')}

  Options
    --demo                 The TUI against built-in sandbox clusters and a generated demo repo (:outage on|off)
    --ascii                ASCII only, in the TUI and the status/diff text (automatic when the locale is not UTF-8 or TERM=dumb)
    --port N               (sandbox) port to listen on, default: a free port
    --kubeconfig-out FILE  (sandbox) write a kubeconfig with an admin and a viewer context
    --gitops               (sandbox) also run the simulated Flux and Argo CD controllers
    --kubeconfig FILE      Use only this kubeconfig (default: $KUBECONFIG, merged as kubectl does, or ~/.kube/config)
    --context NAME         Work with this context (repeatable; default: the current context)
    --all-contexts         Work with every context in the kubeconfig
    --request-timeout D    Timeout of each request to a cluster, e.g. 5s, 500ms (default 5s)
    --read-only            Never send a request that could change a cluster
    -o, --output FORMAT    Output format of a command: table, json (status: also yaml)
    --repo PATH|URL        The config repository: a local checkout (read in place) or a URL (cloned into the cache)
    --revision REV         (status, diff) Render the desired state at this revision (default HEAD)
    --fast                 (diff) Compare locally instead of a server-side apply dry-run
    --exact                (status) Compare through server-side apply dry-runs instead of locally
    --cache-dir DIR        Where clones and kept renders live (default $XDG_CACHE_HOME/gitops-tui)
    --no-cache             Render every app afresh; keep no render on disk (also GITOPS_TUI_NO_CACHE=1)
    --out DIR              (audit) Where to write evidence.json and evidence.md (default ./gitops-tui-audit-<time>)
    --since TIME           (journal, audit) Entries from this time on: RFC 3339, a date, or an age (24h, 7d)
    --head HASH            (journal verify, audit) The head hash noted earlier: also detects a cut tail
    --dry-run              (actions) Plan and check only: nothing is written
    --yes                  (actions) Do not ask; a protected context also needs --confirm-context NAME
    --confirm-context NAME (actions) The context name, typed, for protected contexts
    --force                (actions) Take over fields other managers own (server-side apply conflicts)
    --timeout D            (reconcile, rollback, resume) Wait up to D for Synced/Healthy, e.g. 2m (0: do not wait)
    --with-source          (reconcile) Flux: reconcile the source first
    --prune                (reconcile, rollback) Delete what the revision no longer has (always listed)
    --reason TEXT          (suspend) Why auto-sync is paused (required)
    --until 2h|RFC3339     (suspend) When the pause is meant to end (resume --expired ends it)
    --expired              (resume) Resume every pause whose --until has passed
    --automated JSON       (resume) Argo CD: the automated block to restore when the pause saved none
    --to REV               (rollback) The revision to put back (default: the one deployed before the current)
    --field-manager M      (rollback) Apply as M (default: the app's controller's own manager)
    --help                 Show this help
    --version              Show the version

  Examples
    $ gitops-tui --demo
    $ gitops-tui sandbox --port 6443 --kubeconfig-out k.yaml
    $ gitops-tui contexts --all-contexts -o json
    $ gitops-tui status --repo git@github.com:org/config.git -o json
    $ gitops-tui diff web --context prod-eu --repo ~/src/config
    $ gitops-tui journal verify --head 3f0c…
    $ gitops-tui audit --all-contexts --repo ~/src/config --out evidence/ --since 7d
    $ gitops-tui suspend payments --reason "incident 42" --until 2h --yes
    $ gitops-tui rollback payments --context prod-eu --yes --confirm-context prod-eu --timeout 5m
`;

const cli = parseCommandLine(() =>
	meow(help, {
	importMeta: import.meta,
	version,
	autoHelp: true,
	autoVersion: true,
	allowUnknownFlags: false,
	flags: {
		// meow answers --help by itself only when it is the sole argument (`gitops-tui status --help` too).
		help: {type: 'boolean', shortFlag: 'h', default: false},
		demo: {type: 'boolean', default: false},
		ascii: {type: 'boolean', default: false},
		port: {type: 'number'},
		kubeconfigOut: {type: 'string'},
		gitops: {type: 'boolean'},
		kubeconfig: {type: 'string'},
		context: {type: 'string', isMultiple: true},
		allContexts: {type: 'boolean', default: false},
		requestTimeout: {type: 'string'},
		readOnly: {type: 'boolean', default: false},
		output: {type: 'string', shortFlag: 'o'},
		repo: {type: 'string'},
		revision: {type: 'string'},
		fast: {type: 'boolean', default: false},
		exact: {type: 'boolean', default: false},
		cacheDir: {type: 'string'},
		// `--no-cache` (meow reads --no-X as X false).
		cache: {type: 'boolean', default: true},
		since: {type: 'string'},
		out: {type: 'string'},
		head: {type: 'string'},
		dryRun: {type: 'boolean', default: false},
		yes: {type: 'boolean', default: false},
		confirmContext: {type: 'string'},
		force: {type: 'boolean', default: false},
		timeout: {type: 'string'},
		withSource: {type: 'boolean', default: false},
		prune: {type: 'boolean', default: false},
		reason: {type: 'string'},
		until: {type: 'string'},
		expired: {type: 'boolean', default: false},
		automated: {type: 'string'},
		to: {type: 'string'},
		fieldManager: {type: 'string'},
	},
	}),
);

const io: CommandIo = {
	stdout: process.stdout,
	stderr: process.stderr,
	stdin: process.stdin,
	env: process.env,
	cwd: process.cwd(),
	version,
};

async function main(): Promise<number> {
	if (cli.flags.help) cli.showHelp(0);
	const [name = cli.flags.demo ? 'demo' : undefined, ...rest] = cli.input;
	if (!name) {
		// Piped or in a script: the status table, as `gitops-tui status` prints it.
		// Loaded on demand, as every command is (see commands/index.ts).
		if (!process.stdout.isTTY) return (await import('./commands/status.js')).runStatus({args: [], flags: cli.flags, io});
		// The tui command: its splash first, then its modules (commands/index.ts).
		return findCommand('tui')!.run({args: [], flags: cli.flags, io});
	}
	const command = findCommand(name);
	finishOnClosedPipe = actionCommands.has(name);
	if (!command) {
		io.stderr.write(`gitops-tui: unknown command "${name}". Run gitops-tui --help for the list.\n`);
		return 2;
	}
	return command.run({args: rest, flags: cli.flags, io});
}

/** Once a command is done, nothing should keep the process alive; if a stray handle does, leave anyway. */
function exitSoon(code: number): void {
	process.exitCode = pipeClosed ? 141 : code;
	setTimeout(() => process.exit(), 2000).unref();
}

main().then(
	code => exitSoon(code),
	(error: unknown) => {
		process.stderr.write(`gitops-tui: ${error instanceof Error ? error.message : String(error)}\n`);
		exitSoon(2);
	},
);

/** meow throws on a repeated single-value flag (`-o json -o yaml`): a usage error, one line, exit 2. */
function parseCommandLine<T>(parse: () => T): T {
	try {
		return parse();
	} catch (error) {
		process.stderr.write(`gitops-tui: ${error instanceof Error ? error.message : String(error)} Run gitops-tui --help for usage.\n`);
		process.exit(2);
	}
}
