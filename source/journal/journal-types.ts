/**
 * The journal's contract: what every action, refusal and mode change appends to
 * `$XDG_STATE_HOME/gitops-tui/journal.jsonl`, one JSON object a line, each chained to the one before by hash.
 * The actions layer writes through `Journal`; `journal` and `audit` read and verify through it.
 */

/** How an action ended. `dry-run`: planned and checked, nothing written. */
export type JournalOutcomeStatus = 'done' | 'dry-run' | 'refused' | 'failed' | 'cancelled' | 'timed-out';

/** One object an action wrote (or meant to write), with the server's resourceVersion before and after. */
export type JournalObject = {
	apiVersion: string;
	kind: string;
	namespace?: string;
	name: string;
	/** created | changed | pruned | unchanged | annotated | patched | conflict | refused | failed | skipped */
	result: string;
	resourceVersionBefore?: string;
	resourceVersionAfter?: string;
	/** Why, for conflict/refused/failed (never a Secret value). */
	message?: string;
};

/**
 * The app as the action last saw it, when it waited: for Flux and Argo CD what the controller reported (Flux
 * `status.lastAppliedRevision`, Argo CD the sync result's or `status.sync.revision`), for plain apps and rollbacks
 * the revision applied. Recorded so the journal says which revision a reconcile ended at, not only that it ended.
 */
export type JournalAfter = {sync: string; health: string; revision?: string};

/** What the caller hands to `append`: everything but the chain fields. */
export type JournalRecord = {
	/** RFC 3339; the journal's clock when absent. */
	time?: string;
	/** Who acted: SelfSubjectReview's username, else the kubeconfig user. */
	actor: string;
	/** The kubeconfig context, when the entry is about one. */
	context?: string;
	/** The app, when the entry is about one. */
	app?: string;
	/** reconcile | suspend | resume | rollback | read-only-on | read-only-off | ... */
	action: string;
	/** The action's inputs (reason, until, revision, flags), never Secret values. */
	parameters: Record<string, unknown>;
	/** SHA-256 (hex) of the canonical JSON of the plan that was shown and confirmed. */
	planDigest?: string;
	outcome: {status: JournalOutcomeStatus; message?: string; after?: JournalAfter};
	objects: JournalObject[];
};

/** A stored entry: the record plus its place in the chain. */
export type JournalEntry = Omit<JournalRecord, 'time'> & {
	/** 1, 2, 3, … in file order. */
	seq: number;
	time: string;
	/** The previous entry's hash; 64 zeros for the first. */
	prevHash: string;
	/** SHA-256 (hex) of the canonical JSON (sorted keys, no spaces) of the entry without `hash`. */
	hash: string;
};

/** What `verify` found. `problem` names the first bad entry (by seq and line) and what is wrong with it. */
export type JournalVerification =
	| {ok: true; entries: number; headHash: string}
	| {ok: false; entries: number; headHash: string; problem: {line: number; seq?: number; kind: 'edited' | 'deleted' | 'inserted' | 'reordered' | 'malformed' | 'truncated'; message: string}};

/** The journal file. Appends from several processes at once keep the chain valid. */
export type Journal = {
	/** Where it lives. */
	readonly path: string;
	append(record: JournalRecord): Promise<JournalEntry>;
	/** Every entry in file order (an absent file is an empty journal). */
	read(): Promise<JournalEntry[]>;
	/** Checks the chain; with `expectedHead`, also that the last entry's hash is that one (a cut tail). */
	verify(options?: {expectedHead?: string}): Promise<JournalVerification>;
};
