/**
 * The status a built-in object starts with when created through the API (clients cannot create
 * status through the main resource). Kind-specific fields such as a Pod's phase and QoS class
 * or a Namespace's phase come from the defaults, which run right after.
 */
import type {KubeObject} from '../domain/kube-object.js';

/** The initial status, or undefined when the kind starts without one (custom resources). */
export function initialStatus(object: KubeObject, custom: boolean): unknown {
	if (custom) return undefined;
	if (object.apiVersion === 'v1' && object.kind === 'Service') return {loadBalancer: {}};
	return {};
}
