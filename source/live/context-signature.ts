/**
 * A context's readability as the evaluation sees it, as one string: whether the connection failed, and for each
 * watched kind whether it is listed, still listing or refused (and why), and which kinds discovery said are
 * namespaced where the built-in table says otherwise. When it differs from the last run, every app on the context is judged again (a kind that finished
 * listing, a context that went away); a watch reconnecting or a bookmark changes none of it.
 */
import type {LiveStore} from '../cluster/live-store.js';
import {kindId} from '../cluster/live-store.js';
import type {KindRef} from '../cluster/discovery.js';
import type {ContextFailure, LiveView} from '../engines/live-view.js';
import {isNamespacedKind} from '../repo/render/index.js';

export function contextSignature(options: {
	context: string;
	store: LiveStore;
	failures: ReadonlyMap<string, ContextFailure>;
	/** Namespacedness learnt from discovery, by `context/group/kind`. */
	namespaced: ReadonlyMap<string, boolean>;
	/** Kinds listed rather than watched: those that cannot be read count (a readable one adds nothing). */
	listed?: LiveView & {listedKinds(context: string): KindRef[]};
}): string {
	const {context, store} = options;
	const failure = options.failures.get(context);
	if (failure) return `failed:${failure.message}`;
	const connection = store.connection(context);
	const parts = [connection && ['unreachable', 'timed-out', 'unauthorized'].includes(connection.phase) ? `down:${connection.phase}:${connection.error?.message ?? ''}` : 'up'];
	for (const resource of store.resources(context)) {
		const error = resource.status.error;
		parts.push(`${kindId(resource.kind)}=${resource.state.synced ? 'listed' : error ? `${error.kind}:${error.message}` : 'listing'}`);
	}
	for (const ref of options.listed?.listedKinds(context) ?? []) {
		const state = options.listed!.kind(context, ref.group, ref.kind);
		if (state && !state.ok) parts.push(`${kindId(ref)}=${state.kind}:${state.message}`);
	}
	// Only what differs from the built-in table changes an answer (learning that ConfigMaps are namespaced does not).
	for (const [key, value] of options.namespaced) {
		if (!key.startsWith(`${context}/`)) continue;
		const [group = '', kind = ''] = key.slice(context.length + 1).split('/');
		if (isNamespacedKind(group, kind) !== value) parts.push(`${key}:${value}`);
	}
	return parts.join('\n');
}
