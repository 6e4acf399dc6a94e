/**
 * Every git command goes through one function: it fixes the environment (no prompts, no optional
 * locks on the operator's repository, C locale so messages can be read), applies a timeout, and turns
 * failures into values with a kind an operator can act on.
 */
import {redactCredentials} from '../domain/repo-url.js';
import {firstLines, formatMs, type ProcessRunner} from './process-runner.js';

/** One git invocation; `args` start after `git` (e.g. `['-C', dir, 'log']` is not needed: use cwd). */
export type GitCall = {
	args: string[];
	cwd: string;
	/** Default: the runner's default (30 s), meant for local commands; network commands pass their own. */
	timeoutMs?: number;
	/** Extra environment for this call only (e.g. GIT_INDEX_FILE). */
	env?: Record<string, string>;
	input?: string;
	maxOutputBytes?: number;
};

/** What kind of git failure this is, so callers can say "remote unreachable" rather than exit 128. */
export type GitFailureKind =
	| 'timeout' // no answer within the timeout (a server that accepts and never answers ends here)
	| 'unreachable' // refused, DNS, TLS, reset
	| 'auth' // credentials missing or refused (prompts are disabled)
	| 'not-found' // no such repository, revision or path
	| 'not-installed' // no git binary
	| 'too-large' // output above the cap
	| 'failed'; // anything else git refused

export type GitFailure = {kind: GitFailureKind; message: string; stderr?: string};

export type GitResult = {ok: true; stdout: string; stderr: string} | {ok: false; error: GitFailure};

/** Runs git; injected into every repo function so tests can watch the calls (and prove no fetch happened). */
export type Git = (call: GitCall) => Promise<GitResult>;

export type GitOptions = {
	run: ProcessRunner;
	/** The environment git sees (the CLI passes its own); prompts are always disabled on top of it. */
	env: NodeJS.ProcessEnv;
	gitPath?: string;
	defaultTimeoutMs?: number;
};

/** Builds the git function all repo code uses. */
export function createGit(options: GitOptions): Git {
	const gitPath = options.gitPath ?? 'git';
	const baseEnv: NodeJS.ProcessEnv = {
		...options.env,
		GIT_TERMINAL_PROMPT: '0',
		GCM_INTERACTIVE: 'never',
		// Reading the operator's own checkout must not take index locks their editor or shell could trip on.
		GIT_OPTIONAL_LOCKS: '0',
		LC_ALL: 'C',
		LANGUAGE: 'C',
	};
	return async call => {
		const timeoutMs = call.timeoutMs ?? options.defaultTimeoutMs ?? 30_000;
		const result = await options.run({
			command: gitPath,
			args: call.args,
			cwd: call.cwd,
			env: call.env ? {...baseEnv, ...call.env} : baseEnv,
			timeoutMs,
			input: call.input,
			maxOutputBytes: call.maxOutputBytes,
		});
		if (result.ok) return result;
		const {error} = result;
		const verb = call.args.find(arg => !arg.startsWith('-')) ?? 'command';
		switch (error.kind) {
			case 'timeout':
				return fail('timeout', `git ${verb} timed out after ${formatMs(timeoutMs)}`);
			case 'spawn':
				return fail('not-installed', `git is not installed or cannot run (${error.message})`);
			case 'too-large':
				return fail('too-large', `git ${verb}: ${error.message}`);
			default: {
				// Messages reach the screen and status JSON: credentials in remote URLs must not.
				const stderr = redactCredentials(error.stderr ?? '');
				return fail(classify(stderr), `git ${verb}: ${cleanMessage(stderr) || redactCredentials(error.message)}`, stderr);
			}
		}
	};
}

function fail(kind: GitFailureKind, message: string, stderr?: string): GitResult {
	return {ok: false, error: stderr === undefined ? {kind, message} : {kind, message, stderr}};
}

/** Sorts git's stderr into a kind, from the messages git and curl/ssh print (locale forced to C). */
export function classify(stderr: string): GitFailureKind {
	const text = stderr.toLowerCase();
	if (/authentication failed|permission denied|terminal prompts disabled|could not read username|could not read password|returned error: 40[13]/.test(text)) {
		return 'auth';
	}
	if (
		/could not resolve|failed to connect|connection refused|couldn't connect|connection reset|connection timed out|timed out|network is unreachable|no route to host|ssl|tls|empty reply|recv failure|could not read from remote/.test(
			text,
		)
	) {
		return 'unreachable';
	}
	if (/not found|does not appear to be a git repository|unknown revision|bad revision|not a valid object|invalid object name|not a git repository|needed a single revision/.test(text)) {
		return 'not-found';
	}
	return 'failed';
}

/** Git's stderr without `fatal:`/`error:` prefixes and progress noise, in at most three lines. */
export function cleanMessage(stderr: string): string {
	const lines = stderr
		.split('\n')
		.map(line => line.replace(/^(fatal|error|warning): /, '').trim())
		.filter(line => line && !/^(Cloning into|remote: (Counting|Compressing|Enumerating|Total))/.test(line));
	return firstLines(lines.join('\n'));
}
