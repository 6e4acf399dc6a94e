import type {KubeObject} from '../kube-object.js';
import {conditionOf, count, specOf, statusOf} from './conditions.js';
import {health, type Health} from './health.js';

/** True for any Flux toolkit object (Kustomization, GitRepository, HelmRelease, HelmRepository, OCIRepository...). */
export function isFluxObject(group: string): boolean {
	return group.endsWith('.toolkit.fluxcd.io');
}

/**
 * Flux objects by kstatus conventions: suspended → Suspended; a generation not yet observed or `Reconciling` →
 * Progressing; `Stalled` → Degraded; then `Ready` True → Healthy, False → Degraded.
 */
export function fluxHealth(object: KubeObject): Health {
	if (specOf(object).suspend === true) return health('Suspended', 'reconciliation is suspended');
	const stalled = conditionOf(object, 'Stalled');
	if (stalled?.status === 'True') return health('Degraded', stalled.message || stalled.reason);
	const observed = statusOf(object).observedGeneration;
	if (typeof observed === 'number' && count(object.metadata.generation) > observed) {
		return health('Progressing', 'reconciliation in progress (generation not yet observed)');
	}

	const reconciling = conditionOf(object, 'Reconciling');
	if (reconciling?.status === 'True') return health('Progressing', reconciling.message || reconciling.reason);
	const ready = conditionOf(object, 'Ready');
	if (ready?.status === 'True') return health('Healthy', ready.message);
	if (ready?.status === 'False') return health('Degraded', ready.message || ready.reason);
	return health('Progressing', ready?.message || 'waiting for the controller to report');
}
