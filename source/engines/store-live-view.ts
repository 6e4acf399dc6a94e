/**
 * The TUI's watch store as the pipeline's LiveView: the same stages (prepareApp, judgePrepared) judge apps from
 * list+watch state as the one-shot commands judge them from a listing. A kind not listed yet reads as "not
 * read"; a context whose connection is down (unreachable, timed out, unauthorized) fails as a whole.
 */
import type {LiveStore} from '../cluster/live-store.js';
import {isNamespacedKind} from '../repo/render/index.js';
import type {ContextFailure, KindState, LiveView} from './live-view.js';

/**
 * A LiveView over a running live store; `isNamespaced` answers for kinds on a context (from its discovery,
 * say), the built-in table where it does not know.
 */
export function liveViewFromStore(store: LiveStore, options: {isNamespaced?: (context: string, group: string, kind: string) => boolean | undefined} = {}): LiveView {
	const namespaced = (context: string, group: string, kind: string) => options.isNamespaced?.(context, group, kind) ?? isNamespacedKind(group, kind);
	return {
		kind(context, group, kind): KindState | undefined {
			const resource = store.resources(context).find(candidate => candidate.kind.group === group && candidate.kind.kind === kind);
			if (!resource) return undefined;
			if (resource.state.synced) return {ok: true, objects: [...resource.state.objects.values()], namespaced: namespaced(context, group, kind)};
			const error = resource.status.error;
			if (!error) return undefined;
			return error.kind === 'not-found'
				? {ok: false, kind: 'not-served', message: `${kind} is not served by context ${context}`}
				: {ok: false, kind: error.kind, message: error.message};
		},
		contextFailure(context): ContextFailure | undefined {
			const connection = store.connection(context);
			if (!connection || !['unreachable', 'timed-out', 'unauthorized'].includes(connection.phase)) return undefined;
			return {kind: connection.phase, message: connection.error?.message ?? connection.phase};
		},
	};
}
