/**
 * Helpers for the repo edge's tests: real git repositories in temporary folders with fixed authors and
 * dates, a git function that records every call, a closed port (refused connections) and a TCP server
 * that accepts and never answers (a hung Git server).
 */
import {execFileSync} from 'node:child_process';
import {cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import net from 'node:net';
import {deadPort} from './cluster-http-server.js';
import os from 'node:os';
import path from 'node:path';
import {createGit, type Git, type GitCall} from '../../source/repo/git-runner.js';
import {createProcessRunner} from '../../source/repo/process-runner.js';

/** The fixtures of the repo edge, read in place by renderer tests. */
export const repoFixtures = path.resolve(import.meta.dirname, '../../fixtures/repo');

/** An environment where the machine's git config cannot change what tests see. */
export function repoTestEnv(home: string): NodeJS.ProcessEnv {
	return {
		PATH: process.env.PATH,
		HOME: home,
		GIT_CONFIG_NOSYSTEM: '1',
		GIT_CONFIG_GLOBAL: path.join(home, 'gitconfig-empty'),
		GIT_AUTHOR_NAME: 'Test Author',
		GIT_AUTHOR_EMAIL: 'author@example.com',
		GIT_COMMITTER_NAME: 'Test Committer',
		GIT_COMMITTER_EMAIL: 'committer@example.com',
	};
}

/** A temporary folder per test file, removed by the returned cleanup. */
export function makeRepoTempDir(prefix = 'gitops-tui-repo-'): {dir: string; cleanup: () => void} {
	const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
	writeFileSync(path.join(dir, 'gitconfig-empty'), '');
	return {dir, cleanup: () => rmSync(dir, {recursive: true, force: true})};
}

/** Runs git synchronously for test setup. */
export function gitSync(cwd: string, env: NodeJS.ProcessEnv, args: string[], extraEnv: Record<string, string> = {}): string {
	return execFileSync('git', args, {cwd, env: {...env, ...extraEnv}, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']}).trim();
}

/** `git init -b main` in dir (created if needed). */
export function initRepo(dir: string, env: NodeJS.ProcessEnv, options: {bare?: boolean} = {}): void {
	mkdirSync(dir, {recursive: true});
	gitSync(dir, env, ['init', '--quiet', '-b', 'main', ...(options.bare ? ['--bare'] : [])]);
}

/**
 * Writes files (null deletes) and commits them with a fixed date, so shas and dates are reproducible.
 * Returns the new commit's sha.
 */
export function commitFiles(
	dir: string,
	env: NodeJS.ProcessEnv,
	files: Record<string, string | null>,
	options: {message: string; date: string; author?: string},
): string {
	for (const [file, content] of Object.entries(files)) {
		const full = path.join(dir, file);
		if (content === null) {
			rmSync(full, {force: true});
			continue;
		}
		mkdirSync(path.dirname(full), {recursive: true});
		writeFileSync(full, content);
	}
	gitSync(dir, env, ['add', '--all']);
	const commitEnv: Record<string, string> = {GIT_AUTHOR_DATE: options.date, GIT_COMMITTER_DATE: options.date};
	if (options.author) commitEnv.GIT_AUTHOR_NAME = options.author;
	gitSync(dir, env, ['commit', '--quiet', '--allow-empty', '-m', options.message], commitEnv);
	return gitSync(dir, env, ['rev-parse', 'HEAD']);
}

/** Copies a fixture folder into a repository's work tree (for commits of fixture content). */
export function copyFixture(name: string, into: string): void {
	cpSync(path.join(repoFixtures, name), into, {recursive: true});
}

/** A real git function that also records every call, so tests can prove what was (not) run. */
export function recordingGit(env: NodeJS.ProcessEnv): {git: Git; calls: GitCall[]; verbs: () => string[]} {
	const real = createGit({run: createProcessRunner(), env});
	const calls: GitCall[] = [];
	const git: Git = async call => {
		calls.push(call);
		return real(call);
	};
	const verbs = () => calls.map(call => call.args.find(arg => !arg.startsWith('-') && !arg.includes('=')) ?? '');
	return {git, calls, verbs};
}

/** A port on 127.0.0.1 that refuses connections: a Git server that is down (the one rule: deadPort). */
export const closedPort = deadPort;

/** A server that accepts connections and never says a word: a hung Git server. */
export async function silentServer(): Promise<{port: number; connections: () => number; close: () => Promise<void>}> {
	const sockets = new Set<net.Socket>();
	let accepted = 0;
	const server = net.createServer(socket => {
		accepted++;
		sockets.add(socket);
		socket.on('error', () => {});
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as net.AddressInfo;
	return {
		port,
		connections: () => accepted,
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>(resolve => server.close(() => resolve()));
		},
	};
}

/** A scheduler the test drives: it only records what is due. */
export function manualScheduler(): {
	scheduler: {setTimeout(callback: () => void, ms: number): unknown; clearTimeout(handle: unknown): void};
	pending: () => Array<{ms: number}>;
	runNext: () => boolean;
} {
	let next = 1;
	const due = new Map<number, {callback: () => void; ms: number}>();
	return {
		scheduler: {
			setTimeout(callback, ms) {
				const id = next++;
				due.set(id, {callback, ms});
				return id;
			},
			clearTimeout(handle) {
				due.delete(handle as number);
			},
		},
		pending: () => [...due.values()].map(({ms}) => ({ms})),
		runNext() {
			const first = due.entries().next();
			if (first.done) return false;
			const [id, entry] = first.value;
			due.delete(id);
			entry.callback();
			return true;
		},
	};
}
