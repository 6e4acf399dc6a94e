import type {KubeObject} from '../kube-object.js';
import {health, type Health} from './health.js';

/** A status condition as most controllers write them. */
export type Condition = {type: string; status?: string; reason?: string; message?: string};

/** The object's `status.conditions` (an empty list when absent or malformed). */
export function conditionsOf(object: KubeObject): Condition[] {
	const conditions = statusOf(object).conditions;
	return Array.isArray(conditions)
		? conditions.filter((condition): condition is Condition => typeof condition?.type === 'string')
		: [];
}

/** The condition of a type, if the object has it. */
export function conditionOf(object: KubeObject, type: string): Condition | undefined {
	return conditionsOf(object).find(condition => condition.type === type);
}

/** True when the object has the condition with status "True". */
export function conditionIsTrue(object: KubeObject, type: string): boolean {
	return conditionOf(object, type)?.status === 'True';
}

/** Health from a `Ready` condition, for any kind without a rule of its own: undefined when there is none. */
export function readyConditionHealth(object: KubeObject): Health | undefined {
	const ready = conditionOf(object, 'Ready');
	if (!ready) return undefined;
	if (ready.status === 'True') return health('Healthy', ready.message);
	if (ready.status === 'False') return health('Degraded', ready.message || ready.reason);
	return health('Progressing', ready.message || ready.reason);
}

/** The object's status as a record (empty when absent). */
export function statusOf(object: KubeObject): Record<string, any> {
	const status = object.status;
	return status && typeof status === 'object' ? (status as Record<string, any>) : {};
}

/** The object's spec as a record (empty when absent). */
export function specOf(object: KubeObject): Record<string, any> {
	const spec = object.spec;
	return spec && typeof spec === 'object' ? (spec as Record<string, any>) : {};
}

/** A non-negative count from a status field (absent means 0, as the Go structs read it). */
export function count(value: unknown): number {
	return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}
