import type {HealthStatus} from './health/health.js';
import type {ResourceResult} from './verdict.js';

/** Which engine deploys an app. */
export type Engine = 'flux' | 'argo' | 'plain';

/** An app's sync state, ours or its controller's. */
export type AppSync = 'Synced' | 'OutOfSync' | 'Unknown';

/** Deployed revision vs the repo's HEAD; `behind` counts commits touching the app's path in between. */
export type AppRevision = {deployed?: string; head?: string; behind?: number};

/** Auto-sync state: on, or paused by someone, for a reason, since and maybe until a time. */
export type AutoSync = {
	enabled: boolean;
	pausedBy?: string;
	reason?: string;
	since?: string;
	until?: string;
	/** Why a plain app's pause flag could not be read (`pause flag unreadable: forbidden to list configmaps in NS`). */
	unreadable?: string;
};

/**
 * One app as `status -o json` reports it (PRODUCT.md, "Contracts"), with the judged resources kept whole so
 * trees and diffs can use them; `toStatusJson` produces the contract's flat form.
 */
export type AppStatus = {
	name: string;
	engine: Engine;
	context: string;
	namespace: string;
	sync: AppSync;
	controllerSync: AppSync;
	health: HealthStatus;
	revision: AppRevision;
	autoSync: AutoSync;
	error?: string;
	resources: ResourceResult[];
};

/** A resource entry of the `status -o json` contract. */
export type StatusJsonResource = {
	group: string;
	version: string;
	kind: string;
	namespace: string;
	name: string;
	verdict: ResourceResult['verdict'];
	health?: HealthStatus;
	/** `note` says what the controller does about the field (e.g. Flux removes what kubectl added). */
	fields: Array<{path: string; manager?: string; note?: string}>;
	error?: string;
};

/** An app entry of the `status -o json` contract: no objects, ignored fields left out. */
export type StatusJsonApp = Omit<AppStatus, 'resources'> & {resources: StatusJsonResource[]};

/** The contract's flat form of one app; never contains object bodies, so no Secret value can leak through it. */
export function toStatusJson(app: AppStatus): StatusJsonApp {
	const {resources, ...rest} = app;
	return {
		...rest,
		resources: resources.map(resource => {
			const entry: StatusJsonResource = {
				...resource.key,
				verdict: resource.verdict,
				fields: resource.fields
					.filter(field => !field.ignored)
					.map(field => ({path: field.path, ...(field.manager ? {manager: field.manager} : {}), ...(field.note ? {note: field.note} : {})})),
			};
			if (resource.health) entry.health = resource.health.status;
			if (resource.error) entry.error = resource.error;
			return entry;
		}),
	};
}
