import type {KubeObject} from '../kube-object.js';
import {statusOf} from './conditions.js';
import {health, healthOrder, type Health, type HealthStatus} from './health.js';

/** An Argo CD Application reports its own health in `status.health`; without it, Unknown. */
export function argoApplicationHealth(object: KubeObject): Health {
	const reported = statusOf(object).health;
	const status = reported?.status as HealthStatus | undefined;
	if (status && healthOrder.includes(status)) return health(status, reported.message);
	return health('Unknown', 'the application reports no health yet');
}
