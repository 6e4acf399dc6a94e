/**
 * The action dialog's body as classified lines, newest news first: the result (and its journal entry), progress
 * per object, then the plan (steps, warnings, objects with refused ones greyed and why), the permission check,
 * and each object's exact diff. One scrollable list keeps 80×24 workable whatever the plan's size.
 */
import type {ObjectProgress, PermissionCheck, PermissionItem, PlannedObject} from '../domain/action.js';
import {resourceLabel, type ResourceKey} from '../domain/resource-key.js';
import type {ActionDialog} from './action-dialog.js';

export type DialogTone = 'title' | 'plain' | 'muted' | 'ok' | 'error' | 'warning' | 'added' | 'removed' | 'hunk' | 'refused';

export type DialogLine = {text: string; tone: DialogTone};

const changeMarks: Record<PlannedObject['change'], string> = {create: '+ create', change: '~ change', unchanged: '= same', prune: '- prune', patch: '~ patch', annotate: '@ annotate'};

const statusTones: Record<ObjectProgress['status'], DialogTone> = {pending: 'muted', running: 'plain', done: 'ok', failed: 'error', conflict: 'error', skipped: 'muted'};

/** The refused permission item that covers an object, matched by group, namespace, name and resource (kind, plural). */
export function refusalFor(key: ResourceKey, check: PermissionCheck | undefined): PermissionItem | undefined {
	const kind = key.kind.toLowerCase().replace(/y$/, '');
	return check?.items.find(
		item =>
			!item.allowed &&
			item.group === key.group &&
			(item.namespace === undefined || item.namespace === key.namespace) &&
			(item.name === undefined || item.name === key.name) &&
			item.resource.toLowerCase().startsWith(kind),
	);
}

function diffTone(text: string): DialogTone {
	if (text.startsWith('+++') || text.startsWith('---')) return 'title';
	if (text.startsWith('@@')) return 'hunk';
	if (text.startsWith('+')) return 'added';
	if (text.startsWith('-')) return 'removed';
	return text.startsWith('#') ? 'muted' : 'plain';
}

function resultLines(dialog: ActionDialog): DialogLine[] {
	if (dialog.crash) return [{text: `failed: ${dialog.crash}`, tone: 'error'}];
	const result = dialog.result;
	if (!result) return [];
	const good = result.outcome === 'done' || result.outcome === 'dry-run';
	const lines: DialogLine[] = [{text: `${result.outcome}${result.message ? `: ${result.message}` : ''}`, tone: good ? 'ok' : result.outcome === 'cancelled' ? 'muted' : 'error'}];
	if (result.after) lines.push({text: `now ${result.after.sync}, ${result.after.health}${result.after.revision ? ` at ${result.after.revision.slice(0, 12)}` : ''}`, tone: 'plain'});
	if (result.journal) lines.push({text: `journal entry #${result.journal.seq} (hash ${result.journal.hash.slice(0, 12)})`, tone: 'muted'});
	else lines.push({text: `journal not written${result.journalError ? `: ${result.journalError}` : ''}`, tone: 'error'});
	return lines;
}

function progressLines(dialog: ActionDialog): DialogLine[] {
	if (dialog.progress.length === 0) return dialog.waiting && dialog.stage === 'executing' ? [{text: dialog.waiting, tone: 'muted'}] : [];
	const lines: DialogLine[] = [{text: 'objects:', tone: 'title'}];
	for (const item of dialog.progress) {
		lines.push({text: `  ${item.status.padEnd(8)} ${resourceLabel(item.key)}${item.message ? ` — ${item.message}` : ''}`, tone: statusTones[item.status]});
		for (const conflict of item.conflicts ?? []) lines.push({text: `    ${conflict.field} is owned by ${conflict.manager}`, tone: 'error'});
	}
	if (dialog.waiting && dialog.stage === 'executing') lines.push({text: dialog.waiting, tone: 'muted'});
	return lines;
}

function planLines(dialog: ActionDialog): DialogLine[] {
	const plan = dialog.plan;
	if (!plan) return dialog.result || dialog.crash ? [] : [{text: 'planning: rendering and comparing with live (exact dry-run)…', tone: 'muted'}];
	const lines: DialogLine[] = plan.warnings.map(text => ({text: `! ${text}`, tone: 'warning' as const}));
	if (plan.revision) lines.push({text: `revision ${plan.revision.sha.slice(0, 7)}${plan.revision.subject ? ` "${plan.revision.subject}"` : ''} from the ${plan.revision.source === 'clone' ? 'local clone' : 'last-known-good store'}`, tone: 'plain'});
	if (plan.fieldManager) lines.push({text: `field manager ${plan.fieldManager}`, tone: 'muted'});
	lines.push({text: 'steps:', tone: 'title'}, ...plan.steps.map((step, i) => ({text: `  ${i + 1}. ${step}`, tone: 'plain' as const})));
	const changed = plan.objects.filter(o => o.change !== 'unchanged');
	lines.push({text: `plan: ${changed.length} of ${plan.objects.length} object${plan.objects.length === 1 ? '' : 's'} change`, tone: 'title'});
	for (const object of plan.objects) {
		const refused = refusalFor(object.key, dialog.check);
		const kept = object.change === 'prune' && !object.willPrune ? ' (kept: pruning not asked)' : '';
		const summary = object.summary ? ` — ${object.summary}` : '';
		lines.push({text: `  ${changeMarks[object.change].padEnd(10)} ${resourceLabel(object.key)}${summary}${kept}${refused ? ' [refused]' : ''}`, tone: refused ? 'refused' : object.change === 'unchanged' ? 'muted' : 'plain'});
	}
	return lines;
}

function checkLines(dialog: ActionDialog): DialogLine[] {
	const check = dialog.check;
	if (!check) return dialog.plan && !dialog.result ? [{text: 'checking permissions (SelfSubjectAccessReview)…', tone: 'muted'}] : [];
	if (check.allowed) return [{text: `permission: ${check.identity} may do all ${check.items.length} of it`, tone: 'ok'}];
	const refused = check.items.filter(item => !item.allowed);
	return [
		{text: `permission: ${check.identity} is refused ${refused.length} of ${check.items.length}; nothing will be written`, tone: 'error'},
		...refused.map(item => ({text: `  refused: ${item.reason ?? `cannot ${item.verb} ${item.resource}${item.namespace ? ` in ${item.namespace}` : ''}`}`, tone: 'refused' as const})),
	];
}

function diffLines(dialog: ActionDialog): DialogLine[] {
	return (dialog.plan?.objects ?? [])
		.filter(object => object.diff)
		.flatMap(object => [
			{text: `diff of ${resourceLabel(object.key)} (exact, live → after):`, tone: 'title' as const},
			...object.diff!.trimEnd().split('\n').map(text => ({text, tone: diffTone(text)})),
		]);
}

/** Every line of the dialog's body, for the view to window. */
export function dialogLines(dialog: ActionDialog): DialogLine[] {
	return [...resultLines(dialog), ...progressLines(dialog), ...planLines(dialog), ...checkLines(dialog), ...diffLines(dialog)];
}

/** Body lines the dialog shows in a body of `height` rows: its title and the prompt with its remark take three. */
export function dialogBodyRows(height: number): number {
	return Math.max(1, height - 3);
}
