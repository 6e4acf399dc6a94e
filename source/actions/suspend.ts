/**
 * Pause auto-sync with a reason (and optionally until when): Flux `spec.suspend: true`, Argo CD's `automated`
 * block saved and removed; both with the `gitops-tui.io/` annotations saying who, why, since and until. A plain
 * app has no auto-sync: it gets our own pause flag (plain-actions.ts), which our reconcile honours.
 */
import type {ActionRequest} from '../domain/action.js';
import {argoParentApp, argoSuspendWrite} from '../engines/argo-actions.js';
import {fluxSuspendWrite} from '../engines/flux-actions.js';
import {plainPauseRef, plainPauseWrite} from '../engines/plain-actions.js';
import type {PauseInfo} from '../engines/pause-write.js';
import type {SpecInput, SpecResult} from './action-spec.js';
import {readAppObject} from './app-object.js';
import {describePause, readPlainPause} from './plain-pause.js';

type SuspendRequest = Extract<ActionRequest, {kind: 'suspend'}>;

/** Plans a pause. */
export async function planSuspend(request: SuspendRequest, input: SpecInput): Promise<SpecResult> {
	const definition = input.located.app.definition;
	if (!request.reason.trim()) return {ok: false, outcome: 'refused', message: 'a pause needs a reason (--reason TEXT)'};
	if (definition.engine === 'plain') return planPlainSuspend(request, input);
	const app = await readAppObject(input);
	if (!app.ok) return {ok: false, outcome: 'failed', message: app.message};
	const pause: PauseInfo = {by: input.username, reason: request.reason, at: input.now.toISOString(), ...(request.until ? {until: request.until} : {})};
	const parameters = {reason: request.reason, ...(request.until ? {until: request.until} : {})};
	const warnings: string[] = [];
	const until = request.until ? ` until ${request.until}` : '';
	if (definition.engine === 'flux') {
		if ((app.object['spec'] as {suspend?: boolean} | undefined)?.suspend === true) warnings.push(`${definition.objectKind} ${definition.name} is already suspended: only the pause's reason and times change`);
		return {
			ok: true,
			spec: {
				writes: [{write: fluxSuspendWrite(app.context, app.ref, pause), live: app.object, stopOnFailure: true}],
				steps: [`pause auto-sync of ${definition.objectKind} ${definition.namespace}/${definition.name}: spec.suspend=true, reason "${request.reason}"${until}`],
				warnings,
				parameters,
			},
		};
	}

	const write = argoSuspendWrite(app.context, app.ref, app.object, pause);
	if (!write.ok) return {ok: false, outcome: 'failed', message: write.message};
	const parent = argoParentApp(app.object);
	if (parent && parent !== definition.name) {
		warnings.push(`Application ${definition.name} is managed by the Application ${parent} (app-of-apps): if ${parent} syncs with auto-sync on, it puts syncPolicy.automated back; pause ${parent} too`);
	}
	return {
		ok: true,
		spec: {
			writes: [{write: write.write, live: app.object, stopOnFailure: true}],
			steps: [`pause auto-sync of Application ${definition.namespace}/${definition.name}: save and remove syncPolicy.automated, reason "${request.reason}"${until}`],
			warnings,
			parameters,
		},
	};
}

/** A plain app: the pause flag ConfigMap applied as gitops-tui's field manager. */
async function planPlainSuspend(request: SuspendRequest, input: SpecInput): Promise<SpecResult> {
	const {definition} = input.located.app;
	const current = await readPlainPause(input);
	if (!current.ok) return {ok: false, outcome: 'failed', message: current.message};
	const pause: PauseInfo = {by: input.username, reason: request.reason, at: input.now.toISOString(), ...(request.until ? {until: request.until} : {})};
	const ref = plainPauseRef(definition);
	const write = plainPauseWrite(definition.context ?? definition.controllerContext, definition, pause, definition.fieldManager);
	return {
		ok: true,
		spec: {
			writes: [{write, ...(current.flag ? {live: current.flag.object} : {}), stopOnFailure: true}],
			steps: [`pause plain app ${definition.name}: our pause flag, ConfigMap ${ref.namespace}/${ref.name}, reason "${request.reason}"${request.until ? ` until ${request.until}` : ''}; gitops-tui reconcile refuses while it is set (unless --force)`],
			warnings: current.flag ? [`${definition.name} is already ${describePause(current.flag.pause)}: only the pause's reason and times change`] : [],
			parameters: {reason: request.reason, ...(request.until ? {until: request.until} : {})},
		},
	};
}
