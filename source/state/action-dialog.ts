/**
 * The action dialog as plain data: one flow for every action, driven by the engine's stages (planned, checked,
 * confirmation asked, executing, progress, finished). The hook that runs the action feeds these events in and
 * reads the operator's answer back out; the view renders whatever stage the dialog is at.
 */
import type {
	ActionEvent,
	ActionKind,
	ActionPlan,
	ActionRequest,
	ActionResult,
	ActionTarget,
	ObjectProgress,
	PermissionCheck,
} from '../domain/action.js';
import {resourceId} from '../domain/resource-key.js';

export type DialogStage = 'form' | 'starting' | 'planning' | 'planned' | 'checked' | 'confirming' | 'executing' | 'finished';

/** Pause asks for a reason (required) and a duration (optional) before anything runs. */
export type PauseForm = {reason: string; duration: string; field: 'reason' | 'duration'; error?: string};

export type ActionDialog = {
	/** Tells this run's events from a previous one's. */
	id: number;
	appId: string;
	kind: ActionKind;
	target: ActionTarget;
	/** What the title says, e.g. "reconcile shop on prod-eu (with source)". */
	title: string;
	stage: DialogStage;
	form?: PauseForm;
	/** Set once the form is done (or at once for actions without one): the hook starts the run on it. */
	request?: ActionRequest;
	/** Server-side apply with force: asked for after field conflicts, planned and confirmed again. */
	force?: boolean;
	plan?: ActionPlan;
	check?: PermissionCheck;
	/** The confirmation asked; on a protected context the operator types the context name. */
	confirm?: {protectedContext: boolean; typed: string; error?: string};
	/** The operator's answer, for the hook to hand back to the engine. */
	answer?: {confirmed: boolean; typed?: string};
	progress: ObjectProgress[];
	waiting?: string;
	result?: ActionResult;
	/** The engine itself failed (threw): the message, nothing more is known. */
	crash?: string;
	/** A one-line remark on the last key (e.g. why esc does not cancel any more). */
	notice?: string;
	scroll: number;
};

/** Stages at which nothing has been written yet, so esc cancels. */
export function cancellable(dialog: ActionDialog): boolean {
	return dialog.stage !== 'executing' && dialog.stage !== 'finished';
}

/** A finished run whose writes hit field conflicts: it may be planned again with force. */
export function conflicted(dialog: ActionDialog): boolean {
	return dialog.stage === 'finished' && !dialog.force && dialog.progress.some(item => item.status === 'conflict');
}

/** Replaces an object's progress by key, or appends it. */
function withProgress(list: readonly ObjectProgress[], update: ObjectProgress): ObjectProgress[] {
	const id = resourceId(update.key);
	const index = list.findIndex(item => resourceId(item.key) === id);
	return index < 0 ? [...list, update] : list.map((item, i) => (i === index ? update : item));
}

/** Applies one engine stage to the dialog. */
export function dialogWithEvent(dialog: ActionDialog, event: ActionEvent): ActionDialog {
	switch (event.stage) {
		case 'planning':
			return {...dialog, stage: 'planning'};
		case 'planned':
			return {...dialog, stage: 'planned', plan: event.plan};
		case 'checked':
			return {...dialog, stage: 'checked', check: event.check};
		case 'executing':
			return {...dialog, stage: 'executing', progress: event.objects, notice: undefined};
		case 'progress':
			return {...dialog, progress: withProgress(dialog.progress, event.object)};
		case 'waiting':
			return {...dialog, waiting: event.message};
		case 'finished': {
			const {result} = event;
			return {...dialog, stage: 'finished', result, progress: result.objects.length > 0 ? result.objects : dialog.progress, notice: undefined};
		}
	}
}

/** One line for the message bar once the dialog is closed: what happened, and the journal entry. */
export function resultSummary(dialog: ActionDialog): string {
	if (dialog.crash) return `${dialog.title}: failed: ${dialog.crash}`;
	const result = dialog.result;
	if (!result) return `${dialog.title}: cancelled, nothing was written`;
	const journal = result.journal ? ` (journal #${result.journal.seq})` : '';
	return `${dialog.title}: ${result.outcome}${result.message ? `: ${result.message}` : ''}${journal}`;
}
