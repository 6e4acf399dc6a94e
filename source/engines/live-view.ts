/**
 * Live state as one evaluation reads it: the objects of each kind on each context, or why they cannot be read.
 * The one-shot commands fill it by listing (live-snapshot.ts); the TUI can answer it from its watch store.
 */
import type {ClusterFailureKind} from '../cluster/failure.js';
import type {LiveObject} from '../domain/watch-types.js';

/** One kind on one context: its objects and whether the kind is namespaced, or why it cannot be read. */
export type KindState =
	| {ok: true; objects: readonly LiveObject[]; namespaced: boolean}
	| {ok: false; kind: ClusterFailureKind | 'not-served'; message: string};

/** Why a whole context cannot be read. */
export type ContextFailure = {kind: string; message: string};

/** What the pipeline reads live state through. */
export type LiveView = {
	/** A kind's state on a context (`group` '' for core); undefined when it was never read. */
	kind(context: string, group: string, kind: string): KindState | undefined;
	/** Set when the context is unreachable (refused, timed out, unauthorized, bad kubeconfig entry). */
	contextFailure(context: string): ContextFailure | undefined;
};

/** Failure kinds that mean the context as a whole is unusable, not just one kind. */
export function isConnectionFailure(kind: string): boolean {
	return kind === 'unreachable' || kind === 'timeout' || kind === 'unauthorized' || kind === 'credentials' || kind === 'kubeconfig';
}

/** Why a kind could not be read, when it could not (discovery's `kindFailure`). */
export function kindFailureOf(state: KindState | undefined): {kind: string; message: string} | undefined {
	return state && !state.ok ? {kind: state.kind, message: state.message} : undefined;
}
