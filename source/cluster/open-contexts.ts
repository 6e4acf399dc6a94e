/**
 * From flags to clients: load the kubeconfig, select the contexts, build a client for each. A context that
 * cannot be built (dangling reference, unreadable CA file) is kept as a failure beside the others.
 */
import {createContextClient, type ClientOptions, type ContextClient} from './context-client.js';
import {selectContexts, type ContextRequest} from './context-selection.js';
import type {ClusterResult} from './failure.js';
import {loadKubeconfig, type KubeconfigSources} from './kubeconfig-load.js';
import type {Kubeconfig} from './kubeconfig-types.js';

/** One selected context: its client, or why there is none. */
export type OpenedContext = {name: string; client: ClusterResult<ContextClient>};

/** The kubeconfig and every selected context. */
export type OpenedContexts = {kubeconfig: Kubeconfig; contexts: OpenedContext[]; close(): void};

/** Loads, selects and connects (lazily: no request is sent until something asks). */
export async function openContexts(sources: Omit<KubeconfigSources, 'readFile'>, request: ContextRequest, options: ClientOptions): Promise<ClusterResult<OpenedContexts>> {
	const loaded = await loadKubeconfig({...sources, readFile: options.runtime.readFile});
	if (!loaded.ok) return loaded;
	const selected = selectContexts(loaded.value, request);
	if (!selected.ok) return selected;
	const contexts = await Promise.all(
		selected.value.map(async ({name, resolved}): Promise<OpenedContext> => ({
			name,
			client: resolved.ok ? await createContextClient(resolved.value, options) : resolved,
		})),
	);
	return {
		ok: true,
		value: {
			kubeconfig: loaded.value,
			contexts,
			close() {
				for (const context of contexts) if (context.client.ok) context.client.value.close();
			},
		},
	};
}
