/**
 * The action commands' output: `-o json` prints one `ActionResult` document (the plan, the permission check, each
 * object's result, the app after, the journal entry); the table form prints the plan as it is made (steps,
 * warnings, per-object changes with their exact diffs), then the results. Diffs are masked where they are made;
 * nothing here sees an object body.
 */
import type {ActionEvent, ActionPlan, ActionResult, PermissionCheck} from '../domain/action.js';
import {resourceLabel} from '../domain/resource-key.js';

/** `-o json`: the whole story of one action. */
export type ActionResultDocument = {
	apiVersion: 'gitops-tui/v1';
	kind: 'ActionResult';
	action: string;
	app: string;
	engine: string;
	context: string;
	outcome: ActionResult['outcome'];
	message: string;
	exitCode: number;
	plan?: Omit<ActionPlan, 'request'>;
	permissions?: PermissionCheck;
	objects: ActionResult['objects'];
	after?: ActionResult['after'];
	journal?: ActionResult['journal'];
	journalError?: string;
};

/** 0 done (or a dry run), 1 written but not Synced/Healthy in time, 2 refused, cancelled or failed. */
export function actionExitCode(result: ActionResult): number {
	if (result.outcome === 'done' || result.outcome === 'dry-run') return 0;
	if (result.outcome === 'timed-out') return 1;
	// Every write went through but the controller's operation failed: done, not healthy.
	if (result.outcome === 'failed' && result.after && result.objects.length > 0 && result.objects.every(object => object.status === 'done')) return 1;
	return 2;
}

/** Builds the JSON document. */
export function actionDocument(result: ActionResult, plan: ActionPlan | undefined, check: PermissionCheck | undefined): ActionResultDocument {
	const {target} = result.request;
	const document: ActionResultDocument = {
		apiVersion: 'gitops-tui/v1',
		kind: 'ActionResult',
		action: result.request.kind,
		app: target.app,
		engine: target.engine,
		context: target.context,
		outcome: result.outcome,
		message: result.message,
		exitCode: actionExitCode(result),
		objects: result.objects,
	};
	if (plan) {
		const {request: _request, ...rest} = plan;
		document.plan = rest;
	}
	if (check) document.permissions = check;
	if (result.after) document.after = result.after;
	if (result.journal) document.journal = result.journal;
	if (result.journalError) document.journalError = result.journalError;
	return document;
}

/** The table form, one event at a time (so a person sees the plan before being asked). */
export function actionEventText(event: ActionEvent): string {
	switch (event.stage) {
		case 'planned':
			return planText(event.plan);
		case 'checked':
			return event.check.allowed ? `permissions: ${event.check.items.length} check(s) allowed for ${event.check.identity}\n` : `permissions refused:\n${event.check.items.filter(item => !item.allowed).map(item => `  ${item.reason}\n`).join('')}`;
		case 'progress':
			return event.object.status === 'running' ? '' : `  ${event.object.status.padEnd(8)} ${resourceLabel(event.object.key)}${event.object.message ? `: ${event.object.message}` : ''}\n`;
		case 'waiting':
			return `  ${event.message}\n`;
		case 'finished':
			return resultText(event.result);
		default:
			return '';
	}
}

function planText(plan: ActionPlan): string {
	const {target} = plan.request;
	const lines = [`${plan.request.kind} ${target.engine}/${target.app} on context ${target.context}`];
	if (plan.revision) lines.push(`revision: ${plan.revision.sha}${plan.revision.subject ? ` "${plan.revision.subject}"` : ''} (${plan.revision.source === 'clone' ? 'local clone' : 'last-known-good store'})`);
	if (plan.fieldManager) lines.push(`field manager: ${plan.fieldManager}`);
	lines.push('plan:', ...plan.steps.map((step, index) => `  ${index + 1}. ${step}`));
	for (const warning of plan.warnings) lines.push(`warning: ${warning}`);
	lines.push('objects:');
	for (const object of plan.objects) {
		const prune = object.change === 'prune' ? (object.willPrune ? ' (will be deleted)' : ' (kept: no --prune)') : '';
		lines.push(`  ${object.change.padEnd(9)} ${resourceLabel(object.key)}${prune}${object.summary ? `  # ${object.summary}` : ''}`);
		if (object.diff) lines.push(...object.diff.trimEnd().split('\n').map(line => `      ${line}`));
	}
	return `${lines.join('\n')}\n`;
}

function resultText(result: ActionResult): string {
	const lines = [`${result.outcome}: ${result.message}`];
	if (result.after) lines.push(`app: ${result.after.sync}, ${result.after.health}${result.after.revision ? ` at ${result.after.revision}` : ''}`);
	if (result.journal) lines.push(`journal: entry ${result.journal.seq} (${result.journal.hash.slice(0, 12)})`);
	if (result.journalError) lines.push(`journal: NOT written: ${result.journalError}`);
	return `${lines.join('\n')}\n`;
}
