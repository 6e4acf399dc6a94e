/**
 * What the TUI shows, as one plain value: the repo, the contexts and every judged app. The hooks
 * build it from the evaluation pipeline; screens only read it.
 */
import type {AppStatus} from '../domain/app.js';
import type {KubeObject} from '../domain/kube-object.js';

/** The config repo as the header shows it. */
export type GitView = {
	/** Undefined when no repository is loaded (no --repo): not an outage, just nothing to compare with. */
	repo?: string;
	branch?: string;
	head?: string;
	/** ISO time of the last successful fetch; undefined for a local repo never fetched. */
	lastFetch?: string;
	reachable: boolean;
	error?: string;
};

/** Whether the controller can fetch an app's source, with its message when it cannot. */
export type SourceView = {ready: boolean; message?: string};

/** What an app's controller says beside its verdict: its own message and when it last applied (a wide list shows them). */
export type ControllerNote = {message?: string; lastSync?: string};

/** One kubeconfig context and whether it answers. */
export type ContextView = {
	name: string;
	state: 'connecting' | 'ready' | 'unauthorized' | 'forbidden' | 'unreachable' | 'timed-out';
	error?: string;
};

/** A commit touching an app's path, with what each controller deployed marked. */
export type CommitView = {sha: string; author: string; date: string; subject: string};

export type FleetSnapshot = {
	git: GitView;
	contexts: ContextView[];
	apps: AppStatus[];
	/** Live objects per context that may be children in app trees (ReplicaSets, Pods, Jobs) and Events. */
	liveByContext: Record<string, readonly KubeObject[]>;
	/** ISO time the verdicts were computed; undefined until the first evaluation finished. */
	evaluatedAt?: string;
	/** Each app's source (GitRepository, repo server) as its controller reports it, by appId; absent for plain apps. */
	sources?: Record<string, SourceView>;
	/** Each app's controller message and last sync time, by appId; absent where the controller reports neither. */
	controllers?: Record<string, ControllerNote>;
	/** Why the latest evaluation failed (the verdicts shown are from the one before, if any). */
	problem?: string;
};

/** The stable identity of an app across snapshots: the same app on two contexts is two apps. */
export function appId(app: Pick<AppStatus, 'context' | 'engine' | 'namespace' | 'name'>): string {
	return `${app.context}/${app.engine}/${app.namespace}/${app.name}`;
}
