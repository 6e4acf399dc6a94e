/**
 * Runs the TUI's command behind its splash (splash.ts) when stdout is a terminal: the splash is painted first,
 * then the command's module loads (Ink, React, client-node) and runs on the splash's terminal session. Whatever
 * way the command ends, the terminal is back and what stderr held is written before this returns. Not a terminal
 * (piped, a script): the command runs as it is, with no splash.
 */
import type {Command, CommandInput} from './command.js';
import type {SplashActivity} from './splash.js';

export async function runSplashed(input: CommandInput, activity: SplashActivity, load: () => Promise<Command>): Promise<number> {
	const stdout = input.io.stdout as NodeJS.WriteStream;
	if (!stdout.isTTY) return (await load()).run(input);
	// Its own small chunk: no Ink, React or client-node (test/e2e/lazy-loading.test.ts).
	const {openSplash} = await import('./splash.js');
	const stdin = (input.io.stdin ?? process.stdin) as NodeJS.ReadStream;
	const splash = await openSplash({flags: input.flags, env: input.io.env, cwd: input.io.cwd, stdout, stdin, stderr: input.io.stderr, activity, process});
	try {
		return await (await load()).run({...input, io: {...input.io, stderr: splash.stderr}, splash});
	} finally {
		splash.end();
	}
}
