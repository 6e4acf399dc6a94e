/**
 * Reconcile, per engine (PRODUCT.md's table): Flux — `reconcile.fluxcd.io/requestedAt` (the source first with
 * `withSource`), done when the controller handled the token and is Ready; Argo CD — the refresh annotation and a
 * sync `operation` initiated by the caller, done when that operation succeeded and the app is Synced and
 * Healthy; plain apps — a server-side apply of HEAD as `gitops-tui` (pruning only when asked), done when every
 * object is healthy; refused while the app's pause flag is set, unless forced.
 */
import {readObject} from '../cluster/read-object.js';
import type {ActionRequest, PlannedObject} from '../domain/action.js';
import {argoOperationInProgress, argoRefreshWrite, argoSyncWrite} from '../engines/argo-actions.js';
import {fluxReconcileWrite, fluxSourceSteps, reconcileToken} from '../engines/flux-actions.js';
import type {SpecInput, SpecResult} from './action-spec.js';
import {gitOutageWarning, readAppObject} from './app-object.js';
import {applyWrites} from './apply-writes.js';
import {describePause, readPlainPause} from './plain-pause.js';
import {waitForArgo, waitForFlux} from './wait-controllers.js';
import {waitForHealthy} from './wait-healthy.js';

type ReconcileRequest = Extract<ActionRequest, {kind: 'reconcile'}>;

/** Plans a reconcile. */
export async function planReconcile(request: ReconcileRequest, input: SpecInput): Promise<SpecResult> {
	const definition = input.located.app.definition;
	const parameters = {withSource: request.withSource === true, prune: request.prune === true, ...(request.timeoutMs === undefined ? {} : {timeoutMs: request.timeoutMs})};
	const warnings: string[] = [];
	const outage = gitOutageWarning(input);
	if (outage) warnings.push(outage);
	if (definition.engine === 'plain') return planPlain(request, input, {parameters, warnings});

	const app = await readAppObject(input);
	if (!app.ok) return {ok: false, outcome: 'failed', message: app.message};
	if (definition.engine === 'flux') {
		const token = reconcileToken(input.now);
		const writes = [];
		const steps: string[] = [];
		if (request.withSource) {
			const sources = fluxSourceSteps(app.object);
			if (sources.length === 0) warnings.push(`${definition.objectKind} ${definition.name}: names no source to reconcile first`);
			for (const {ref: source, optional} of sources) {
				const sourceObject = await readObject(input.client(app.context)!, source);
				if (!sourceObject.ok && optional) {
					warnings.push(`${source.kind} ${source.namespace}/${source.name} cannot be read (${sourceObject.error.message}): not reconciled`);
					continue;
				}
				writes.push({write: fluxReconcileWrite(app.context, source, token), ...(sourceObject.ok ? {live: sourceObject.value} : {}), stopOnFailure: true, ...(input.waiting ? {then: waitForFlux(app.context, source, token, 'source')} : {})});
				steps.push(`reconcile source ${source.kind} ${source.namespace}/${source.name}: annotate ${token}${input.waiting ? ', wait until handled' : ''}`);
			}
		}
		if (app.object['spec'] && (app.object['spec'] as {suspend?: boolean}).suspend === true) {
			warnings.push(`${definition.objectKind} ${definition.name} is suspended: the controller ignores reconcile requests until it is resumed`);
		}
		writes.push({write: fluxReconcileWrite(app.context, app.ref, token), live: app.object, stopOnFailure: true});
		const fluxPrunes = controllerPrunes(input, (app.object['spec'] as {prune?: boolean} | undefined)?.prune === true, 'spec.prune');
		steps.push(`reconcile ${definition.objectKind} ${definition.namespace}/${definition.name}: annotate ${token}${input.waiting ? ', wait for lastHandledReconcileAt and Ready' : ''}`);
		return {ok: true, spec: {writes, prunes: fluxPrunes, steps, warnings, parameters, ...(input.waiting ? {wait: waitForFlux(app.context, app.ref, token, 'app')} : {})}};
	}

	const busy = argoOperationInProgress(app.object);
	if (busy) return {ok: false, outcome: 'failed', message: busy};
	const startedAfter = input.now.toISOString();
	const sync = argoSyncWrite(app.context, app.ref, {username: input.username, prune: request.prune === true});
	return {
		ok: true,
		spec: {
			writes: [
				{write: argoRefreshWrite(app.context, app.ref), live: app.object, stopOnFailure: true},
				{write: sync, live: app.object, stopOnFailure: true},
			],
			prunes: controllerPrunes(input, request.prune === true, 'the sync operation\'s prune (--prune)'),
			steps: [
				`refresh Application ${definition.namespace}/${definition.name} (annotation argocd.argoproj.io/refresh=normal)`,
				`sync: set operation initiated by ${input.username}${request.prune ? ', with prune' : ''}${input.waiting ? '; wait until the operation ends Synced and Healthy' : ''}`,
			],
			warnings,
			parameters,
			...(input.waiting ? {wait: waitForArgo(app.context, app.ref, input.username, startedAfter)} : {}),
		},
	};
}

async function planPlain(request: ReconcileRequest, input: SpecInput, base: {parameters: Record<string, unknown>; warnings: string[]}): Promise<SpecResult> {
	const {app} = input.located;
	const pause = await readPlainPause(input);
	if (!pause.ok) return {ok: false, outcome: 'failed', message: pause.message};
	if (pause.flag && !input.force) {
		return {ok: false, outcome: 'refused', message: `plain app ${app.definition.name} is ${describePause(pause.flag.pause)}; resume it (gitops-tui resume ${app.definition.name}) or pass --force to apply anyway`};
	}
	if (pause.flag) base.warnings.push(`plain app ${app.definition.name} is ${describePause(pause.flag.pause)}: applying anyway (--force); the pause stays until resumed`);
	const head = app.status.revision.head;
	if (!app.desired.state.ok || !head) return {ok: false, outcome: 'failed', message: `cannot render ${app.definition.name} at HEAD: ${app.desired.state.ok ? 'no revision' : app.desired.state.error.message}`};
	if (app.prepared.contextError) return {ok: false, outcome: 'failed', message: app.prepared.contextError};
	const {writes, prunes} = applyWrites(app.prepared, {fieldManager: app.definition.fieldManager, sha: head, prune: request.prune === true});
	return {
		ok: true,
		spec: {
			writes,
			prunes,
			steps: [
				`server-side apply ${app.prepared.decorated.length} object(s) of ${head.slice(0, 7)} as field manager ${app.definition.fieldManager} (label gitops-tui.io/app=${app.definition.name}, annotation gitops-tui.io/revision)`,
				prunes.length > 0 ? `${request.prune ? 'delete' : 'keep (no --prune)'} ${prunes.length} object(s) not in Git` : 'nothing to prune',
			],
			warnings: base.warnings,
			fieldManager: app.definition.fieldManager,
			revision: {sha: head, source: 'clone'},
			parameters: {...base.parameters, revision: head},
			...(input.waiting ? {wait: waitForHealthy(writes.map(entry => entry.write), head)} : {}),
		},
	};
}

/**
 * What the controller's reconcile would delete (the app's live objects HEAD no longer has), listed whether or not it
 * prunes, so the plan shows it before anyone confirms.
 */
function controllerPrunes(input: SpecInput, prunes: boolean, setting: string): PlannedObject[] {
	const {prepared, definition} = input.located.app;
	if (prepared.contextError || !input.located.app.desired.state.ok) return [];
	return applyWrites(prepared, {fieldManager: definition.fieldManager, sha: '', prune: false}).prunes.map(prune => ({
		...prune,
		willPrune: prunes,
		summary: prunes ? `not in Git: the controller deletes it (${setting} is on)` : `not in Git: the controller keeps it (${setting} is off)`,
	}));
}
