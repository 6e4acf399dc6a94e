import type {AppRevision, AppStatus, AppSync, AutoSync, Engine} from './app.js';
import {worstHealth, type HealthStatus} from './health/health.js';
import type {PairingResult} from './pairing.js';
import {compareResourceKeys} from './resource-key.js';
import {isOutOfSync, type ResourceResult} from './verdict.js';

/** Everything an app row is made of; the engines and the repo edge supply the parts that are not verdicts. */
export type AggregateInput = {
	name: string;
	engine: Engine;
	context: string;
	namespace: string;
	/** How the desired side fared, from pairing. */
	desired: Pick<PairingResult, 'desiredState' | 'message'>;
	resources: readonly ResourceResult[];
	controllerSync: AppSync;
	revision: AppRevision;
	autoSync: AutoSync;
	error?: string;
};

/**
 * Our sync verdict for an app: Unknown when the desired side failed or rendered nothing (we cannot know, and an
 * empty render is never "in sync with nothing"); OutOfSync when any counted resource is Drifted, Missing or Extra;
 * Unknown when any is Unknown; else Synced. Resources a whole-object ignore covers do not count.
 */
export function appSync(desired: AggregateInput['desired'], resources: readonly ResourceResult[]): AppSync {
	if (desired.desiredState !== 'ok') return 'Unknown';
	const counted = resources.filter(resource => !resource.ignore);
	if (counted.some(resource => isOutOfSync(resource.verdict))) return 'OutOfSync';
	if (counted.some(resource => resource.verdict === 'Unknown')) return 'Unknown';
	return 'Synced';
}

/**
 * App health the way Argo CD's controller computes it (argo-cd `controller/health.go` setApplicationHealth), for
 * every engine: the worst health of its live objects in the order Healthy < Suspended < Progressing < Missing <
 * Degraded < Unknown; objects without a health rule, whole-object ignores and live objects annotated
 * `argocd.argoproj.io/ignore-healthcheck: "true"` do not count; a Missing object does not lower the app (OutOfSync
 * already says it), nor does a child Argo CD Application that is Missing or Unknown; but an app with objects none
 * of which exist live is Missing. Flux has no app-health aggregate of its own beyond Ready, so Flux and plain apps
 * follow the same rule.
 */
export function appHealth(resources: readonly ResourceResult[]): HealthStatus {
	const counted = resources.filter(resource => !resource.ignore);
	const statuses: HealthStatus[] = [];
	for (const resource of counted) {
		if (resource.verdict === 'Missing' || !resource.health) continue;
		if (resource.live?.metadata?.annotations?.['argocd.argoproj.io/ignore-healthcheck'] === 'true') continue;
		const childApp = resource.key.group === 'argoproj.io' && resource.key.kind === 'Application';
		if (childApp && (resource.health.status === 'Missing' || resource.health.status === 'Unknown')) continue;
		statuses.push(resource.health.status);
	}

	let status = worstHealth(statuses);
	if (counted.length > 0 && counted.every(resource => !resource.live) && worstHealth([status, 'Missing']) === 'Missing') {
		status = 'Missing';
	}

	return status;
}

/** Builds one app's status: sync and health from the verdicts, the rest passed through, resources sorted. */
export function aggregateApp(input: AggregateInput): AppStatus {
	const resources = [...input.resources].sort((a, b) => compareResourceKeys(a.key, b.key));
	const app: AppStatus = {
		name: input.name,
		engine: input.engine,
		context: input.context,
		namespace: input.namespace,
		sync: appSync(input.desired, resources),
		controllerSync: input.controllerSync,
		health: appHealth(resources),
		revision: {...input.revision},
		autoSync: {...input.autoSync},
		resources,
	};
	const error = input.error ?? (input.desired.desiredState === 'ok' ? undefined : input.desired.message);
	if (error) app.error = error;
	return app;
}
