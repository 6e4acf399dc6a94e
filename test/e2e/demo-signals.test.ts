/**
 * `--demo` leaves nothing behind when it is stopped: on SIGTERM, SIGINT or SIGHUP (here while it prints its status)
 * it stops its sandboxes and git daemon and removes its folder, which holds admin tokens, and exits with the
 * signal's code.
 */
import {execFileSync, spawn} from 'node:child_process';
import {mkdtempSync, readdirSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {builtCli, ensureBuiltCli} from '../support/scenario-cli.js';
import {waitFor} from '../support/wait-for.js';

beforeAll(ensureBuiltCli, 60_000);

describe('--demo stopped by a signal', () => {
	it.each([
		['SIGTERM', 143],
		['SIGHUP', 129],
	] as const)('on %s stops everything, removes its folder and exits %i', async (signal, expected) => {
		const tmp = mkdtempSync(path.join(os.tmpdir(), 'gitops-tui-demo-signals-'));
		try {
			const child = spawn('node', [builtCli, '--demo', '-o', 'json'], {env: {PATH: process.env['PATH'], HOME: tmp, TMPDIR: tmp}, stdio: ['ignore', 'pipe', 'pipe']});
			let stderr = '';
			child.stderr.on('data', chunk => (stderr += String(chunk)));
			child.stdout.resume();
			const closed = new Promise<number | null>(resolve => child.on('close', resolve));
			await waitFor(() => stderr.includes('sandbox clusters'), {timeoutMs: 45_000, describe: () => `the demo banner; stderr: ${stderr}`});
			const workDir = readdirSync(tmp).find(name => name.startsWith('gitops-tui-demo-'));
			expect(workDir).toBeDefined();
			child.kill(signal);
			expect(await closed).toBe(expected);
			expect(readdirSync(tmp).filter(name => name.startsWith('gitops-tui-demo-'))).toEqual([]);
			// No git daemon (or anything else) still serving the demo's folder.
			const processes = execFileSync('ps', ['-eo', 'args'], {encoding: 'utf8'});
			expect(processes).not.toContain(path.join(tmp, workDir!));
		} finally {
			rmSync(tmp, {recursive: true, force: true});
		}
	}, 90_000);
});
