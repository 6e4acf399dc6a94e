/**
 * How the TUI's frames reach the terminal. Ink's own writer repaints everything: when a frame is as tall as the
 * terminal (ours always is) it clears the whole terminal and writes the whole frame on every update, even a
 * one-row change or a clock tick. (Its `incrementalRendering` option does not help: that path is taken only for
 * frames shorter than the terminal, and moves the cursor relative to where the last frame ended.)
 *
 * So Ink renders into this stand-in stream, which it takes for a pipe (not a terminal): each write is then one whole
 * frame, after the erases and cursor moves of Ink's own repaint (dropped here: `inkFrame`). Ink still paces its
 * renders (`maxFps`), which matters: laying a 200×50 frame out as text costs milliseconds, and a held key would
 * otherwise render it for every keystroke. The frame screen paints the terminal itself: only the rows that changed,
 * by absolute cursor moves (domain/screen-paint.ts), at most one paint per `minIntervalMs` (the latest frame wins;
 * 100 ms is 10 paints a second at most), the whole screen again after a resize, and, for an ASCII-only terminal,
 * every glyph swapped for ASCII of the same width (domain/ascii-text.ts) as the last guard.
 */
import {EventEmitter} from 'node:events';
import {asciiCells} from '../domain/ascii-text.js';
import {frameRows, paintRows} from '../domain/screen-paint.js';

export type FrameScreenTimers = {
	setTimeout(callback: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
	now(): number;
};

export type FrameScreenOptions = {
	/** The terminal. */
	stdout: NodeJS.WriteStream;
	/** An ASCII-only terminal: nothing but ASCII is written. */
	ascii: boolean;
	/** The least time between two paints (default 100 ms). */
	minIntervalMs?: number;
	timers?: FrameScreenTimers;
};

export type FrameScreen = {
	/** The stream to give Ink: it has the terminal's size and resize events, and takes Ink's writes as frames. */
	inkStdout: NodeJS.WriteStream;
	/** Paints a waiting frame now. */
	flush(): void;
	/** Stops painting (before the terminal is restored, so no late frame lands on the normal screen); acts once. */
	close(): void;
};

/** Ink's repaint around a frame: erases, cursor moves and clears before it (never SGR styling), a newline after. */
const inkControls = /^(?:\u001B\[[0-9;?]*[A-HJKST])+/;

/** The frame in one of Ink's writes ('' for a write that only erases, as on a narrowing resize). */
export function inkFrame(chunk: string): string {
	return chunk.replace(inkControls, '').replace(/\n$/, '');
}

const realTimers: FrameScreenTimers = {
	setTimeout: (callback, ms) => setTimeout(callback, ms),
	clearTimeout: handle => clearTimeout(handle as NodeJS.Timeout),
	now: () => performance.now(),
};

export function createFrameScreen(options: FrameScreenOptions): FrameScreen {
	const {stdout, ascii} = options;
	const minIntervalMs = options.minIntervalMs ?? 100;
	const timers = options.timers ?? realTimers;
	let painted: string[] | undefined;
	let lastFrame: string | undefined;
	let pending: string | undefined;
	let lastPaintAt = Number.NEGATIVE_INFINITY;
	let timer: unknown;
	let closed = false;

	const size = () => ({columns: stdout.columns || 80, rows: stdout.rows || 24});
	const paint = () => {
		if (timer !== undefined) timers.clearTimeout(timer);
		timer = undefined;
		if (closed || pending === undefined) return;
		const frame = pending;
		pending = undefined;
		lastFrame = frame;
		const rows = frameRows(ascii ? asciiCells(frame) : frame, size());
		const bytes = paintRows(painted, rows);
		painted = rows;
		if (bytes === '') return;
		lastPaintAt = timers.now();
		stdout.write(bytes);
	};
	const schedule = () => {
		if (timer !== undefined) return;
		const wait = lastPaintAt + minIntervalMs - timers.now();
		if (wait <= 0) paint();
		else timer = timers.setTimeout(paint, wait);
	};

	const inkStdout = new EventEmitter() as EventEmitter & {columns: number; rows: number; isTTY: boolean; write: (chunk: unknown, ...rest: unknown[]) => boolean};
	Object.defineProperties(inkStdout, {
		columns: {get: () => size().columns},
		rows: {get: () => size().rows},
		// A pipe to Ink: it then writes plain frames (no synchronized-output marks, no cursor hiding of its own).
		isTTY: {value: false},
	});
	inkStdout.write = (chunk, ...rest) => {
		const callback = rest.find(item => typeof item === 'function') as (() => void) | undefined;
		const frame = inkFrame(String(chunk));
		// Ink writes '' as a barrier on exit, and only erases on a narrowing resize: no frame, nothing to paint.
		if (!closed && frame !== '') {
			pending = frame;
			schedule();
		}
		if (callback) queueMicrotask(callback);
		return true;
	};

	const resized = () => {
		// The terminal may have reflowed or cut what it showed: paint the whole screen again.
		painted = undefined;
		pending ??= lastFrame;
		inkStdout.emit('resize');
		if (pending !== undefined) schedule();
	};
	stdout.on('resize', resized);

	return {
		inkStdout: inkStdout as unknown as NodeJS.WriteStream,
		flush: paint,
		close() {
			if (closed) return;
			closed = true;
			if (timer !== undefined) timers.clearTimeout(timer);
			timer = undefined;
			stdout.off('resize', resized);
		},
	};
}
