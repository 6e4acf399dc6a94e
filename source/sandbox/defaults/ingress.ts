/**
 * Ingress (networking.k8s.io/v1): the server defaults nothing in the spec (pathType is required, not
 * defaulted, since v1); only the empty load-balancer status appears.
 */
import type {KubeObject} from '../../domain/kube-object.js';
import {ensure} from './fields.js';

/** Defaults an Ingress in place. */
export function defaultIngress(ingress: KubeObject): void {
	ensure(ensure(ingress, 'status'), 'loadBalancer');
}
