/**
 * Judges a prepared app: pairing, the fast or exact comparison per object, ignore rules, attribution, health,
 * and the app row (our sync, the controller's, health, revision, auto-sync, error). Pure: the dry-run answers
 * come in as data.
 */
import {aggregateApp} from '../domain/app-aggregate.js';
import type {AppRevision, AppStatus} from '../domain/app.js';
import {judgeApp} from '../domain/app-verdicts.js';
import type {KubeObject} from '../domain/kube-object.js';
import {resourceId} from '../domain/resource-key.js';
import type {PreparedApp} from './prepare-app.js';

/** A dry-run answer per resource id (exact mode): the object as it would be, or why the server refused. */
export type DryRunResults = ReadonlyMap<string, {ok: true; object: KubeObject} | {ok: false; message: string}>;

/** What judging adds to a prepared app. */
export type JudgeInput = {
	dryRuns?: DryRunResults;
	revision: AppRevision;
};

/** The app's status. */
export function judgePrepared(prepared: PreparedApp, input: JudgeInput): AppStatus {
	const {app} = prepared;
	const errors: string[] = [];
	if (prepared.contextError) errors.push(prepared.contextError);
	else if (app.error) errors.push(app.error);
	const base = {
		name: app.name,
		engine: app.engine,
		context: app.context ?? app.controllerContext,
		namespace: app.namespace,
		controllerSync: app.controller.sync,
		revision: input.revision,
		autoSync: app.controller.autoSync,
	};
	if (prepared.contextError) {
		return {...base, sync: 'Unknown', health: 'Unknown', resources: [], error: joinErrors([...errors, ...sourceErrors(prepared)])};
	}

	const desiredState = prepared.desired.state.ok ? {...prepared.desired.state, objects: prepared.decorated} : prepared.desired.state;
	const {pairing, resources} = judgeApp({
		desired: desiredState,
		live: prepared.live,
		ownedLive: prepared.owned,
		defaultNamespace: app.defaultNamespace,
		isNamespaced: prepared.isNamespaced,
		unreadable: prepared.unreadable,
		ignoreRules: app.ignoreRules,
		fieldManager: app.fieldManager,
		...(app.apply ? {applyRules: app.apply} : {}),
		dryRunFor: key => {
			const answer = input.dryRuns?.get(resourceId(key));
			return answer?.ok ? answer.object : undefined;
		},
		managersFor: prepared.managersFor,
	});
	for (const resource of resources) {
		const answer = input.dryRuns?.get(resourceId(resource.key));
		if (answer && !answer.ok && resource.desired && resource.live) {
			const note = `server-side dry-run failed (${answer.message}); compared field by field instead`;
			resource.error = resource.error ? `${resource.error}; ${note}` : note;
		}
	}

	if (pairing.desiredState !== 'ok' && pairing.message) errors.push(pairing.message);
	errors.push(...sourceErrors(prepared));
	const status = aggregateApp({
		...base,
		desired: pairing,
		resources,
		...(errors.length > 0 ? {error: joinErrors(errors)} : {}),
	});
	// Nothing judged and nothing desired: "Healthy" would be a guess.
	if (pairing.desiredState !== 'ok' && !resources.some(resource => resource.health)) status.health = 'Unknown';
	return status;
}

/** The controller's own report that it cannot fetch its source: shown like a Git outage. */
function sourceErrors(prepared: PreparedApp): string[] {
	const source = prepared.app.controller.source;
	return source && !source.ready && source.message ? [`source not ready: ${source.message}`] : [];
}

function joinErrors(errors: string[]): string {
	return [...new Set(errors)].join('; ');
}
