import {describe, expect, it} from 'vitest';
import {classify, cleanMessage, createGit} from '../../source/repo/git-runner.js';
import type {ProcessCall, ProcessResult} from '../../source/repo/process-runner.js';

function fakeRunner(result: ProcessResult) {
	const calls: ProcessCall[] = [];
	return {
		calls,
		run: async (call: ProcessCall) => {
			calls.push(call);
			return result;
		},
	};
}

describe('createGit', () => {
	it('runs git with prompts disabled, no optional locks and the C locale, over the given environment', async () => {
		const fake = fakeRunner({ok: true, stdout: 'abc\n', stderr: ''});
		const git = createGit({run: fake.run, env: {PATH: '/bin', GIT_TERMINAL_PROMPT: '1', HOME: '/h'}});
		const result = await git({args: ['rev-parse', 'HEAD'], cwd: '/repo', env: {GIT_INDEX_FILE: '/tmp/i'}});
		expect(result).toEqual({ok: true, stdout: 'abc\n', stderr: ''});
		const [call] = fake.calls;
		expect(call).toMatchObject({command: 'git', args: ['rev-parse', 'HEAD'], cwd: '/repo', timeoutMs: 30_000});
		expect(call!.env).toMatchObject({PATH: '/bin', HOME: '/h', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C', GIT_INDEX_FILE: '/tmp/i'});
	});

	it('names the git verb and the limit in a timeout', async () => {
		const git = createGit({run: fakeRunner({ok: false, error: {kind: 'timeout', message: 'x'}}).run, env: {}});
		expect(await git({args: ['fetch', '--prune', 'origin'], cwd: '/r', timeoutMs: 1000})).toEqual({
			ok: false,
			error: {kind: 'timeout', message: 'git fetch timed out after 1s'},
		});
	});

	it('says git is missing when it cannot be spawned', async () => {
		const git = createGit({run: fakeRunner({ok: false, error: {kind: 'spawn', message: 'ENOENT'}}).run, env: {}});
		const result = await git({args: ['status'], cwd: '/r'});
		expect(result.ok === false && result.error.kind).toBe('not-installed');
	});

	it('classifies a failed command from its stderr and cleans the message', async () => {
		const stderr = "fatal: unable to access 'http://127.0.0.1:9/x.git/': Failed to connect to 127.0.0.1 port 9: Connection refused\n";
		const git = createGit({run: fakeRunner({ok: false, error: {kind: 'exit', message: 'x', exitCode: 128, stderr}}).run, env: {}});
		const result = await git({args: ['fetch', 'origin'], cwd: '/r'});
		expect(result).toEqual({
			ok: false,
			error: {
				kind: 'unreachable',
				message: "git fetch: unable to access 'http://127.0.0.1:9/x.git/': Failed to connect to 127.0.0.1 port 9: Connection refused",
				stderr,
			},
		});
	});
});

describe('classify', () => {
	it.each([
		['fatal: Authentication failed for https://example.com/x.git', 'auth'],
		['fatal: could not read Username for https://github.com: terminal prompts disabled', 'auth'],
		['git@github.com: Permission denied (publickey).\nfatal: Could not read from remote repository.', 'auth'],
		['fatal: unable to access https://x/: The requested URL returned error: 403', 'auth'],
		['ssh: Could not resolve hostname nowhere: Name or service not known', 'unreachable'],
		['fatal: unable to access https://x/: Failed to connect to x port 443: Connection timed out', 'unreachable'],
		["fatal: repository 'https://example.com/missing.git/' not found", 'not-found'],
		["fatal: ambiguous argument 'nope': unknown revision or path not in the working tree.", 'not-found'],
		['fatal: not a git repository (or any of the parent directories): .git', 'not-found'],
		['fatal: something else entirely', 'failed'],
	])('%s → %s', (stderr, kind) => {
		expect(classify(stderr)).toBe(kind);
	});
});

describe('cleanMessage', () => {
	it('drops prefixes and clone progress, keeping three lines', () => {
		expect(cleanMessage("Cloning into 'x'...\nwarning: w\nfatal: f\nerror: e\nmore\n")).toBe('w; f; e');
	});
});
