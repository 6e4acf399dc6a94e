import type {KubeObject} from '../kube-object.js';
import {conditionsOf, type Condition} from './conditions.js';
import {health, type Health} from './health.js';

const degraded = new Set([
	'AbleToScale/FailedGetScale',
	'AbleToScale/FailedUpdateScale',
	'ScalingActive/FailedGetResourceMetric',
	'ScalingActive/InvalidSelector',
]);
const healthy = new Set([
	'AbleToScale/SucceededRescale',
	'ScalingLimited/DesiredWithinRange',
	'ScalingLimited/TooFewReplicas',
	'ScalingLimited/TooManyReplicas',
]);

/**
 * HorizontalPodAutoscaler by its conditions (autoscaling/v2, or the v1 conditions annotation): known failure
 * reasons → Degraded, known steady reasons → Healthy, else Progressing ("Waiting to Autoscale").
 */
export function hpaHealth(object: KubeObject): Health {
	const conditions = hpaConditions(object);
	if (!conditions) return health('Unknown', 'malformed autoscaling.alpha.kubernetes.io/conditions annotation');
	for (const condition of conditions) {
		const id = `${condition.type}/${condition.reason ?? ''}`;
		if (degraded.has(id)) return health('Degraded', condition.message);
		if (healthy.has(id)) return health('Healthy', condition.message);
	}

	return health('Progressing', 'Waiting to Autoscale');
}

function hpaConditions(object: KubeObject): Condition[] | undefined {
	const fromStatus = conditionsOf(object);
	if (fromStatus.length > 0) return fromStatus;
	const annotation = object.metadata.annotations?.['autoscaling.alpha.kubernetes.io/conditions'];
	if (!annotation) return [];
	try {
		const parsed: unknown = JSON.parse(annotation);
		return Array.isArray(parsed) ? (parsed as Condition[]) : undefined;
	} catch {
		return undefined;
	}
}
