/**
 * Loads a module with the global `fetch` hidden. Ink's layout engine (yoga-layout, an Emscripten build with its
 * WebAssembly inlined as a data: URL) fetches that URL when `fetch` is a function; on Node 20 merely reading the
 * global loads undici (its lazy getter), and fetching the data: URL through it decodes the module again: about
 * 80 ms of CPU before the TUI's first frame (a CPU profile of the start). Without `fetch` the loader decodes the
 * inlined bytes itself. Nothing else in the bundle reads the global `fetch` (client-node brings node-fetch), and
 * the global is put back, untouched (its getter never ran), once the module has loaded.
 */
export async function withoutGlobalFetch<T>(load: () => Promise<T>): Promise<T> {
	const saved = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
	if (!saved?.configurable) return load();
	Object.defineProperty(globalThis, 'fetch', {value: undefined, configurable: true, writable: true});
	try {
		return await load();
	} finally {
		Object.defineProperty(globalThis, 'fetch', saved);
	}
}
