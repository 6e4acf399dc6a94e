/** The lazy command list --help prints from: each entry runs its own module's command, under the same name and summary. */
import {describe, expect, it} from 'vitest';
import {commands, findCommand} from '../../source/commands/index.js';

describe('the command index', () => {
	it('names and summarises each command as its module does', async () => {
		for (const entry of commands) {
			const loaded = await entry.load();
			expect({name: loaded.name, summary: loaded.summary}).toEqual({name: entry.name, summary: entry.summary});
		}
		expect(new Set(commands.map(c => c.name)).size).toBe(commands.length);
	});

	it('runs the loaded module: status with an argument answers with its own usage error', async () => {
		let stderr = '';
		const io = {stdout: {write: () => true}, stderr: {write: (text: string) => ((stderr += text), true)}, env: {}, cwd: '/'} as never;
		const code = await findCommand('status')!.run({args: ['extra'], flags: {}, io});
		expect(code).toBe(2);
		expect(stderr).toContain('gitops-tui status: unexpected argument extra');
	});
});
