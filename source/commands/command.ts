import type {Splash} from './splash.js';

/** Where a command reads and writes; passed in so commands run the same under tests. */
export type CommandIo = {
	stdout: NodeJS.WritableStream;
	stderr: NodeJS.WritableStream;
	/** Where a confirmation is typed (the action commands); absent when there is none. */
	stdin?: NodeJS.ReadableStream;
	env: NodeJS.ProcessEnv;
	cwd: string;
	/** The tool's version (cli.tsx knows it; `audit` records it). */
	version?: string;
};

/** The parsed command line, as a command sees it. */
export type CommandInput = {
	args: string[];
	flags: Record<string, unknown>;
	io: CommandIo;
	/** The TUI's splash, when one was painted (splash.ts): the terminal session the TUI takes over. */
	splash?: Splash;
};

/** A non-interactive subcommand: resolves to its exit code (0 clean, 1 drift/unhealthy, >= 2 error). */
export type Command = {
	name: string;
	summary: string;
	run: (input: CommandInput) => Promise<number>;
};
