/**
 * An output stream held back while a full-screen session owns the terminal. What a command writes to stderr while
 * the splash or the TUI is on the alternate screen would land there and vanish when the screen is left (a warning
 * about the user settings, the demo's "in another terminal…" line, a session's fatal error); held, it is written
 * once the terminal is back, where it stays readable, in the order it was written.
 */
import {Writable} from 'node:stream';

export type HeldOutput = {
	/** The stream to write to: held until `release`, then passed straight through. */
	stream: NodeJS.WritableStream;
	/** Writes what was held to the target, and from then on every write at once; acts once. */
	release(): void;
};

export function holdOutput(target: NodeJS.WritableStream): HeldOutput {
	let held: Array<string | Uint8Array> | undefined = [];
	const stream = new Writable({
		// Strings stay strings: the target decodes them as it always did.
		decodeStrings: false,
		write(chunk: string | Uint8Array, _encoding, callback) {
			if (held) held.push(chunk);
			else target.write(chunk);
			callback();
		},
	});
	return {
		stream,
		release() {
			if (!held) return;
			const chunks = held;
			held = undefined;
			for (const chunk of chunks) target.write(chunk);
		},
	};
}
