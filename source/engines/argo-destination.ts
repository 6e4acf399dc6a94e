/**
 * Maps an Argo CD Application's `spec.destination` to a kubeconfig context: by server URL (the same cluster
 * under one spelling), `https://kubernetes.default.svc` and the cluster name `in-cluster` meaning the cluster
 * Argo CD itself runs in (the context the Application was read from), and a destination name matched to a
 * context of that name (`argocd cluster add CONTEXT` names the cluster after the context).
 */
import type {ContextInfo} from './context-info.js';

/** Argo CD's name for the cluster it runs in. */
export const inClusterServer = 'https://kubernetes.default.svc';

export type DestinationResult = {ok: true; context: string} | {ok: false; message: string};

/** The context an Application's objects live on, among the selected contexts. */
export function destinationContext(
	destination: {server?: unknown; name?: unknown} | undefined,
	applicationContext: string,
	contexts: readonly ContextInfo[],
): DestinationResult {
	const server = typeof destination?.server === 'string' ? destination.server.trim() : '';
	const name = typeof destination?.name === 'string' ? destination.name.trim() : '';
	if (server) {
		const wanted = normaliseServerUrl(server);
		if (wanted === normaliseServerUrl(inClusterServer)) return {ok: true, context: applicationContext};
		const matches = contexts.filter(context => context.server && normaliseServerUrl(context.server) === wanted);
		// The Application's own context first: a cluster managing itself by its public URL.
		const match = matches.find(context => context.name === applicationContext) ?? matches[0];
		if (match) return {ok: true, context: match.name};
		return {ok: false, message: `destination server ${server} is not the server of any selected context (select its context with --context or --all-contexts)`};
	}

	if (name) {
		if (name === 'in-cluster') return {ok: true, context: applicationContext};
		const match = contexts.find(context => context.name === name);
		if (match) return {ok: true, context: match.name};
		return {ok: false, message: `destination cluster "${name}" is not a selected context name; gitops-tui maps Argo CD clusters to contexts by name or server URL`};
	}

	return {ok: false, message: 'spec.destination names neither a server nor a cluster name'};
}

/**
 * A server URL in a comparable form: scheme and host lower-cased, the default port dropped, no trailing slash
 * (`https://API.example.com:443/` = `https://api.example.com`).
 */
export function normaliseServerUrl(url: string): string {
	try {
		const parsed = new URL(url.trim());
		const port = parsed.port && !((parsed.protocol === 'https:' && parsed.port === '443') || (parsed.protocol === 'http:' && parsed.port === '80')) ? `:${parsed.port}` : '';
		const pathPart = parsed.pathname.replace(/\/+$/, '');
		return `${parsed.protocol}//${parsed.hostname.toLowerCase()}${port}${pathPart}`;
	} catch {
		return url.trim().replace(/\/+$/, '').toLowerCase();
	}
}
