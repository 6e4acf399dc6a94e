/**
 * Picks the contexts a session works with (`--context`, repeatable; `--all-contexts`; else the current
 * one) and resolves each to its cluster and user entries.
 */
import {failed, succeeded, type ClusterResult} from './failure.js';
import type {Kubeconfig, KubeconfigCluster, KubeconfigUser} from './kubeconfig-types.js';

/** A context with everything needed to talk to it. */
export type ResolvedContext = {
	name: string;
	/** True for the kubeconfig's current-context. */
	current: boolean;
	/** The context's namespace, `default` when it names none (as kubectl). */
	namespace: string;
	cluster: KubeconfigCluster;
	/** An anonymous user (no credentials) when the context names none. */
	user: KubeconfigUser;
};

/** One selected context: resolved, or why it cannot be (a dangling cluster or user reference). */
export type ContextSelection = {name: string; resolved: ClusterResult<ResolvedContext>};

/** What the flags asked for. */
export type ContextRequest = {contexts?: string[]; allContexts?: boolean};

/**
 * The selected contexts in a stable order: as asked with `--context`, or as the kubeconfig lists them.
 * Fails as a whole only when nothing can be selected (unknown name, no current context).
 */
export function selectContexts(kubeconfig: Kubeconfig, request: ContextRequest): ClusterResult<ContextSelection[]> {
	let names: string[];
	if (request.allContexts) {
		names = [...kubeconfig.contexts.keys()];
		if (names.length === 0) return failed('kubeconfig', `no contexts in ${describeFiles(kubeconfig)}`, fileOf(kubeconfig));
	} else if (request.contexts && request.contexts.length > 0) {
		names = [...new Set(request.contexts)];
		const unknown = names.filter(name => !kubeconfig.contexts.has(name));
		if (unknown.length > 0) {
			return failed('kubeconfig', `context ${unknown.map(name => `"${name}"`).join(', ')} not found in ${describeFiles(kubeconfig)}`, fileOf(kubeconfig));
		}
	} else {
		const current = kubeconfig.currentContext;
		if (!current) return failed('kubeconfig', `no current-context in ${describeFiles(kubeconfig)}: pass --context or --all-contexts`, fileOf(kubeconfig));
		if (!kubeconfig.contexts.has(current.name)) {
			return failed('kubeconfig', `current-context "${current.name}" (set in ${current.file}) is not defined in ${describeFiles(kubeconfig)}`, {file: current.file});
		}

		names = [current.name];
	}

	return succeeded(names.map(name => ({name, resolved: resolveContext(kubeconfig, name)})));
}

/** Resolves one context's references; the failure names the file that holds the dangling reference. */
export function resolveContext(kubeconfig: Kubeconfig, name: string): ClusterResult<ResolvedContext> {
	const context = kubeconfig.contexts.get(name);
	if (!context) return failed('kubeconfig', `context "${name}" not found in ${describeFiles(kubeconfig)}`, fileOf(kubeconfig));
	const cluster = kubeconfig.clusters.get(context.cluster);
	if (!cluster) {
		return failed('kubeconfig', `context "${name}" (in ${context.file}) refers to cluster "${context.cluster}", which no kubeconfig file defines`, {file: context.file});
	}

	let user: KubeconfigUser | undefined = {name: '', file: context.file};
	if (context.user) {
		user = kubeconfig.users.get(context.user);
		if (!user) {
			return failed('kubeconfig', `context "${name}" (in ${context.file}) refers to user "${context.user}", which no kubeconfig file defines`, {file: context.file});
		}
	}

	return succeeded({
		name,
		current: kubeconfig.currentContext?.name === name,
		namespace: context.namespace ?? 'default',
		cluster,
		user,
	});
}

function describeFiles(kubeconfig: Kubeconfig): string {
	return kubeconfig.files.length === 1 ? kubeconfig.files[0]! : `the kubeconfig files ${kubeconfig.files.join(', ')}`;
}

function fileOf(kubeconfig: Kubeconfig): {file?: string} {
	return kubeconfig.files.length === 1 ? {file: kubeconfig.files[0]} : {};
}
