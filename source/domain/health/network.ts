import type {KubeObject} from '../kube-object.js';
import {specOf, statusOf} from './conditions.js';
import {health, type Health} from './health.js';

/** Service: a LoadBalancer is Progressing until it has an ingress IP or hostname; other types are Healthy. */
export function serviceHealth(object: KubeObject): Health {
	if (specOf(object).type !== 'LoadBalancer') return health('Healthy');
	return hasLoadBalancerIngress(object) ? health('Healthy') : health('Progressing', 'Waiting for the load balancer address');
}

/** Ingress: Progressing until the controller publishes an address in status.loadBalancer.ingress. */
export function ingressHealth(object: KubeObject): Health {
	return hasLoadBalancerIngress(object) ? health('Healthy') : health('Progressing', 'Waiting for the ingress address');
}

function hasLoadBalancerIngress(object: KubeObject): boolean {
	const ingress = statusOf(object).loadBalancer?.ingress;
	return Array.isArray(ingress) && ingress.some(entry => Boolean(entry?.ip || entry?.hostname));
}
