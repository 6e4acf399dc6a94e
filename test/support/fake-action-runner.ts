/**
 * An ActionRunner for screen tests that keeps the engine's contract: planning, planned, checked, then the
 * confirmation (checked against the context name on protected contexts), executing with progress per object,
 * and finished with a journal entry. Plans, refusals, failures and throws are set per test; `executed` records
 * what would have been written, so a test can assert that a cancel or a refusal wrote nothing.
 */
import type {
	ActionEvent,
	ActionPlan,
	ActionRequest,
	ActionResult,
	ObjectProgress,
	PermissionCheck,
	PlannedObject,
} from '../../source/domain/action.js';
import type {ResourceKey} from '../../source/domain/resource-key.js';
import type {ActionRunner, ActionRunOptions} from '../../source/state/action-runner.js';

export type FakeRunnerScript = {
	objects?: (request: ActionRequest) => PlannedObject[];
	steps?: (request: ActionRequest) => string[];
	warnings?: string[];
	check?: PermissionCheck;
	protectedContexts?: string[];
	/** Execution fails on this object, with this message (and field conflicts, if any). */
	failOn?: {name: string; message: string; conflicts?: Array<{field: string; manager: string}>};
	/** The engine throws instead of returning a result. */
	throws?: string;
	/** Planning lasts until this settles (or the run is aborted). */
	planUntil?: Promise<void>;
	/** Waiting for the controller lasts until this settles. */
	waitUntil?: Promise<void>;
	/** Called when the action would write: tests push the snapshot the controller would then produce. */
	onExecute?: (request: ActionRequest) => void;
};

export type FakeActionRunner = ActionRunner & {
	requests: ActionRequest[];
	answers: Array<{confirmed: boolean; typed?: string}>;
	executed: ActionRequest[];
	events: ActionEvent[];
	aborted: number;
};

export function key(kind: string, group: string, namespace: string, name: string): ResourceKey {
	return {group, version: 'v1', kind, namespace, name};
}

const defaultSteps: Record<ActionRequest['kind'], string> = {
	reconcile: 'annotate reconcile.fluxcd.io/requestedAt',
	suspend: 'pause auto-sync: spec.suspend=true, with reason, actor and time in annotations',
	resume: 'resume auto-sync: spec.suspend=false, pause annotations removed',
	rollback: 'pause auto-sync (reason: rollback to <sha>), then server-side apply the revision',
};

export function fakeActionRunner(script: FakeRunnerScript = {}): FakeActionRunner {
	let seq = 0;
	const runner: FakeActionRunner = {
		requests: [],
		answers: [],
		executed: [],
		events: [],
		aborted: 0,
		async run(request: ActionRequest, options: ActionRunOptions): Promise<ActionResult> {
			runner.requests.push(request);
			const emit = (event: ActionEvent) => {
				runner.events.push(event);
				options.onEvent?.(event);
			};
			options.signal?.addEventListener('abort', () => runner.aborted++);
			const finish = (outcome: ActionResult['outcome'], message: string, objects: ObjectProgress[] = []): ActionResult => {
				seq++;
				const result: ActionResult = {request, outcome, message, objects, journal: {seq, hash: `${seq}`.padStart(4, '0') + 'feedbeefcafe0123'}};
				emit({stage: 'finished', result});
				return result;
			};
			emit({stage: 'planning'});
			await Promise.resolve();
			if (script.planUntil) {
				await new Promise<void>(resolve => {
					script.planUntil!.then(resolve);
					options.signal?.addEventListener('abort', () => resolve());
				});
				if (options.signal?.aborted) return finish('cancelled', 'aborted while planning');
			}
			if (script.throws) throw new Error(script.throws);
			const objects = script.objects?.(request) ?? [{key: key('Kustomization', 'kustomize.toolkit.fluxcd.io', 'flux-system', request.target.app), change: 'annotate' as const, summary: defaultSteps[request.kind]}];
			const plan: ActionPlan = {request, steps: script.steps?.(request) ?? [defaultSteps[request.kind]], objects, warnings: script.warnings ?? [], digest: 'digest-1'};
			emit({stage: 'planned', plan});
			const check = script.check ?? {identity: 'alice', allowed: true, items: [{verb: 'patch', group: 'kustomize.toolkit.fluxcd.io', resource: 'kustomizations', namespace: 'flux-system', allowed: true}]};
			emit({stage: 'checked', check});
			if (!check.allowed) return finish('refused', 'the permission check refused it; nothing was written');
			const protectedContext = script.protectedContexts?.includes(request.target.context) ?? false;
			const answer = await options.confirm({plan, check, context: request.target.context, protectedContext});
			runner.answers.push(answer);
			if (!answer.confirmed) return finish('cancelled', 'not confirmed; nothing was written');
			if (protectedContext && answer.typed !== request.target.context) return finish('refused', 'the typed name does not match the context');
			runner.executed.push(request);
			const pending = objects.map(o => ({key: o.key, status: 'pending' as const}));
			emit({stage: 'executing', objects: pending});
			const done: ObjectProgress[] = [];
			for (const object of objects) {
				await Promise.resolve();
				// Force takes conflicting fields over, as server-side apply does; other failures stay.
				const failure = script.failOn?.name === object.key.name && !(options.force && script.failOn.conflicts) ? script.failOn : undefined;
				const progress: ObjectProgress = failure
					? {key: object.key, status: failure.conflicts ? 'conflict' : 'failed', message: failure.message, ...(failure.conflicts ? {conflicts: failure.conflicts} : {})}
					: {key: object.key, status: 'done', message: 'applied'};
				emit({stage: 'progress', object: progress});
				done.push(progress);
			}
			if (done.some(p => p.status !== 'done')) return finish('failed', 'some objects were not written', done);
			emit({stage: 'waiting', message: 'waiting for the controller to report Ready…'});
			script.onExecute?.(request);
			await script.waitUntil;
			return finish('done', `${request.kind} of ${request.target.app} done`, done);
		},
	};
	return runner;
}
