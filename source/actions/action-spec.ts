/**
 * What each action (reconcile.ts, suspend.ts, resume.ts, rollback.ts) hands the runner: the writes in order with
 * the object each one changes as it is now, what would be pruned, the steps and warnings a person reads, the
 * journal's parameters, and how to wait for the controller afterwards. The runner does the rest the same way
 * for every action: dry-run, can-I, confirm, execute, wait, journal.
 */
import type {ContextClient} from '../cluster/context-client.js';
import type {KubeObject} from '../domain/kube-object.js';
import type {ActionPlan, PlannedObject} from '../domain/action.js';
import type {AppWrite} from '../engines/app-writes.js';

/** One write with the object as it was read before (absent: it does not exist yet). */
export type SpecWrite = {
	write: AppWrite;
	live?: KubeObject;
	/** A control write (pause, annotation): when it fails, nothing after it runs. */
	stopOnFailure: boolean;
	/** Waits for the controller between this write and the next (Flux: the source before its Kustomization). */
	then?: WaitStep;
	/** What the plan says about this write besides its diff (fields kept because the ignore rules hide them). */
	notes?: string[];
};

/** How a wait ended. */
export type WaitResult = {outcome: 'done' | 'timed-out' | 'failed'; message: string; after?: {sync: string; health: string; revision?: string}};

/** What a wait may use. */
export type WaitContext = {
	client: (context: string) => ContextClient;
	/** Sleeps one poll interval; false once the deadline passed or the action was aborted. */
	tick(): Promise<boolean>;
	say(message: string): void;
};

/** Polls until the controller reacted or the deadline passed. */
export type WaitStep = (context: WaitContext) => Promise<WaitResult>;

/** An action, ready to plan; or why it cannot be planned (the action fails before any write). */
export type ActionSpec = {
	writes: SpecWrite[];
	/** Objects the app has live that the applied revision lacks (listed even when not pruning). */
	prunes?: PlannedObject[];
	steps: string[];
	warnings: string[];
	fieldManager?: string;
	revision?: ActionPlan['revision'];
	parameters: Record<string, unknown>;
	/** After every write: until Synced/Healthy (when the request has a timeout). */
	wait?: WaitStep;
};

/** A spec, or a failure found while planning (app not found, not paused, nothing saved to restore...). */
export type SpecResult = {ok: true; spec: ActionSpec} | {ok: false; outcome: 'failed' | 'refused'; message: string};

/** What every action's planner is given. */
export type SpecInput = {
	located: import('./locate-app.js').LocatedApp;
	deps: import('./deps.js').ActionDeps;
	client(context: string): ContextClient | undefined;
	/** Who acts, as the cluster says (SelfSubjectReview), else the kubeconfig user. */
	username: string;
	now: Date;
	/** Whether the request asked to wait (a timeout was given). */
	waiting: boolean;
	/** --force: conflicts are taken over, and a plain app's pause flag does not stop our reconcile. */
	force?: boolean;
};
