/** Health of an object or app, with the words Argo CD and operators use. */
export type HealthStatus = 'Healthy' | 'Progressing' | 'Degraded' | 'Suspended' | 'Missing' | 'Unknown';

/** A health status and the reason for it (empty when there is nothing to say). */
export type Health = {status: HealthStatus; message?: string};

/**
 * From healthiest to worst, exactly as gitops-engine's `healthOrder`: Unknown is worst because an object we
 * cannot judge may be anything, and Missing ranks below Degraded.
 */
export const healthOrder: readonly HealthStatus[] = ['Healthy', 'Suspended', 'Progressing', 'Missing', 'Degraded', 'Unknown'];

/** True when `candidate` is worse than `current`. */
export function isWorseHealth(current: HealthStatus, candidate: HealthStatus): boolean {
	return healthOrder.indexOf(candidate) > healthOrder.indexOf(current);
}

/** The worst of several health statuses; Healthy for none. */
export function worstHealth(statuses: Iterable<HealthStatus>): HealthStatus {
	let worst: HealthStatus = 'Healthy';
	for (const status of statuses) {
		if (isWorseHealth(worst, status)) worst = status;
	}

	return worst;
}

/** Shorthand for building a Health value without an empty message. */
export function health(status: HealthStatus, message?: string): Health {
	return message ? {status, message} : {status};
}
