import {chmodSync, mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {createFindBinary, createProcessRunner, firstLines, formatMs} from '../../source/repo/process-runner.js';
import {makeRepoTempDir} from '../support/repo-helpers.js';
import {waitFor} from '../support/wait-for.js';

const temp = makeRepoTempDir();
afterAll(() => temp.cleanup());
const run = createProcessRunner();
const env = {PATH: process.env.PATH};

describe('createProcessRunner', () => {
	it('returns stdout and stderr of a successful process, feeding stdin', async () => {
		const result = await run({command: 'sh', args: ['-c', 'cat; echo err >&2'], cwd: temp.dir, env, timeoutMs: 5000, input: 'hello'});
		expect(result).toEqual({ok: true, stdout: 'hello', stderr: 'err\n'});
	});

	it('reports a non-zero exit with its stderr', async () => {
		const result = await run({command: 'sh', args: ['-c', 'echo "fatal: nope" >&2; exit 3'], cwd: temp.dir, env, timeoutMs: 5000});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.error).toMatchObject({kind: 'exit', exitCode: 3, message: 'fatal: nope'});
	});

	it('kills the whole process group at the timeout, even children holding the pipes', async () => {
		const started = Date.now();
		// The background sleep inherits stdout: killing only `sh` would leave the pipe open for 30 s.
		const result = await run({command: 'sh', args: ['-c', 'sleep 30 & sleep 30'], cwd: temp.dir, env, timeoutMs: 300});
		expect(Date.now() - started).toBeLessThan(5000);
		expect(result).toEqual({ok: false, error: {kind: 'timeout', message: 'sh -c timed out after 300ms'}});
	});

	it('arms an exit handler only while a child runs, so quitting never leaves a hung fetch behind', async () => {
		const fresh = createProcessRunner();
		const before = new Set(process.listeners('exit'));
		const running = fresh({command: 'sh', args: ['-c', 'sleep 0.3'], cwd: temp.dir, env, timeoutMs: 5000});
		const armed = process.listeners('exit').filter(listener => !before.has(listener));
		expect(armed).toHaveLength(1);
		expect((await running).ok).toBe(true);
		await waitFor(() => !process.listeners('exit').includes(armed[0]!), {describe: () => 'the exit handler to be removed'});
	});

	it('stops a process whose output exceeds the cap', async () => {
		const result = await run({command: 'sh', args: ['-c', 'yes'], cwd: temp.dir, env, timeoutMs: 10_000, maxOutputBytes: 100_000});
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.error.kind).toBe('too-large');
	});

	it('reports a missing binary as a spawn failure', async () => {
		const result = await run({command: 'definitely-not-a-binary-here', args: [], cwd: temp.dir, env, timeoutMs: 5000});
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.error.kind).toBe('spawn');
	});
});

describe('createFindBinary', () => {
	it('finds executables on the PATH it is given, skipping directories and non-executables', async () => {
		const a = path.join(temp.dir, 'bin-a');
		const b = path.join(temp.dir, 'bin-b');
		mkdirSync(path.join(a, 'tool'), {recursive: true}); // a directory named like the tool
		mkdirSync(b, {recursive: true});
		writeFileSync(path.join(a, 'plain'), 'not executable');
		writeFileSync(path.join(b, 'tool'), '#!/bin/sh\n');
		chmodSync(path.join(b, 'tool'), 0o755);
		const find = createFindBinary({PATH: [a, b].join(path.delimiter)});
		expect(await find('tool')).toBe(path.join(b, 'tool'));
		expect(await find('plain')).toBeUndefined();
		expect(await find('missing')).toBeUndefined();
	});
});

describe('formatting helpers', () => {
	it('formats durations and first lines', () => {
		expect(formatMs(800)).toBe('800ms');
		expect(formatMs(1000)).toBe('1s');
		expect(formatMs(1500)).toBe('1.5s');
		expect(firstLines('\n a \n\nb\nc\nd\n')).toBe('a; b; c');
	});
});
