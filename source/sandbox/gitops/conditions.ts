/**
 * Status conditions as Flux's runtime/conditions package keeps them: one per type, lastTransitionTime moved
 * only when the status flips, observedGeneration stamped on each.
 */

/** One metav1.Condition. */
export type Condition = {type: string; status: 'True' | 'False' | 'Unknown'; reason: string; message: string; observedGeneration?: number; lastTransitionTime: string};

/** The conditions with `type` set; the transition time is kept when the status did not change. */
export function setCondition(
	conditions: readonly Condition[],
	next: {type: string; status: Condition['status']; reason: string; message: string},
	options: {time: string; generation: number},
): Condition[] {
	const previous = conditions.find(condition => condition.type === next.type);
	const lastTransitionTime = previous && previous.status === next.status ? previous.lastTransitionTime : options.time;
	const condition: Condition = {...next, observedGeneration: options.generation, lastTransitionTime};
	const others = conditions.filter(existing => existing.type !== next.type);
	// Ready first, as Flux orders them (kstatus reads Ready and Reconciling first).
	return next.type === 'Ready' ? [condition, ...others] : [...others, condition];
}

/** The conditions without the given types. */
export function removeConditions(conditions: readonly Condition[], ...types: string[]): Condition[] {
	return conditions.filter(condition => !types.includes(condition.type));
}

/** The conditions of a status object (empty when none). */
export function conditionsIn(status: unknown): Condition[] {
	const list = (status as {conditions?: unknown} | undefined)?.conditions;
	return Array.isArray(list) ? (list as Condition[]) : [];
}
