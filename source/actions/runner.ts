/**
 * The action runner: every action through the same stages, whatever the engine and whoever drives it (a command
 * or the TUI) — plan (dry-run diffs, prunes listed), check (can-I for every write), confirm (the typed context name
 * on protected contexts), execute (per-object results), wait (for the controller, when a timeout is given) and
 * record (a journal entry, always: refusals, dry-runs, cancels and failures too). Read-only mode refuses before
 * any request is sent.
 */
import type {ContextClient} from '../cluster/context-client.js';
import {createIdentityService, kubeconfigIdentity, type IdentityService} from '../cluster/identity.js';
import {readObject} from '../cluster/read-object.js';
import type {ActionEvent, ActionOutcome, ActionPlan, ActionRequest, ActionResult, Confirmation, ObjectProgress, PermissionCheck} from '../domain/action.js';
import type {JournalObject} from '../journal/journal-types.js';
import {writeRef} from '../engines/app-writes.js';
import type {ActionSpec, SpecInput, SpecResult, WaitContext} from './action-spec.js';
import type {ActionDeps} from './deps.js';
import {executeWrites} from './execute.js';
import {actionRecord, planDigest} from './journal-record.js';
import {locateApp} from './locate-app.js';
import {checkPermissions} from './permissions.js';
import {planObjects, writeKey} from './plan-objects.js';
import {readOnlyRefusal} from './read-only.js';
import {planReconcile} from './reconcile.js';
import {planResume} from './resume.js';
import {planRollback} from './rollback.js';
import {planSuspend} from './suspend.js';

/** How a front end runs an action. */
export type RunOptions = {confirm: Confirmation; onEvent?: (event: ActionEvent) => void; dryRun?: boolean; force?: boolean; signal?: AbortSignal};

/** Runs actions; one runner per session. */
export type ActionRunner = {run(request: ActionRequest, options: RunOptions): Promise<ActionResult>};

/** The runner over its dependencies. */
export function createActionRunner(deps: ActionDeps): ActionRunner {
	const identities = new Map<string, IdentityService>();
	const client = (context: string): ContextClient | undefined => deps.contexts.find(entry => entry.info.name === context)?.client;
	const identity = (context: string): IdentityService | undefined => {
		const given = deps.identity?.(context);
		if (given) return given;
		const found = identities.get(context);
		if (found) return found;
		const contextClient = client(context);
		if (!contextClient) return undefined;
		const created = createIdentityService(contextClient, {now: () => deps.now().getTime()});
		identities.set(context, created);
		return created;
	};
	return {run: (request, options) => runAction({deps, client, identity}, request, options)};
}

type Session = {deps: ActionDeps; client: (context: string) => ContextClient | undefined; identity: (context: string) => IdentityService | undefined};

async function runAction(session: Session, request: ActionRequest, options: RunOptions): Promise<ActionResult> {
	const {deps} = session;
	const emit = (event: ActionEvent) => options.onEvent?.(event);
	const {target} = request;
	let actor = offlineActor(session, target.context);
	let parameters: Record<string, unknown> = {...(options.dryRun ? {dryRun: true} : {}), ...(options.force ? {force: true} : {})};
	let digest: string | undefined;
	const finish = async (outcome: ActionOutcome, message: string, extra: {objects?: ObjectProgress[]; journal?: JournalObject[]; after?: ActionResult['after']} = {}): Promise<ActionResult> => {
		const result: ActionResult = {request, outcome, message, objects: extra.objects ?? [], ...(extra.after ? {after: extra.after} : {})};
		try {
			const entry = await deps.journal.append(actionRecord({request, actor, outcome, message, parameters, ...(digest ? {digest} : {}), objects: extra.journal ?? [], ...(extra.after ? {after: extra.after} : {}), time: deps.now()}));
			result.journal = {seq: entry.seq, hash: entry.hash};
		} catch (error) {
			result.journalError = error instanceof Error ? error.message : String(error);
		}
		emit({stage: 'finished', result});
		return result;
	};

	const readOnly = readOnlyRefusal(deps.settings, [target.context]);
	if (readOnly) return finish('refused', `${request.kind} refused: ${readOnly}`);
	emit({stage: 'planning'});
	const located = await locateApp(deps, target);
	if (!located.ok) return finish('failed', located.message);
	const definition = located.located.app.definition;
	const controllerReadOnly = readOnlyRefusal(deps.settings, [definition.controllerContext]);
	if (controllerReadOnly) return finish('refused', `${request.kind} refused: ${controllerReadOnly}`);
	const who = await session.identity(definition.controllerContext)?.whoami();
	if (who?.ok && who.value.username) actor = who.value.username;

	const timeoutMs = 'timeoutMs' in request && typeof request.timeoutMs === 'number' ? request.timeoutMs : 0;
	const input: SpecInput = {located: located.located, deps, client: session.client, username: actor, now: deps.now(), waiting: timeoutMs > 0, force: options.force === true};
	const planned = await planFor(request, input);
	if (!planned.ok) return finish(planned.outcome, planned.message);
	const spec = planned.spec;
	parameters = {...spec.parameters, ...parameters};
	await readMissingLives(session, spec);

	const check = await checkPermissions(spec.writes, {client: session.client, identity: session.identity, username: actor});
	const objects = await planObjects(spec.writes, {client: session.client, force: options.force === true, dryRuns: check.allowed});
	// Prunes we delete ourselves are already planned as writes; the rest (kept, or the controller's) are listed.
	const deletes = new Set(spec.writes.filter(entry => entry.write.kind === 'delete').map(entry => JSON.stringify(writeKeyOf(entry))));
	const unplanned = (spec.prunes ?? []).filter(prune => !deletes.has(JSON.stringify(keyOf(prune.key))));
	const warnings = [...located.located.settingsWarnings, ...spec.warnings];
	const body: Omit<ActionPlan, 'digest'> = {request, steps: spec.steps, objects: [...objects, ...unplanned], warnings, ...(spec.fieldManager ? {fieldManager: spec.fieldManager} : {}), ...(spec.revision ? {revision: spec.revision} : {})};
	digest = planDigest(body);
	const plan: ActionPlan = {...body, digest};
	emit({stage: 'planned', plan});
	emit({stage: 'checked', check});
	if (!check.allowed) return finish('refused', `refused before any write: ${check.items.filter(item => !item.allowed).map(item => item.reason).join('; ')}`, {journal: refusedObjects(spec, check)});
	if (options.dryRun) return finish('dry-run', `dry run: ${spec.writes.length} write(s) planned, nothing written`);

	const protectedContext = located.located.everyContextProtected || [target.context, definition.controllerContext].some(context => located.located.protectedContexts.includes(context));
	const answer = await options.confirm({plan, check, context: target.context, protectedContext});
	if (!answer.confirmed) return finish('cancelled', 'not confirmed: nothing written');
	if (protectedContext && answer.typed !== target.context) return finish('refused', `context ${target.context} is protected: type its name to confirm (got ${answer.typed === undefined ? 'nothing' : JSON.stringify(answer.typed)}); nothing written`);
	if (options.signal?.aborted) return finish('cancelled', 'cancelled before any write');

	const deadline = Date.now() + timeoutMs;
	const waitContext: WaitContext = {
		client: context => session.client(context)!,
		tick: async () => {
			if (options.signal?.aborted || Date.now() >= deadline) return false;
			await new Promise(resolve => setTimeout(resolve, Math.min(deps.pollIntervalMs ?? 1000, Math.max(0, deadline - Date.now()))));
			return !options.signal?.aborted && Date.now() < deadline;
		},
		say: message => emit({stage: 'waiting', message}),
	};
	emit({stage: 'executing', objects: spec.writes.map((_write, index) => ({key: objects[index]!.key, status: 'pending'}))});
	const execution = await executeWrites(spec.writes, {client: context => session.client(context)!, force: options.force === true, progress: object => emit({stage: 'progress', object}), waitContext});
	const done = {objects: execution.objects, journal: execution.journal};
	if (execution.failed) return finish('failed', failureMessage(execution.objects, execution.stoppedBy?.message), done);
	if (execution.stoppedBy && options.signal?.aborted) return finish('cancelled', `interrupted while waiting (the writes before were made): ${execution.stoppedBy.message}`, done);
	if (execution.stoppedBy) return finish(execution.stoppedBy.outcome, execution.stoppedBy.message, {...done, ...(execution.stoppedBy.after ? {after: execution.stoppedBy.after} : {})});
	if (!spec.wait || timeoutMs <= 0) return finish('done', summary(spec, execution.objects), done);
	emit({stage: 'waiting', message: `waiting up to ${Math.round(timeoutMs / 1000)} s`});
	const waited = await spec.wait(waitContext);
	if (waited.outcome === 'timed-out' && options.signal?.aborted) return finish('cancelled', `${summary(spec, execution.objects)}; interrupted while waiting: ${waited.message}`, {...done, ...(waited.after ? {after: waited.after} : {})});
	return finish(waited.outcome, `${summary(spec, execution.objects)}; ${waited.message}`, {...done, ...(waited.after ? {after: waited.after} : {})});
}

function keyOf(key: {group: string; kind: string; namespace: string; name: string}): string[] {
	return [key.group, key.kind, key.namespace, key.name];
}

function writeKeyOf(entry: ActionSpec['writes'][number]): string[] {
	return keyOf(writeKey(entry));
}

/** The journal's objects of a refused action: each write it would have made, with the refusals about its object. */
function refusedObjects(spec: ActionSpec, check: PermissionCheck): JournalObject[] {
	return spec.writes.map(entry => {
		const ref = writeRef(entry.write);
		const reasons = check.items.filter(item => !item.allowed && item.name === ref.name && (item.namespace === undefined || item.namespace === (ref.namespace ?? item.namespace))).map(item => item.reason);
		return {apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name, ...(ref.namespace ? {namespace: ref.namespace} : {}), result: reasons.length > 0 ? 'refused' : 'skipped', ...(reasons.length > 0 ? {message: reasons.join('; ')} : {}), ...(entry.live?.metadata.resourceVersion ? {resourceVersionBefore: entry.live.metadata.resourceVersion} : {})};
	});
}

function planFor(request: ActionRequest, input: SpecInput): Promise<SpecResult> {
	switch (request.kind) {
		case 'reconcile':
			return planReconcile(request, input);
		case 'suspend':
			return planSuspend(request, input);
		case 'resume':
			return planResume(request, input);
		case 'rollback':
			return planRollback(request, input);
	}
}

/** Objects written without a prior read (applies, prunes) are read now: create vs patch, resourceVersion before. */
async function readMissingLives(session: Session, spec: ActionSpec): Promise<void> {
	for (const entry of spec.writes) {
		if (entry.live) continue;
		const client = session.client(entry.write.context);
		if (!client) continue;
		const read = await readObject(client, writeRef(entry.write));
		if (read.ok) entry.live = read.value;
	}
}

/** Before any request: the kubeconfig's user (read-only refusals and early failures are still journaled with an actor). */
function offlineActor(session: Session, context: string): string {
	const client = session.client(context);
	return client ? kubeconfigIdentity(client).username : 'unknown';
}

function summary(spec: ActionSpec, objects: readonly ObjectProgress[]): string {
	const counts = new Map<string, number>();
	for (const object of objects) counts.set(object.message ?? object.status, (counts.get(object.message ?? object.status) ?? 0) + 1);
	const parts = [...counts].map(([what, count]) => `${count} ${what}`);
	return `${spec.writes.length} write(s): ${parts.join(', ') || 'none'}`;
}

function failureMessage(objects: readonly ObjectProgress[], extra?: string): string {
	const failed = objects.filter(object => object.status === 'failed' || object.status === 'conflict');
	const lines = failed.map(object => `${object.key.kind} ${object.key.namespace ? `${object.key.namespace}/` : ''}${object.key.name}: ${object.message ?? object.status}`);
	return [`${failed.length} write(s) failed`, ...lines, ...(extra ? [extra] : [])].join('; ');
}
