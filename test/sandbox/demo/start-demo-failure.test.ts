import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {startDemo} from '../../../source/sandbox/demo/index.js';
import {waitFor} from '../../support/wait-for.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gitops-tui-demo-failure-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

/** Listening sockets of this process (the sandboxes' HTTPS servers). */
function servers(): number {
	return process.getActiveResourcesInfo().filter(resource => resource === 'TCPServerWrap').length;
}

describe('startDemo without git', () => {
	it('fails with the reason and leaves nothing running', async () => {
		const before = servers();
		const logged: string[] = [];
		await expect(startDemo({workDir: dir, env: {PATH: path.join(dir, 'no-such-bin')}, log: line => logged.push(line)})).rejects.toThrow(/demo repository: git init failed: git is not installed/);
		expect(logged.join('\n')).toContain('git daemon is not available');
		// A closed server's handle is released a moment after close() calls back.
		await waitFor(() => servers() === before, {timeoutMs: 5000, describe: () => `${servers()} listening sockets, ${before} before`});
	});
});
