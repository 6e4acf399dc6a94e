/**
 * Rollback: put an older revision back, with the Git server down if need be. The revision is rendered from the
 * local clone (or taken from the last-known-good store), paired with live, auto-sync paused first (reason
 * `rollback to <sha>`, so the controller does not undo it), then server-side applied as the app's controller's
 * own field manager (so a later resume hands ownership back cleanly), pruning only when asked; then it waits
 * until the applied objects are healthy.
 */
import type {ActionRequest} from '../domain/action.js';
import {argoAutomated, argoSuspendWrite} from '../engines/argo-actions.js';
import {fluxSuspendWrite} from '../engines/flux-actions.js';
import {liveKindsFor} from '../engines/live-kinds.js';
import {pausedAutomatedAnnotation} from '../engines/pause-annotations.js';
import {pauseAnnotations, type PauseInfo} from '../engines/pause-write.js';
import {prepareApp} from '../engines/prepare-app.js';
import type {SpecInput, SpecResult, SpecWrite} from './action-spec.js';
import {readAppObject} from './app-object.js';
import {applyWrites} from './apply-writes.js';
import {previousRevision, rollbackSource} from './rollback-source.js';
import {waitForControllerIdle} from './wait-controllers.js';
import {waitForHealthy} from './wait-healthy.js';

type RollbackRequest = Extract<ActionRequest, {kind: 'rollback'}>;

/** Plans a rollback. */
export async function planRollback(request: RollbackRequest, input: SpecInput): Promise<SpecResult> {
	const {definition} = input.located.app;
	const app = definition.engine === 'plain' ? undefined : await readAppObject(input);
	if (app && !app.ok) return {ok: false, outcome: 'failed', message: app.message};
	const appObject = app?.ok ? app : undefined;
	const chosen = request.revision ? {ok: true as const, revision: request.revision, why: 'asked for'} : await previousRevision(input, appObject?.object);
	if (!chosen.ok) return {ok: false, outcome: 'failed', message: chosen.message};
	const source = await rollbackSource(input, chosen.revision);
	if (!source.ok) return {ok: false, outcome: 'failed', message: source.message};
	const {sha, desired} = source.value;
	const short = sha.slice(0, 7);
	const context = definition.context;
	if (!context) return {ok: false, outcome: 'failed', message: definition.error ?? `${definition.name} has no context`};
	const objects = desired.state.ok ? desired.state.objects : [];
	await input.located.snapshot.ensure(context, liveKindsFor(definition, objects));
	const prepared = prepareApp(definition, desired, input.located.snapshot);
	if (prepared.contextError) return {ok: false, outcome: 'failed', message: prepared.contextError};

	const fieldManager = request.fieldManager ?? definition.fieldManager;
	const writes: SpecWrite[] = [];
	const steps: string[] = [];
	const warnings = [...source.value.notes];
	const pause: PauseInfo = {by: input.username, reason: `rollback to ${short}`, at: input.now.toISOString()};
	if (appObject && definition.engine === 'flux') {
		writes.push({write: fluxSuspendWrite(appObject.context, appObject.ref, pause), live: appObject.object, stopOnFailure: true, then: waitForControllerIdle(appObject.context, appObject.ref)});
		steps.push(`pause auto-sync: ${definition.objectKind} ${definition.namespace}/${definition.name} spec.suspend=true, reason "rollback to ${short}"`);
	} else if (appObject && definition.engine === 'argo') {
		if (argoAutomated(appObject.object)) {
			const write = argoSuspendWrite(appObject.context, appObject.ref, appObject.object, pause);
			if (!write.ok) return {ok: false, outcome: 'failed', message: write.message};
			writes.push({write: write.write, live: appObject.object, stopOnFailure: true, then: waitForControllerIdle(appObject.context, appObject.ref)});
			steps.push(`pause auto-sync: Application ${definition.namespace}/${definition.name} syncPolicy.automated saved and removed, reason "rollback to ${short}"`);
		} else {
			const kept = appObject.object.metadata.annotations?.[pausedAutomatedAnnotation];
			writes.push({write: {kind: 'patch', context: appObject.context, ref: appObject.ref, patch: {metadata: {annotations: pauseAnnotations(pause)}}, summary: `pause annotations: reason "rollback to ${short}"`, change: 'annotate'}, live: appObject.object, stopOnFailure: true});
			steps.push(`auto-sync is already off on Application ${definition.name}${kept ? ' (its saved automated block is kept)' : ''}: record the reason "rollback to ${short}"`);
		}
	}
	if (appObject) steps.push('wait until no reconcile or sync is in flight (one already running would apply HEAD over the rollback)');
	const applies = applyWrites(prepared, {fieldManager, sha, prune: request.prune === true});
	writes.push(...applies.writes);
	const managerWhy = request.fieldManager ? 'as asked (--field-manager)' : definition.engine === 'plain' ? "gitops-tui's own, the plain app's deployer" : `the controller's own, so a later resume hands ownership back cleanly`;
	steps.push(`server-side apply ${prepared.decorated.length} object(s) of ${short}${source.value.subject ? ` "${source.value.subject}"` : ''} (${source.value.source === 'clone' ? 'rendered from the local clone' : 'from the last-known-good store'}) as field manager ${fieldManager}: ${managerWhy}`);
	if (applies.prunes.length > 0) steps.push(`${request.prune ? 'delete' : 'keep (no --prune)'} ${applies.prunes.length} object(s) not in ${short}`);
	if (input.waiting) steps.push('wait until the applied objects are healthy');
	if (definition.engine !== 'plain') warnings.push(`auto-sync stays paused until resumed (gitops-tui resume ${definition.name}); resuming applies HEAD again`);
	return {
		ok: true,
		spec: {
			writes,
			prunes: applies.prunes,
			steps,
			warnings,
			fieldManager,
			revision: {sha, ...(source.value.subject ? {subject: source.value.subject} : {}), source: source.value.source},
			parameters: {revision: sha, requested: request.revision ?? `previous (${chosen.why})`, prune: request.prune === true, fieldManager, source: source.value.source, ...(request.timeoutMs === undefined ? {} : {timeoutMs: request.timeoutMs})},
			...(input.waiting ? {wait: waitForHealthy(applies.writes.map(entry => entry.write), sha)} : {}),
		},
	};
}
