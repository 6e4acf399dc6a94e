/**
 * Frames Ink writes for a screen like the TUI's (a list with a moving cursor, colours, wide characters, rows
 * clipped by height, a line truncated at the edge; then frames whose every line is new, more lines than the caches
 * keep), one JSON line per frame on stdout: bundled with and without
 * scripts/ink-frame-caches.mjs by test/build/ink-frame-caches.test.ts, which compares the two.
 */
import {EventEmitter} from 'node:events';
import {Box, render, Text} from 'ink';

const frames: string[] = [];
const stdout = Object.assign(new EventEmitter(), {
	columns: 40,
	rows: 8,
	isTTY: false,
	write(chunk: string) {
		frames.push(chunk);
		return true;
	},
});

const names = ['web', 'api', 'ワーカー', 'billing', 'search-indexer-with-a-very-long-name-indeed', 'queue', 'cache', 'db', 'mail', 'auth'];

function List({cursor, drifted, tick = 0}: {cursor: number; drifted: number; tick?: number}) {
	return (
		<Box flexDirection="column" width={40} height={8}>
			<Text color="gray">NAME SYNC</Text>
			<Box flexDirection="column" flexGrow={1} overflowY="hidden">
				{names.map((name, index) => (
					<Box key={name} flexShrink={0}>
						<Text wrap="truncate-end" inverse={index === cursor}>
							<Text>{index === cursor ? '› ' : '  '}</Text>
							<Text bold={index === 0}>{name.padEnd(12)} </Text>
							<Text color={index === drifted ? 'yellow' : 'green'}>{index === drifted ? '≠ OutOfSync' : '✓ Synced'} 🚀 {tick ? `t${tick}` : 'end-of-row-text'}</Text>
						</Text>
					</Box>
				))}
			</Box>
			<Text color="cyan">j/k move</Text>
		</Box>
	);
}

const instance = render(<List cursor={0} drifted={-1} />, {stdout: stdout as unknown as NodeJS.WriteStream, debug: true, patchConsole: false, exitOnCtrlC: false});
for (let step = 1; step < 30; step++) instance.rerender(<List cursor={step % 7} drifted={step % 5 === 0 ? step % 10 : -1} />);
// Then every row new in every frame, past the caches' bound (they are dropped and filled again).
for (let tick = 1; tick <= 120; tick++) instance.rerender(<List cursor={tick % 7} drifted={-1} tick={tick} />);
instance.unmount();
for (const frame of frames) process.stdout.write(`${JSON.stringify(frame)}\n`);
