import type {KubeObject} from '../kube-object.js';
import {conditionsOf, specOf, statusOf} from './conditions.js';
import {health, type Health} from './health.js';

/** Job: Failed → Degraded, Complete → Healthy, suspended → Suspended, otherwise Progressing. */
export function jobHealth(object: KubeObject): Health {
	const conditions = conditionsOf(object).filter(condition => condition.status === undefined || condition.status === 'True');
	const failed = conditions.find(condition => condition.type === 'Failed');
	if (failed) return health('Degraded', failed.message || failed.reason);
	const complete = conditions.find(condition => condition.type === 'Complete');
	if (complete) return health('Healthy', complete.message);
	const suspended = conditions.find(condition => condition.type === 'Suspended');
	if (specOf(object).suspend === true || suspended) return health('Suspended', suspended?.message || 'Job is suspended');
	return health('Progressing');
}

/** CronJob: suspended → Suspended; otherwise Healthy (its Jobs carry their own health in the tree). */
export function cronJobHealth(object: KubeObject): Health {
	if (specOf(object).suspend === true) return health('Suspended', 'CronJob is suspended');
	const last = statusOf(object).lastScheduleTime;
	return health('Healthy', typeof last === 'string' ? `last scheduled at ${last}` : undefined);
}
