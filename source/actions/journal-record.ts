/**
 * The record stage's pieces: the plan's digest (what the journal says was shown and confirmed) and the journal
 * record of an action's end. Parameters never carry Secret values: actions put only flags, reasons and revisions in.
 */
import type {ActionOutcome, ActionPlan, ActionRequest} from '../domain/action.js';
import {digestOf} from '../journal/canonical-json.js';
import type {JournalAfter, JournalObject, JournalRecord} from '../journal/journal-types.js';

/** SHA-256 of the plan's canonical JSON (keys sorted), the digest left out. */
export function planDigest(plan: Omit<ActionPlan, 'digest'>): string {
	return digestOf(plan);
}

/** The record appended when an action ends, however it ends. */
export function actionRecord(input: {
	request: ActionRequest;
	actor: string;
	outcome: ActionOutcome;
	message: string;
	parameters: Record<string, unknown>;
	digest?: string;
	objects: JournalObject[];
	/** What the wait saw at the end (the controller's revision, sync and health). */
	after?: JournalAfter;
	time: Date;
}): JournalRecord {
	return {
		time: input.time.toISOString(),
		actor: input.actor,
		context: input.request.target.context,
		app: input.request.target.app,
		action: input.request.kind,
		parameters: {engine: input.request.target.engine, namespace: input.request.target.namespace, ...input.parameters},
		...(input.digest ? {planDigest: input.digest} : {}),
		outcome: {status: input.outcome, message: input.message, ...(input.after ? {after: input.after} : {})},
		objects: input.objects,
	};
}
