/**
 * What the engines and the pipeline know about a selected kubeconfig context: its name and server (Argo CD
 * destinations are mapped by server URL), its default namespace, and whether it could be reached.
 */

/** One selected context. */
export type ContextInfo = {
	name: string;
	/** The API server URL from the kubeconfig; undefined when the context could not be resolved. */
	server?: string;
	/** The context's namespace (`default` when it names none, as kubectl). */
	namespace: string;
	/** True for the kubeconfig's current context. */
	current: boolean;
	/** False once a request failed at the connection level (refused, timed out, unauthorized...). */
	reachable: boolean;
	error?: string;
};
