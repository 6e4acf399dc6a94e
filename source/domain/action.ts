/**
 * Operator actions as plain data: what is asked, what would be written (the plan), what the cluster allows (the
 * check), how each object fared, and how it ended. `actions/` produces these stage by stage; the commands print
 * them and the TUI's dialog shows them, so both front ends tell the same story.
 */
import type {Engine} from './app.js';
import type {ResourceKey} from './resource-key.js';

/** The actions of PRODUCT.md's table. */
export type ActionKind = 'reconcile' | 'suspend' | 'resume' | 'rollback';

/** The app an action is for: one app on one context. */
export type ActionTarget = {app: string; engine: Engine; context: string; namespace: string};

/** What the operator asked for, with the action's own parameters. */
export type ActionRequest =
	| {kind: 'reconcile'; target: ActionTarget; withSource?: boolean; prune?: boolean; timeoutMs?: number}
	| {kind: 'suspend'; target: ActionTarget; reason: string; until?: string}
	| {kind: 'resume'; target: ActionTarget; automated?: Record<string, unknown>; timeoutMs?: number}
	| {kind: 'rollback'; target: ActionTarget; revision?: string; prune?: boolean; fieldManager?: string; timeoutMs?: number};

/** What one object would undergo. `prune` objects are listed even when pruning is off (`willPrune: false`). */
export type PlannedChange = 'create' | 'change' | 'unchanged' | 'prune' | 'patch' | 'annotate';

/** One object of the plan. `diff` is the exact (server-side dry-run) unified diff, Secret values masked. */
export type PlannedObject = {
	key: ResourceKey;
	change: PlannedChange;
	/** For `prune`: whether this run deletes it (only when pruning was asked). */
	willPrune?: boolean;
	diff?: string;
	/** One line on what is written, e.g. `spec.suspend: true` or `annotation reconcile.fluxcd.io/requestedAt`. */
	summary?: string;
};

/** What will be written, before anything is. `digest` is what the journal records as confirmed. */
export type ActionPlan = {
	request: ActionRequest;
	/** One line per step, in order, as a person reads it ("pause auto-sync: spec.suspend=true", ...). */
	steps: string[];
	objects: PlannedObject[];
	/** Things to know before confirming (Git outage: the controller cannot fetch either; app-of-apps re-enables...). */
	warnings: string[];
	/** For applies: the field manager and why (so a later resume hands ownership back). */
	fieldManager?: string;
	/** For rollback: the revision applied and where its manifests came from. */
	revision?: {sha: string; subject?: string; source: 'clone' | 'last-known-good'};
	digest: string;
};

/** One can-I question the action needs answered yes. */
export type PermissionItem = {
	verb: string;
	group: string;
	resource: string;
	subresource?: string;
	namespace?: string;
	name?: string;
	allowed: boolean;
	/** Why not, as a person reads it: "viewer cannot patch kustomizations.kustomize.toolkit.fluxcd.io in flux-system". */
	reason?: string;
};

/** The permission check: every item must be allowed before any write. */
export type PermissionCheck = {identity: string; items: PermissionItem[]; allowed: boolean};

/** How one object fared while executing. Conflicts name the fields and the managers that own them. */
export type ObjectProgress = {
	key: ResourceKey;
	status: 'pending' | 'running' | 'done' | 'failed' | 'conflict' | 'skipped';
	message?: string;
	conflicts?: Array<{field: string; manager: string}>;
};

/** How an action ended (the journal's outcome vocabulary). */
export type ActionOutcome = 'done' | 'dry-run' | 'refused' | 'failed' | 'cancelled' | 'timed-out';

/** The end of an action: the outcome, what happened to each object, the app's state after, the journal entry. */
export type ActionResult = {
	request: ActionRequest;
	outcome: ActionOutcome;
	message: string;
	objects: ObjectProgress[];
	/** The app as its controller left it, when the action waited for it. */
	after?: {sync: string; health: string; revision?: string};
	/** The journal entry written (its seq and hash), absent only when the journal itself could not be written. */
	journal?: {seq: number; hash: string};
	/** When writing the journal failed: why (the action's own outcome stands). */
	journalError?: string;
};

/** The stages a front end sees, in order; `confirm` is asked between `checked` and `executing`. */
export type ActionEvent =
	| {stage: 'planning'}
	| {stage: 'planned'; plan: ActionPlan}
	| {stage: 'checked'; check: PermissionCheck}
	| {stage: 'executing'; objects: ObjectProgress[]}
	| {stage: 'progress'; object: ObjectProgress}
	| {stage: 'waiting'; message: string}
	| {stage: 'finished'; result: ActionResult};

/** What a confirmation callback is shown; on protected contexts the answer must be the context name typed. */
export type ConfirmationRequest = {plan: ActionPlan; check: PermissionCheck; context: string; protectedContext: boolean};

/** Yes (`true`, or on a protected context the typed text, checked against the context name) or no. */
export type Confirmation = (request: ConfirmationRequest) => Promise<{confirmed: boolean; typed?: string}>;
