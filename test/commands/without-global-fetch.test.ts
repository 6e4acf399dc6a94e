/** The TUI's modules load with the global fetch hidden, and it is put back exactly as it was, also after a failure. */
import {describe, expect, it} from 'vitest';
import {withoutGlobalFetch} from '../../source/commands/without-global-fetch.js';

describe('withoutGlobalFetch', () => {
	it('hides fetch while the module loads and puts the very same property back', async () => {
		const before = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
		const seen = await withoutGlobalFetch(async () => typeof (globalThis as {fetch?: unknown}).fetch);
		expect(seen).toBe('undefined');
		expect(Object.getOwnPropertyDescriptor(globalThis, 'fetch')).toEqual(before);
		expect(typeof fetch).toBe('function');
	});

	it('puts it back when the load fails', async () => {
		const before = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
		await expect(withoutGlobalFetch(async () => Promise.reject(new Error('no such module')))).rejects.toThrow('no such module');
		expect(Object.getOwnPropertyDescriptor(globalThis, 'fetch')).toEqual(before);
	});
});
