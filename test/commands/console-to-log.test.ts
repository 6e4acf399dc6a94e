import {describe, expect, it} from 'vitest';
import {consoleToLog} from '../../source/commands/run-tui.js';
import type {Logger} from '../../source/commands/log-file.js';

describe('console output during the TUI', () => {
	it('goes to the log file, never onto the screen, and the console comes back afterwards', () => {
		const lines: string[] = [];
		const log: Logger = {file: '/dev/null', info: message => lines.push(`INFO ${message}`), error: message => lines.push(`ERROR ${message}`)};
		const original = console.log;
		const circular: Record<string, unknown> = {};
		circular.self = circular;
		const restore = consoleToLog(log);
		try {
			console.log('hello', {a: 1});
			console.warn(new Error('careful'));
			console.info(circular);
		} finally {
			restore();
		}
		expect(console.log).toBe(original);
		expect(lines[0]).toBe('INFO console.log: hello {"a":1}');
		expect(lines[1]).toMatch(/^ERROR console\.warn: Error: careful/);
		expect(lines[2]).toBe('INFO console.info: [object Object]');
	});
});
