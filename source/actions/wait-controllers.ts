/**
 * Waiting for a controller's reaction: Flux copies the requested token into `status.lastHandledReconcileAt` and
 * reports Ready; Argo CD ends the sync operation we started and reports the app Synced and Healthy.
 */
import {readObject} from '../cluster/read-object.js';
import type {ObjectRef} from '../cluster/writes.js';
import {argoOperationProgress} from '../engines/argo-actions.js';
import {fluxReconcileState} from '../engines/flux-actions.js';
import {conditionOf} from '../domain/health/conditions.js';
import type {KubeObject} from '../domain/kube-object.js';
import type {WaitStep} from './action-spec.js';

/**
 * Waits until the Flux object handled the token and is Ready, as `flux reconcile` does: the token copied, the
 * status of the current generation, nothing in progress (a run in flight when we annotated may copy the token as
 * it finishes; the run it then starts shows Reconciling), then reports the revision applied (fetched, for a
 * source). Ready False once handled fails the wait with the controller's message. A source that handled the
 * request but is not Ready (its Git server down) does not hold the app back: the app is reconciled from the
 * artifact the source still has, as `flux reconcile --with-source` would go on, and the message says so.
 */
export function waitForFlux(context: string, ref: ObjectRef, token: string, what: 'source' | 'app'): WaitStep {
	return async wait => {
		let last = 'not handled yet';
		do {
			const read = await readObject(wait.client(context), ref);
			if (read.ok) {
				const state = fluxReconcileState(read.value, token);
				const settled = state.handled && !state.inProgress;
				if (what === 'source' && settled && state.ready !== true) {
					wait.say(`source ${ref.kind} ${ref.name} handled the request but is not Ready (${state.message ?? 'no message'}): reconciling the app from the artifact it has`);
					return {outcome: 'done', message: `source ${ref.kind} ${ref.name} not Ready: ${state.message ?? ''}`};
				}
				if (settled && state.ready === true) {
					const verb = what === 'source' ? 'fetched' : 'applied';
					return {outcome: 'done', message: `${ref.kind} ${ref.name} ${state.revision ? `${verb} revision ${state.revision}` : 'reconciled'}`, after: {sync: 'Synced', health: 'Healthy', ...(state.revision ? {revision: state.revision} : {})}};
				}
				if (settled && state.ready === false) {
					return {outcome: 'failed', message: `${ref.kind} ${ref.name} reconciliation failed: ${state.message ?? 'Ready False'}`, after: {sync: 'Unknown', health: 'Degraded', ...(state.revision ? {revision: state.revision} : {})}};
				}
				last = !state.handled ? 'lastHandledReconcileAt not yet the requested token' : state.inProgress ? `handled, still in progress (${state.inProgress})` : `handled, not Ready: ${state.message ?? 'no message'}`;
			} else {
				last = read.error.message;
			}
			wait.say(`waiting for ${what === 'source' ? 'source ' : ''}${ref.kind} ${ref.name}: ${last}`);
		} while (await wait.tick());
		return {outcome: 'timed-out', message: `${ref.kind} ${ref.name}: ${last}`, after: {sync: 'Unknown', health: 'Unknown'}};
	};
}

/** Waits until our sync operation ended, then until the app is Synced and Healthy. */
export function waitForArgo(context: string, ref: ObjectRef, username: string, startedAfter: string): WaitStep {
	return async wait => {
		let last = 'the operation has not started';
		let lastAfter = {sync: 'Unknown', health: 'Unknown'} as {sync: string; health: string; revision?: string};
		do {
			const read = await readObject(wait.client(context), ref);
			if (read.ok) {
				const progress = argoOperationProgress(read.value, {username, startedAfter});
				const after = {sync: progress.sync ?? 'Unknown', health: progress.health ?? 'Unknown', ...(progress.revision ? {revision: progress.revision} : {})};
				lastAfter = after;
				if (progress.ended && progress.phase !== 'Succeeded') return {outcome: 'failed', message: `sync operation ${progress.phase}: ${progress.message ?? ''}`.trim(), after};
				if (progress.ended && after.sync === 'Synced' && after.health === 'Healthy') return {outcome: 'done', message: `sync operation Succeeded${progress.revision ? ` at ${progress.revision}` : ''}`, after};
				last = progress.ended ? `operation Succeeded; app ${after.sync}/${after.health}` : `operation ${progress.phase ?? 'pending'}`;
			} else {
				last = read.error.message;
			}
			wait.say(`waiting for Application ${ref.name}: ${last}`);
		} while (await wait.tick());
		return {outcome: 'timed-out', message: `Application ${ref.name}: ${last}`, after: lastAfter};
	};
}

/**
 * After pausing, waits until no reconcile or sync is in flight: a controller checks the pause only when a run
 * starts, so a run already under way would apply HEAD over the rollback (Flux: Ready Unknown/Progressing or
 * Reconciling True; Argo CD: a Running operation). Never fails the action: past the deadline it goes on, saying so.
 */
export function waitForControllerIdle(context: string, ref: ObjectRef): WaitStep {
	return async wait => {
		do {
			const read = await readObject(wait.client(context), ref);
			if (!read.ok) break;
			const busy = controllerBusy(read.value);
			if (!busy) return {outcome: 'done', message: 'the controller is idle'};
			wait.say(`waiting for the run in flight to end before applying (${busy})`);
		} while (await wait.tick());
		wait.say('could not see the controller idle before the deadline: applying anyway');
		return {outcome: 'done', message: 'the controller may still be running'};
	};
}

function controllerBusy(object: KubeObject): string | undefined {
	if (object.kind === 'Application') {
		const phase = (object['status'] as {operationState?: {phase?: string}} | undefined)?.operationState?.phase;
		if (object['operation']) return 'an operation is requested';
		return phase === 'Running' || phase === 'Terminating' ? `operation ${phase}` : undefined;
	}
	const reconciling = conditionOf(object, 'Reconciling');
	const ready = conditionOf(object, 'Ready');
	if (reconciling?.status === 'True') return `Reconciling: ${reconciling.message ?? ''}`.trim();
	if (ready?.status === 'Unknown' && ready.reason === 'Progressing') return 'Ready Unknown (Progressing)';
	return undefined;
}
