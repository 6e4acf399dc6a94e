/**
 * The one place the repo edge starts child processes (git, kustomize, kubectl, helm). Every call has a
 * timeout and an output cap, and a process that outlives its timeout is killed with its whole process
 * group: `git fetch` hands the network to `git-remote-http` children, and killing only the parent would
 * leave them holding our pipes open against a server that never answers.
 */
import {spawn} from 'node:child_process';
import {access, constants, stat} from 'node:fs/promises';
import path from 'node:path';

/** One process to run. */
export type ProcessCall = {
	command: string;
	args: string[];
	cwd: string;
	/** The complete environment for the child (not merged with ours: the caller decides). */
	env: NodeJS.ProcessEnv;
	timeoutMs: number;
	/** Written to stdin, which is then closed; stdin is closed at once when absent. */
	input?: string;
	/** Stdout (and stderr) beyond this many bytes fails the call; default 64 MiB. */
	maxOutputBytes?: number;
};

/** Why a process did not give us its output. */
export type ProcessFailureKind = 'timeout' | 'exit' | 'spawn' | 'too-large';

export type ProcessFailure = {
	kind: ProcessFailureKind;
	message: string;
	exitCode?: number;
	signal?: string;
	stdout?: string;
	stderr?: string;
};

export type ProcessResult = {ok: true; stdout: string; stderr: string} | {ok: false; error: ProcessFailure};

/** Runs one process; injected wherever the edge needs one, so tests can see and fake calls. */
export type ProcessRunner = (call: ProcessCall) => Promise<ProcessResult>;

const defaultMaxOutput = 64 * 1024 * 1024;

/**
 * The real runner: spawns detached (own process group, no controlling terminal, so nothing can prompt).
 * Detached children would outlive us, so while any runs, exiting kills their groups: a fetch hung on a
 * dead server must not linger after the app quits.
 */
export function createProcessRunner(): ProcessRunner {
	const active = new Set<number>();
	const killActive = () => {
		for (const pid of active) killProcessGroup(pid);
	};
	return async call =>
		new Promise<ProcessResult>(resolve => {
			const limit = call.maxOutputBytes ?? defaultMaxOutput;
			let settled = false;
			const finish = (result: ProcessResult) => {
				if (settled) return;
				settled = true;
				clearTimeout(timer);
				resolve(result);
			};
			const child = spawn(call.command, call.args, {
				cwd: call.cwd,
				env: call.env,
				detached: true,
				stdio: ['pipe', 'pipe', 'pipe'],
			});
			const pid = child.pid;
			if (pid !== undefined) {
				if (active.size === 0) process.on('exit', killActive);
				active.add(pid);
				child.once('exit', () => {
					active.delete(pid);
					if (active.size === 0) process.off('exit', killActive);
				});
			}
			const killGroup = () => {
				if (pid === undefined || !killProcessGroup(pid)) child.kill('SIGKILL');
			};
			const out: Buffer[] = [];
			const err: Buffer[] = [];
			let size = 0;
			const collect = (chunks: Buffer[]) => (chunk: Buffer) => {
				size += chunk.length;
				if (size > limit) {
					killGroup();
					finish({ok: false, error: {kind: 'too-large', message: `${call.command} wrote more than ${limit} bytes`}});
					return;
				}
				chunks.push(chunk);
			};
			child.stdout.on('data', collect(out));
			child.stderr.on('data', collect(err));
			// A child that exits before reading stdin makes the write fail with EPIPE; its exit says more.
			child.stdin.on('error', () => {});
			child.stdin.end(call.input ?? '');
			const timer = setTimeout(() => {
				killGroup();
				finish({
					ok: false,
					error: {kind: 'timeout', message: `${[call.command, call.args[0]].filter(Boolean).join(' ')} timed out after ${formatMs(call.timeoutMs)}`},
				});
			}, call.timeoutMs);
			child.on('error', error => {
				finish({ok: false, error: {kind: 'spawn', message: `cannot run ${call.command}: ${error.message}`}});
			});
			child.on('close', (code, signal) => {
				const stdout = Buffer.concat(out).toString('utf8');
				const stderr = Buffer.concat(err).toString('utf8');
				if (code === 0) {
					finish({ok: true, stdout, stderr});
					return;
				}
				finish({
					ok: false,
					error: {
						kind: 'exit',
						message: firstLines(stderr) || `${call.command} exited with ${code ?? signal}`,
						exitCode: code ?? undefined,
						signal: signal ?? undefined,
						stdout,
						stderr,
					},
				});
			});
		});
}

/** Kills a process group; false when there was none to kill. */
function killProcessGroup(pid: number): boolean {
	try {
		process.kill(-pid, 'SIGKILL');
		return true;
	} catch {
		return false;
	}
}

/** Human form of a duration in milliseconds: `800ms`, `1s`, `1.5s`. */
export function formatMs(ms: number): string {
	return ms < 1000 ? `${ms}ms` : `${Math.round(ms / 100) / 10}s`;
}

/** The first few non-empty lines of a tool's stderr: enough to say what failed, short enough for one row. */
export function firstLines(text: string, count = 3): string {
	return text
		.split('\n')
		.map(line => line.trim())
		.filter(Boolean)
		.slice(0, count)
		.join('; ');
}

/** Finds an executable on PATH, as a shell would; undefined when there is none. */
export type FindBinary = (name: string) => Promise<string | undefined>;

/** The real PATH lookup, over the PATH of the environment given (not necessarily ours). */
export function createFindBinary(env: NodeJS.ProcessEnv): FindBinary {
	return async name => {
		for (const dir of (env.PATH ?? '').split(path.delimiter)) {
			if (!dir) continue;
			const candidate = path.join(dir, name);
			try {
				await access(candidate, constants.X_OK);
				if ((await stat(candidate)).isFile()) return candidate;
			} catch {
				// Not here; keep looking.
			}
		}
		return undefined;
	};
}
