import {EventEmitter} from 'node:events';
import {describe, expect, it} from 'vitest';
import {beginTerminalSession} from '../../source/commands/terminal-session.js';

function fakeTerminal() {
	const written: string[] = [];
	const stdout = {write: (text: string) => written.push(text)} as unknown as NodeJS.WriteStream;
	const rawModes: boolean[] = [];
	const stdin = {isTTY: true, setRawMode: (on: boolean) => rawModes.push(on)} as unknown as NodeJS.ReadStream;
	const proc = new EventEmitter() as unknown as Pick<NodeJS.Process, 'on' | 'off' | 'exit'>;
	return {written, stdout, stdin, rawModes, proc};
}

const enter = '\u001B[?1049h';
const leave = '\u001B[?1049l';
const show = '\u001B[?25h';

describe('the terminal session', () => {
	it('enters the alternate screen, and restores it exactly once however often it is asked', () => {
		const t = fakeTerminal();
		const session = beginTerminalSession({stdout: t.stdout, stdin: t.stdin, process: t.proc, onAbort: () => undefined});
		expect(t.written.join('')).toContain(enter);
		session.restore();
		session.restore();
		const text = t.written.join('');
		expect(text.split(leave)).toHaveLength(2);
		expect(text.endsWith(show)).toBe(true);
		expect(t.rawModes).toEqual([false]);
	});

	it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('on %s lets the owner stop drawing first, then restores', signal => {
		const t = fakeTerminal();
		const order: string[] = [];
		beginTerminalSession({
			stdout: {write: (text: string) => order.push(text.includes(leave) ? 'restore' : 'write')} as unknown as NodeJS.WriteStream,
			stdin: t.stdin,
			process: t.proc,
			onAbort: reason => order.push(`abort:${reason.signal}`),
		});
		(t.proc as unknown as EventEmitter).emit(signal);
		expect(order).toEqual(['write', `abort:${signal}`, 'restore']);
	});

	it('restores on a crash and on exit, and leaves no handlers behind', () => {
		const t = fakeTerminal();
		const errors: unknown[] = [];
		beginTerminalSession({stdout: t.stdout, stdin: t.stdin, process: t.proc, onAbort: reason => errors.push(reason.error)});
		const emitter = t.proc as unknown as EventEmitter;
		emitter.emit('uncaughtException', new Error('boom'));
		expect(errors).toHaveLength(1);
		expect(t.written.join('')).toContain(leave);
		for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'uncaughtException', 'unhandledRejection', 'exit']) {
			expect(emitter.listenerCount(event)).toBe(0);
		}
	});

	it('changes owner once open: a signal then ends the new owner\'s drawing, and what waited for the normal screen follows it', () => {
		const t = fakeTerminal();
		const order: string[] = [];
		const session = beginTerminalSession({
			stdout: {write: (text: string) => order.push(text.includes(leave) ? 'restore' : 'write')} as unknown as NodeJS.WriteStream,
			stdin: t.stdin,
			process: t.proc,
			onAbort: () => order.push('splash'),
			afterRestore: () => order.push('held stderr'),
		});
		session.handOver(reason => order.push(`tui:${reason.signal}`));
		expect(session.restored).toBe(false);
		(t.proc as unknown as EventEmitter).emit('SIGTERM');
		session.restore();
		expect(session.restored).toBe(true);
		expect(order).toEqual(['write', 'tui:SIGTERM', 'restore', 'held stderr']);
	});
});
