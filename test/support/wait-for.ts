/**
 * Waits for a condition instead of sleeping a fixed time: polls until it holds or the deadline
 * passes, then fails with a description of what never happened.
 */
export async function waitFor(
	condition: () => boolean | Promise<boolean>,
	options: {timeoutMs?: number; intervalMs?: number; describe?: () => string} = {},
): Promise<void> {
	const {timeoutMs = 10_000, intervalMs = 25} = options;
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (await condition()) return;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${options.describe?.() ?? 'a condition'}`);
		await new Promise(resolve => setTimeout(resolve, intervalMs));
	}
}
