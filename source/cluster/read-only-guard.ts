/**
 * The read-only guard: in read-only mode the transport asks this before anything leaves the process.
 * Only reads and the two self-reviews (which the server evaluates and never stores) may pass.
 */
import type {ClusterFailure} from './failure.js';

/** POST endpoints that change nothing: the server answers a question about the caller and stores nothing. */
const selfReviewPaths = [
	/^\/apis\/authorization\.k8s\.io\/v1(beta1)?\/selfsubjectaccessreviews\/?$/,
	/^\/apis\/authentication\.k8s\.io\/v1(alpha1|beta1)?\/selfsubjectreviews\/?$/,
];

/** Undefined when the request may be sent in read-only mode; otherwise the failure to return instead. */
export function readOnlyRefusal(method: string, path: string): ClusterFailure | undefined {
	const verb = method.toUpperCase();
	// The path alone decides: query strings (dryRun=All included) never make a write pass. The patterns are
	// anchored and exact, so `..` segments cannot smuggle another target behind a self-review path.
	const pathOnly = path.split('?')[0]!;
	if (verb === 'GET') return undefined;
	if (verb === 'POST' && selfReviewPaths.some(pattern => pattern.test(pathOnly))) return undefined;
	return {
		kind: 'read-only',
		message: `read-only mode: refused ${verb} ${pathOnly} (only reads and self-reviews are sent)`,
	};
}
