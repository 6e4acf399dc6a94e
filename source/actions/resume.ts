/**
 * Resume auto-sync: Flux `spec.suspend: false` and a reconcile request, so HEAD is applied again at once; Argo CD's
 * saved `automated` block restored exactly (or the one given, when the pause saved none). The pause annotations go.
 * A plain app's pause flag is deleted (nothing is applied: reconcile it to apply HEAD).
 */
import type {ActionRequest} from '../domain/action.js';
import {argoAutomated, argoResumeWrite} from '../engines/argo-actions.js';
import {fluxResumeWrite, reconcileToken} from '../engines/flux-actions.js';
import {plainPauseRef, plainResumeWrite} from '../engines/plain-actions.js';
import type {SpecInput, SpecResult} from './action-spec.js';
import {readAppObject} from './app-object.js';
import {describePause, readPlainPause} from './plain-pause.js';
import {waitForFlux} from './wait-controllers.js';

type ResumeRequest = Extract<ActionRequest, {kind: 'resume'}>;

/** Plans a resume. */
export async function planResume(request: ResumeRequest, input: SpecInput): Promise<SpecResult> {
	const definition = input.located.app.definition;
	if (definition.engine === 'plain') return planPlainResume(input);
	const app = await readAppObject(input);
	if (!app.ok) return {ok: false, outcome: 'failed', message: app.message};
	const parameters = request.automated ? {automated: request.automated} : {};
	const warnings: string[] = [];
	if (definition.engine === 'flux') {
		if ((app.object['spec'] as {suspend?: boolean} | undefined)?.suspend !== true) warnings.push(`${definition.objectKind} ${definition.name} is not suspended: only a reconcile is requested`);
		const token = reconcileToken(input.now);
		return {
			ok: true,
			spec: {
				writes: [{write: fluxResumeWrite(app.context, app.ref, token), live: app.object, stopOnFailure: true}],
				steps: [`resume ${definition.objectKind} ${definition.namespace}/${definition.name}: spec.suspend=false, pause annotations removed, reconcile requested (HEAD is applied again)`],
				warnings,
				parameters,
				...(input.waiting ? {wait: waitForFlux(app.context, app.ref, token, 'app')} : {}),
			},
		};
	}

	if (argoAutomated(app.object) && !request.automated) return {ok: false, outcome: 'failed', message: `Application ${definition.name} is not paused: syncPolicy.automated is set`};
	const write = argoResumeWrite(app.context, app.ref, app.object, request.automated);
	if (!write.ok) return {ok: false, outcome: 'failed', message: write.message};
	return {
		ok: true,
		spec: {
			writes: [{write: write.write, live: app.object, stopOnFailure: true}],
			steps: [`resume auto-sync of Application ${definition.namespace}/${definition.name}: ${write.write.kind === 'patch' ? write.write.summary : ''}`],
			warnings,
			parameters,
		},
	};
}

/** A plain app: the pause flag deleted; not paused is a failure, as for the other engines. */
async function planPlainResume(input: SpecInput): Promise<SpecResult> {
	const {definition} = input.located.app;
	const current = await readPlainPause(input);
	if (!current.ok) return {ok: false, outcome: 'failed', message: current.message};
	const ref = plainPauseRef(definition);
	if (!current.flag) return {ok: false, outcome: 'failed', message: `plain app ${definition.name} is not paused (no ConfigMap ${ref.namespace}/${ref.name})`};
	return {
		ok: true,
		spec: {
			writes: [{write: plainResumeWrite(definition.context ?? definition.controllerContext, definition), live: current.flag.object, stopOnFailure: true}],
			steps: [`resume plain app ${definition.name} (${describePause(current.flag.pause)}): delete its pause flag, ConfigMap ${ref.namespace}/${ref.name}; nothing is applied (gitops-tui reconcile ${definition.name} applies HEAD)`],
			warnings: [],
			parameters: {},
		},
	};
}
