/**
 * How the TUI's frames reach the terminal. Ink's own writer repaints everything: when a frame is as tall as the
 * terminal (ours always is) it clears the whole terminal and writes the whole frame on every update, even a
 * one-row change or a clock tick. (Its `incrementalRendering` option does not help: that path is taken only for
 * frames shorter than the terminal, and moves the cursor relative to where the last frame ended.)
 *
 * So Ink renders into this stand-in stream, which it takes for a pipe (not a terminal): each write is then one whole
 * frame, after the erases and cursor moves of Ink's own repaint (dropped here: `inkFrame`). Ink still paces its
 * renders (`maxFps`, run-tui.tsx): laying a 200×50 frame out as text costs milliseconds, and a burst of keys (a
 * paste) would otherwise render it for every keystroke. The frame screen paints the terminal itself: only the rows that changed,
 * by absolute cursor moves (domain/screen-paint.ts), at most one paint per `minIntervalMs` for frames nobody asked
 * for (the latest frame wins; 100 ms is 10 paints a second at most), the whole screen again after a resize, and, for
 * an ASCII-only terminal, every glyph swapped for ASCII of the same width (domain/ascii-text.ts) as the last guard.
 *
 * Frames that answer a key are painted at once (`input()`): under churn the background paints keep the interval
 * busy, and a key waited up to an interval behind them. A key opens a window of `minIntervalMs` in which frames are
 * painted as they come (at most `answerPaints` of them: the first may be a background frame that beat the key's own),
 * and a key pressed within an interval of the last one opens none (and closes the open one), so a held key still paints
 * about 10 times a second.
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
	/** The least time between two paints of frames no key asked for, and between two keys' windows (default 100 ms). */
	minIntervalMs?: number;
	timers?: FrameScreenTimers;
};

export type FrameScreen = {
	/** The stream to give Ink: it has the terminal's size and resize events, and takes Ink's writes as frames. */
	inkStdout: NodeJS.WriteStream;
	/** Input arrived (a key): the frames of the next interval are its answer and painted at once (see above). */
	input(): void;
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

/** Paints at once per key window: the key's frame, and one background frame that may come before it. */
const answerPaints = 2;

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
	let timerAt = Number.POSITIVE_INFINITY;
	let closed = false;
	// The open key window: until when, and how many paints it may still make at once.
	let windowOpenAt = Number.NEGATIVE_INFINITY;
	let answersLeft = 0;
	let lastInputAt = Number.NEGATIVE_INFINITY;
	const answering = () => answersLeft > 0 && timers.now() < windowOpenAt + minIntervalMs;

	const size = () => ({columns: stdout.columns || 80, rows: stdout.rows || 24});
	const paint = () => {
		if (timer !== undefined) timers.clearTimeout(timer);
		timer = undefined;
		timerAt = Number.POSITIVE_INFINITY;
		if (closed || pending === undefined) return;
		const frame = pending;
		pending = undefined;
		lastFrame = frame;
		const rows = frameRows(ascii ? asciiCells(frame) : frame, size());
		const bytes = paintRows(painted, rows);
		painted = rows;
		if (bytes === '') return;
		if (answering()) answersLeft--;
		lastPaintAt = timers.now();
		stdout.write(bytes);
	};
	const schedule = () => {
		const now = timers.now();
		const due = answering() ? now : lastPaintAt + minIntervalMs;
		if (due <= now) return paint();
		if (timer !== undefined && timerAt <= due) return;
		if (timer !== undefined) timers.clearTimeout(timer);
		timerAt = due;
		timer = timers.setTimeout(paint, due - now);
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
		input() {
			const now = timers.now();
			// A key within an interval of the last one (a held key) opens no window and ends the open one: its frames
			// wait for the interval as background frames do, so a held key paints about 10 times a second.
			const held = now - lastInputAt < minIntervalMs;
			lastInputAt = now;
			if (held) {
				answersLeft = 0;
				return;
			}
			windowOpenAt = now;
			answersLeft = answerPaints;
		},
		flush: paint,
		close() {
			if (closed) return;
			closed = true;
			if (timer !== undefined) timers.clearTimeout(timer);
			timer = undefined;
			timerAt = Number.POSITIVE_INFINITY;
			stdout.off('resize', resized);
		},
	};
}
