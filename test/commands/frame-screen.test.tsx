/**
 * The frame screen: Ink's frames reach the terminal as the rows that changed, at most one paint per interval,
 * the whole screen again after a resize, ASCII only when asked; and through runTui, the real TUI on a fake
 * terminal: a one-row change writes that row's bytes, a re-render that changes nothing writes nothing.
 */
import {render} from 'ink';
import {describe, expect, it, vi} from 'vitest';
import {createFrameScreen, inkFrame, type FrameScreenTimers} from '../../source/commands/frame-screen.js';
import {runTui} from '../../source/commands/run-tui.js';
import {App} from '../../source/ui/app.js';
import {fakeFleetSource} from '../support/fake-fleet-source.js';
import {seededFastDiff} from '../support/tui-harness.js';
import {seededSnapshot} from '../support/tui-snapshot.js';
import {fakeKeyboard, fakeTerminal} from '../support/fake-terminal.js';
import {waitFor} from '../support/wait-for.js';

// Ink decides at load, from CI and CONTINUOUS_INTEGRATION, to draw nothing until exit. On a terminal the CLI drops
// them before Ink loads (source/interactive-terminal.ts); these tests play that terminal, so they do the same
// before the imports above run (vi.hoisted runs first). CI runs the suite with CI=true.
vi.hoisted(() => {
	delete process.env['CI'];
	delete process.env['CONTINUOUS_INTEGRATION'];
});

/** Timers the test moves by hand. */
function manualTimers() {
	let now = 0;
	const waiting: Array<{at: number; callback: () => void}> = [];
	const timers: FrameScreenTimers & {advance(ms: number): void} = {
		now: () => now,
		setTimeout(callback, ms) {
			const entry = {at: now + ms, callback};
			waiting.push(entry);
			return entry;
		},
		clearTimeout(handle) {
			const index = waiting.indexOf(handle as (typeof waiting)[number]);
			if (index >= 0) waiting.splice(index, 1);
		},
		advance(ms) {
			now += ms;
			for (const entry of waiting.filter(e => e.at <= now)) {
				waiting.splice(waiting.indexOf(entry), 1);
				entry.callback();
			}
		},
	};
	return timers;
}

describe('the frame screen', () => {
	it('paints the first frame at once, then at most one paint per interval with the latest frame', () => {
		const terminal = fakeTerminal(20, 4);
		const timers = manualTimers();
		const screen = createFrameScreen({stdout: terminal as unknown as NodeJS.WriteStream, ascii: false, timers});
		screen.inkStdout.write('one\ntwo');
		expect(terminal.writes).toHaveLength(1);
		screen.inkStdout.write('one\nthree');
		screen.inkStdout.write('one\nfour');
		expect(terminal.writes).toHaveLength(1);
		timers.advance(100);
		expect(terminal.writes).toHaveLength(2);
		expect(terminal.writes[1]).not.toContain('one');
		expect(terminal.screen.lines()).toEqual(['one', 'four', '', '']);
		// The same frame again writes nothing.
		timers.advance(100);
		screen.inkStdout.write('one\nfour');
		timers.advance(100);
		expect(terminal.writes).toHaveLength(2);
	});

	it('paints the frame answering a key at once, though a background frame waits for the interval', () => {
		const terminal = fakeTerminal(20, 4);
		const timers = manualTimers();
		const screen = createFrameScreen({stdout: terminal as unknown as NodeJS.WriteStream, ascii: false, timers});
		screen.inkStdout.write('list\n  a');
		timers.advance(30);
		// Churn: a background frame waits for the interval.
		screen.inkStdout.write('list\n  a*');
		expect(terminal.writes).toHaveLength(1);
		timers.advance(10);
		screen.input();
		timers.advance(5);
		screen.inkStdout.write('list\n› a*');
		expect(terminal.writes).toHaveLength(2);
		expect(terminal.screen.lines()).toEqual(['list', '› a*', '', '']);
		// Nothing is left to paint when the interval ends: the key's frame was the latest.
		timers.advance(100);
		expect(terminal.writes).toHaveLength(2);
		// Once the key's window has passed, frames wait for the interval again.
		screen.inkStdout.write('list\n› a**');
		expect(terminal.writes).toHaveLength(3);
		screen.inkStdout.write('list\n› a***');
		expect(terminal.writes).toHaveLength(3);
		timers.advance(100);
		expect(terminal.screen.lines()[1]).toBe('› a***');
	});

	it('paints at most two frames at once per key: a background frame may come before the key\'s own', () => {
		const terminal = fakeTerminal(20, 4);
		const timers = manualTimers();
		const screen = createFrameScreen({stdout: terminal as unknown as NodeJS.WriteStream, ascii: false, timers});
		screen.inkStdout.write('frame 0');
		timers.advance(50);
		screen.input();
		screen.inkStdout.write('frame 1 (background)');
		screen.inkStdout.write('frame 2 (the key)');
		screen.inkStdout.write('frame 3');
		expect(terminal.writes).toHaveLength(3);
		expect(terminal.screen.lines()[0]).toBe('frame 2 (the key)');
		timers.advance(100);
		expect(terminal.screen.lines()[0]).toBe('frame 3');
		expect(terminal.writes).toHaveLength(4);
	});

	it('keeps a held key (50 presses a second) to about 10 paints a second', () => {
		const terminal = fakeTerminal(20, 4);
		const timers = manualTimers();
		const screen = createFrameScreen({stdout: terminal as unknown as NodeJS.WriteStream, ascii: false, timers});
		for (let press = 0; press < 50; press++) {
			screen.input();
			screen.inkStdout.write(`row ${press}`);
			timers.advance(20);
		}
		timers.advance(100);
		expect(terminal.screen.lines()[0]).toBe('row 49');
		// One second of presses: a key window every 100 ms, and the presses between them folded into one paint each.
		expect(terminal.writes.length).toBeGreaterThanOrEqual(10);
		expect(terminal.writes.length).toBeLessThanOrEqual(11);
	});

	it('paints the whole screen again after a resize, and nothing once closed', () => {
		const terminal = fakeTerminal(20, 4);
		const timers = manualTimers();
		const screen = createFrameScreen({stdout: terminal as unknown as NodeJS.WriteStream, ascii: false, timers});
		let resizes = 0;
		screen.inkStdout.on('resize', () => resizes++);
		screen.inkStdout.write('a\nb');
		timers.advance(200);
		terminal.columns = 10;
		terminal.emit('resize');
		expect(resizes).toBe(1);
		expect(screen.inkStdout.columns).toBe(10);
		timers.advance(100);
		expect(terminal.writes.at(-1)).toContain('\u001B[2J');
		expect(terminal.screen.lines().slice(0, 2)).toEqual(['a', 'b']);
		screen.close();
		screen.inkStdout.write('c\nd');
		timers.advance(1000);
		terminal.emit('resize');
		expect(terminal.writes).toHaveLength(2);
	});

	it('takes the frame out of Ink\'s repaint: its erases, moves and clears before, its newline after', () => {
		expect(inkFrame('a\nb\n')).toBe('a\nb');
		expect(inkFrame('\u001B[2K\u001B[1A\u001B[2K\u001B[G\u001B[1ma\u001B[22m\nb\n')).toBe('\u001B[1ma\u001B[22m\nb');
		expect(inkFrame('\u001B[2J\u001B[3J\u001B[Ha\nb')).toBe('a\nb');
		expect(inkFrame('\u001B[2K\u001B[1A\u001B[2K\u001B[G')).toBe('');
		const terminal = fakeTerminal(20, 4);
		const screen = createFrameScreen({stdout: terminal as unknown as NodeJS.WriteStream, ascii: false, timers: manualTimers()});
		screen.inkStdout.write('\u001B[2K\u001B[G');
		expect(terminal.writes).toEqual([]);
		screen.inkStdout.write('\u001B[2K\u001B[Gone\ntwo\n');
		expect(terminal.screen.lines()).toEqual(['one', 'two', '', '']);
	});

	it('writes ASCII only for an ASCII terminal, every cell where it was', () => {
		const terminal = fakeTerminal(30, 3);
		const screen = createFrameScreen({stdout: terminal as unknown as NodeJS.WriteStream, ascii: true, timers: manualTimers()});
		screen.inkStdout.write('├─ a… b — c’s │ end\n\u001B[7m› x\u001B[27m');
		expect(terminal.writes.join('')).toMatch(/^[\u0000-\u007f]*$/);
		expect(terminal.screen.lines()).toEqual(["|- a. b - c's | end", '> x', '']);
	});
});

describe('the TUI through runTui on a terminal', () => {
	it('writes nothing for a frame that changes nothing (a snapshot equal to the last)', async () => {
		const terminal = fakeTerminal(80, 24);
		const {stdin} = fakeKeyboard();
		const snapshot = seededSnapshot();
		const source = fakeFleetSource({initial: snapshot, fastDiff: seededFastDiff, history: {status: 'ready', commits: [], deployed: {}}});
		const screen = createFrameScreen({stdout: terminal as unknown as NodeJS.WriteStream, ascii: false});
		let frames = 0;
		const write = screen.inkStdout.write.bind(screen.inkStdout);
		screen.inkStdout.write = ((chunk: string, ...rest: never[]) => {
			frames++;
			return write(chunk, ...rest);
		}) as typeof write;
		// As runTui renders (run-tui.tsx), with the frames counted on their way to the frame screen.
		const instance = render(<App source={source} readOnly={false} columns={80} rows={24} />, {stdout: screen.inkStdout, stdin, exitOnCtrlC: false, patchConsole: false, maxFps: 10});
		try {
			await waitFor(() => terminal.screen.lines().some(line => line.startsWith('› billing')), {describe: () => terminal.screen.lines().join('\n')});
			screen.flush();
			const written = terminal.writes.length;
			const seen = frames;
			source.push({...snapshot});
			await waitFor(() => frames > seen, {describe: () => 'Ink to render the new snapshot'});
			screen.flush();
			expect(terminal.writes.slice(written)).toEqual([]);
		} finally {
			screen.close();
			instance.unmount();
		}
	});

	it('writes only the changed rows for a one-row change, and gives the terminal back on quit', async () => {
		const terminal = fakeTerminal(80, 24);
		const {stdin, press} = fakeKeyboard();
		const snapshot = seededSnapshot();
		const source = fakeFleetSource({initial: snapshot, fastDiff: seededFastDiff, history: {status: 'ready', commits: [], deployed: {}}});
		const log = {file: '/dev/null', info() {}, error() {}};
		const stderr = fakeTerminal(80, 24);
		const exited = runTui({source, readOnly: false, ascii: false, env: {LANG: 'C.UTF-8', TERM: 'xterm-256color'}, log, stdout: terminal as unknown as NodeJS.WriteStream, stdin, stderr: stderr as unknown as NodeJS.WriteStream});
		const screenText = () => terminal.screen.lines().join('\n');
		const selected = () => terminal.screen.lines().find(line => line.startsWith('›')) ?? '';
		await waitFor(() => selected().includes('billing'), {describe: () => `billing selected on:\n${screenText()}`});
		// The keyboard is live once the list moves; then back to the first row and a quiet screen.
		await waitFor(() => {
			press('G');
			return !selected().includes('billing');
		}, {describe: () => `keys to reach the TUI:\n${screenText()}`});
		press('g');
		await waitFor(() => selected().includes('billing'), {describe: () => `back on billing:\n${screenText()}`});
		const before = terminal.screen.lines();

		const from = terminal.writes.length;
		press('j');
		await waitFor(() => !selected().includes('billing'), {describe: () => `the cursor to move:\n${screenText()}`});
		const after = terminal.screen.lines();
		const bytes = terminal.writes.slice(from).join('');
		const changedRows = after.filter((line, index) => line !== before[index]).length;
		expect(changedRows).toBeGreaterThanOrEqual(2);
		expect(Buffer.byteLength(bytes)).toBeLessThanOrEqual(1024);
		// One move per changed row, none for the rows that stayed.
		expect(bytes.match(/\u001B\[\d+(?:;\d+)?H/g)).toHaveLength(changedRows);
		expect(bytes).not.toContain('\u001B[2J');

		press('q');
		expect(await exited).toBe(0);
		expect(terminal.writes.at(-1)).toContain('\u001B[?1049l');
	});

	it('paints a key\'s frame at once while background frames wait for a clock that never moves', async () => {
		const terminal = fakeTerminal(80, 24);
		const {stdin, press} = fakeKeyboard();
		const snapshot = seededSnapshot();
		const source = fakeFleetSource({initial: snapshot, fastDiff: seededFastDiff, history: {status: 'ready', commits: [], deployed: {}}});
		const log = {file: '/dev/null', info() {}, error() {}};
		const stderr = fakeTerminal(80, 24);
		// The frame screen's clock stands still and its timers never fire: only a frame painted at once reaches the
		// terminal, and only keys (not the snapshot) may paint at once after the first frame.
		// Until the first frame is up the clock runs (a second per reading), then stands still but where moved by hand.
		let clock = 0;
		let running = true;
		const frozen: FrameScreenTimers = {now: () => (running ? (clock += 1000) : clock), setTimeout: () => ({}), clearTimeout() {}};
		const exited = runTui({source, readOnly: false, ascii: false, env: {LANG: 'C.UTF-8', TERM: 'xterm-256color'}, log, stdout: terminal as unknown as NodeJS.WriteStream, stdin, stderr: stderr as unknown as NodeJS.WriteStream, frameTimers: frozen});
		const screenText = () => terminal.screen.lines().join('\n');
		const selected = () => terminal.screen.lines().find(line => line.startsWith('›')) ?? '';
		await waitFor(() => selected().includes('billing'), {describe: () => `the first frame:\n${screenText()}`});
		running = false;
		// 10 ms after the last paint, a key: painted at once (a background frame would wait for a timer that never fires).
		const base = clock;
		clock = base + 10;
		const pressUntilMoved = async (what: string) => {
			const from = selected();
			await waitFor(() => {
				if (selected() === from) press('j');
				return selected() !== from;
			}, {describe: () => `${what}:\n${screenText()}`});
		};
		await pressUntilMoved('the key to be painted at once');
		// A background change well after: painted (its interval has passed).
		clock = base + 200;
		const app = snapshot.apps[0]!;
		source.push({...snapshot, apps: [{...app, name: 'renamed'}, ...snapshot.apps.slice(1)]});
		await waitFor(() => screenText().includes('renamed'), {describe: () => `the new snapshot:\n${screenText()}`});
		// And 10 ms after that background paint, another key: at once again.
		clock = base + 210;
		await pressUntilMoved('the second key to be painted at once');
		press('q');
		expect(await exited).toBe(0);
	});
});
