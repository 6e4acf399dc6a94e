/**
 * A terminal and a keyboard for tests of what the TUI writes: the terminal keeps every write and the screen it
 * shows (virtual-terminal.ts), with its size and resize events; the keyboard is a stdin stream as Ink reads it.
 */
import {EventEmitter} from 'node:events';
import {virtualTerminal} from './virtual-terminal.js';

/** A terminal stream: its size, resize events, and what was written, as bytes and as the screen it shows. */
export function fakeTerminal(columns: number, rows: number) {
	const stream = new EventEmitter() as EventEmitter & {columns: number; rows: number; isTTY: boolean; write(bytes: string): boolean; writes: string[]; screen: ReturnType<typeof virtualTerminal>};
	stream.columns = columns;
	stream.rows = rows;
	stream.isTTY = true;
	stream.writes = [];
	stream.screen = virtualTerminal(columns, rows);
	stream.write = bytes => {
		stream.writes.push(bytes);
		stream.screen.write(bytes);
		return true;
	};
	return stream;
}

/** A keyboard stream as Ink reads it (the shape ink-testing-library's has). */
export function fakeKeyboard() {
	const stdin = Object.assign(new EventEmitter(), {
		isTTY: true,
		data: null as string | null,
		setEncoding() {},
		setRawMode() {},
		resume() {},
		pause() {},
		ref() {},
		unref() {},
		read() {
			const {data} = stdin;
			stdin.data = null;
			return data;
		},
	});
	const press = (key: string) => {
		stdin.data = key;
		stdin.emit('readable');
	};
	return {stdin: stdin as unknown as NodeJS.ReadStream, press};
}
